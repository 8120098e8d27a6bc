# ruff: noqa: E501 - the reports are prose, one sentence a line
"""Three invented reports of one story a week apart, for the tests of memos made since
earlier ones: ceasefire talks between the army of Darvan and the Rapid Guard in Port
Selim. Written for these tests (names, places and figures are made up).

Between the first and the second report: the UN's count of the displaced is revised from
8 million to 9 million; the army's delegation gets a new head (General Rashid Osman
Kabbar); he gives a quotation new to the story; the first report's event (the talks
opening) is told again as background; a figure (3 million facing hunger) and Maalouf's
position stay the same. The third report has the signing of a truce (new), a further
revision (9.5 million), a quotation of Maalouf's new to the story, and Kabbar again under
his surname alone.
"""

from __future__ import annotations

REPORT_1 = """Darvan ceasefire talks open in Port Selim as displacement passes 8 million
PORT SELIM, March 3 (Meridian Wire) - Delegations of the Darvan army and the Rapid Guard opened ceasefire talks in Port Selim on Tuesday, the first direct meeting between the two sides since the war began.
The United Nations says 8 million people have been displaced by the fighting, more than in any other crisis.
General Hamid al-Nour, head of the army delegation, said the army would not accept any deal that left the Rapid Guard in control of cities.
“We came to talk, but we will not sign away our country,” al-Nour told reporters outside the conference hall.
The Rapid Guard delegation is led by its political adviser, Yusra Maalouf.
Maalouf said the group supported a nationwide truce to allow aid convoys to move.
Aid agencies say 3 million people face acute hunger in the western provinces.
The talks are hosted by the government of Kesh and are expected to last a week."""

REPORT_2 = """Darvan army names new negotiator as Port Selim talks enter second week
PORT SELIM, March 10 (Meridian Wire) - The Darvan army recalled General Hamid al-Nour from the ceasefire talks in Port Selim on Monday and sent General Rashid Osman Kabbar in his place.
General Rashid Osman Kabbar, the new head of the army delegation, said the army was ready to discuss a truce limited to the western provinces.
“A truce in the west can save lives, and we are ready to sign one this week,” Kabbar told reporters.
The United Nations said on Monday that 9 million people have now been displaced by the fighting, revising its earlier estimate of 8 million after new surveys in the south.
Delegations of the army and the Rapid Guard opened the talks in Port Selim last Tuesday, the first direct meeting between the two sides since the war began.
Rapid Guard adviser Yusra Maalouf said the group still supported a nationwide truce to allow aid convoys to move.
Aid agencies say 3 million people face acute hunger in the western provinces.
Mediators from Kesh presented a draft map of the truce lines to both delegations on Monday evening."""

REPORT_3 = """Darvan truce signed for the western provinces
PORT SELIM, March 17 (Meridian Wire) - The Darvan army and the Rapid Guard signed a truce covering the western provinces in Port Selim on Monday, the first agreement of the talks.
Kabbar said the truce would take effect at midnight on Wednesday.
“This is a first step, not the last one,” Yusra Maalouf said after the signing.
The United Nations says 9.5 million people have now been displaced by the fighting.
Aid agencies say 3 million people face acute hunger in the western provinces."""

PUBLISHED_1 = "2026-03-03T10:00"
PUBLISHED_2 = "2026-03-10T10:00"
PUBLISHED_3 = "2026-03-17T10:00"
MEMO_DATE_1 = "March 3, 2026"
MEMO_DATE_2 = "March 10, 2026"
MEMO_DATE_3 = "March 17, 2026"
