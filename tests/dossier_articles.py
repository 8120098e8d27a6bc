# ruff: noqa: E501 - the reports are prose, one sentence a line
"""Three invented reports for dossier tests: two of one bombing that disagree on the toll
and on who claimed it, and one unrelated story. Written for these tests; dates are set so
that the second report is the later one.
"""

from __future__ import annotations

BOMBING_A = """Market bombing kills 12 in Karvana
KARVANA, March 4 (Northwire) - A bomb exploded in the central market of Karvana on Tuesday morning, killing 12 people and wounding 30, police said.
The blast struck as traders were opening their stalls near the old mosque.
"We heard a huge noise and then everyone was running," said Amir Daud, a fruit seller.
The Northern Front claimed responsibility for the attack in a statement posted online.
Interior Minister Lena Sorvik said the government would not bow to terror.
Security forces closed the roads into the city centre for the rest of the day."""

BOMBING_B = """Karvana market attack: death toll disputed
KARVANA, March 4 (Eastern Press) - At least 19 people were killed when a bomb tore through the central market of Karvana on Tuesday, hospital officials said.
Dozens more were wounded in the explosion near the old mosque.
The Karvana Liberation Army said it carried out the bombing, in a message sent to local reporters.
"The people responsible will be found and punished," Interior Minister Lena Sorvik said.
Doctors at the city hospital appealed for blood donations.
The market had reopened only last month after repairs."""

UNRELATED = """Trade talks resume in Velmar
VELMAR, March 5 (Coastline News) - Negotiators from Velmar and Ostrand resumed talks on a fisheries agreement on Wednesday after a pause of three months.
The two sides are divided over quotas for cod and herring in the shared bay.
"We want a deal that protects our fishermen," Velmar's trade minister Jonas Berg told reporters.
Ostrand's delegation said it would present a new proposal on Thursday.
The talks are expected to last two weeks."""

PUBLISHED_A = "2026-03-04T09:00"
PUBLISHED_B = "2026-03-04T17:30"
PUBLISHED_C = "2026-03-05T11:00"

FAKE_QUOTE = "We will strike again within the week"
"""A quotation none of the three articles contains, for servers that plant it."""
