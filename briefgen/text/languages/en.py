"""English: the words news English puts around a quotation.

General English, not the words of any one article: the commonest verbs of speech in
their forms, the titles written before names, the nouns that describe a speaker by role,
and the words that never end a speaker's noun phrase.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.text.languages import Lexicon


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Each row: the forms of one verb of speech.
_SPEECH_VERBS = """
say says said saying | tell tells told telling | add adds added adding
state states stated stating | write writes wrote writing written
tweet tweets tweeted tweeting | post posts posted posting | ask asks asked asking
answer answers answered answering | reply replies replied replying
respond responds responded responding | explain explains explained explaining
declare declares declared declaring | argue argues argued arguing
announce announces announced announcing | quip quips quipped quipping
joke jokes joked joking | recall recalls recalled recalling
remark remarks remarked remarking | admit admits admitted admitting
concede concedes conceded conceding | continue continues continued continuing
observe observes observed observing | stress stresses stressed stressing
emphasise emphasises emphasised emphasising | emphasize emphasizes emphasized emphasizing
urge urges urged urging | promise promises promised promising | vow vows vowed vowing
predict predicts predicted predicting | suggest suggests suggested suggesting
acknowledge acknowledges acknowledged acknowledging | counter counters countered countering
caution cautions cautioned cautioning | complain complains complained complaining
boast boasts boasted boasting | insist insists insisted insisting
claim claims claimed claiming | warn warns warned warning | note notes noted noting
shout shouts shouted shouting | yell yells yelled yelling | chant chants chanted chanting
exclaim exclaims exclaimed exclaiming | whisper whispers whispered whispering
testify testifies testified testifying | conclude concludes concluded concluding
confess confesses confessed confessing | assert asserts asserted asserting
allege alleges alleged alleging | contend contends contended contending
maintain maintains maintained maintaining | retort retorts retorted retorting
interject interjects interjected interjecting | recount recounts recounted recounting
lament laments lamented lamenting | muse muses mused musing
wonder wonders wondered wondering | demand demands demanded demanding
plead pleads pleaded pled pleading | pledge pledges pledged pledging
proclaim proclaims proclaimed proclaiming | affirm affirms affirmed affirming
reiterate reiterates reiterated reiterating | repeat repeats repeated repeating
clarify clarifies clarified clarifying | speculate speculates speculated speculating
assure assures assured assuring | remind reminds reminded reminding
cry cries cried crying | scoff scoffs scoffed scoffing | snap snaps snapped snapping
charge charges charged charging | bark barks barked barking | laugh laughs laughed laughing
sigh sighs sighed sighing | gripe gripes griped griping | fume fumes fumed fuming
grumble grumbles grumbled grumbling | mutter mutters muttered muttering
remember remembers remembered remembering
brag brags bragged bragging | marvel marvels marveled marvelled marveling marvelling
email emails emailed emailing | opine opines opined opining
report reports reported reporting | echo echoes echoed echoing
commented commenting | mention mentions mentioned mentioning
confirm confirms confirmed confirming | reveal reveals revealed revealing
elaborate elaborates elaborated elaborating
mock mocks mocked mocking | blast blasts blasted blasting | read reads
react reacts reacted reacting | retaliate retaliates retaliated retaliating
"""
# Verbs of speech with a particle, each form and its particle. Not "went on": before a
# quotation it is as often a trip ("went on a tour with “…”") as speech.
_PARTICLE_VERBS = (
    ("shoot shoots shot shooting", "back"),
    ("fire fires fired firing", "back"),
    ("write writes wrote writing", "back"),
    ("point points pointed pointing", "out"),
    ("chime chimes chimed chiming", "in"),
    ("weigh weighs weighed weighing", "in"),
    ("put puts putting", "it"),
)
_PARTICLE_PAIRS = frozenset(
    (verb, particle) for forms, particle in _PARTICLE_VERBS for verb in forms.split()
)
_LISTENER_VERBS = "tell tells told telling assure assures assured assuring remind reminds reminded"

_HONORIFICS = """
mr mrs ms miss mx dr prof sir dame lord lady rev fr sen rep gov lt gen col maj capt cpt
attorney
sgt adm cmdr pres amb hon atty supt insp det cllr president vice senator representative
congressman congresswoman governor mayor secretary minister chancellor premier king queen
prince princess pope ambassador general admiral colonel major captain sergeant sheikh emir
judge justice speaker chairman chairwoman commissioner director rabbi imam cardinal bishop
father sister brother
"""
_MALE = """
mr sir lord king prince father brother son husband congressman chairman spokesman
businessman
"""
_FEMALE = """
mrs ms miss dame lady queen princess sister mother daughter wife congresswoman chairwoman
spokeswoman businesswoman
"""

# A speaker described by role: singular and plural of each.
_PERSON_NOUNS = """
official officials spokesman spokesmen spokeswoman spokeswomen spokesperson spokespeople
aide aides adviser advisers advisor advisors source sources president presidents
vice-president senator senators lawmaker lawmakers legislator legislators representative
representatives congressman congressmen congresswoman congresswomen governor governors
mayor mayors minister ministers secretary secretaries ambassador ambassadors diplomat
diplomats envoy envoys leader leaders chairman chairmen chairwoman chairwomen chair
director directors chief chiefs commissioner commissioners judge judges justice justices
lawyer lawyers attorney attorneys prosecutor prosecutors officer officers agent agents
analyst analysts expert experts economist economists strategist strategists consultant
consultants pollster pollsters researcher researchers professor professors scientist
scientists historian historians author authors writer writers columnist columnists
reporter reporters correspondent correspondents journalist journalists editor editors
host hosts anchor anchors commentator commentators activist activists organizer
organizers organiser organisers campaigner campaigners advocate advocates supporter
supporters critic critics opponent opponents voter voters resident residents candidate
candidates nominee nominees rival rivals challenger challengers incumbent incumbents
manager managers staffer staffers worker workers employee employees executive executives
businessman businessmen businesswoman businesswomen billionaire billionaires mogul
donor donors delegate delegates member members witness witnesses victim victims survivor
survivors man men woman women father mother son daughter wife husband brother sister
friend friends neighbor neighbors neighbour neighbours student students teacher teachers
veteran veterans soldier soldiers commander commanders general generals colonel
protester protesters protestor protestors demonstrator demonstrators insider insiders
operative operatives surrogate surrogates ally allies colleague colleagues partner
partners owner owners founder founders premier chancellor king queen prince princess
monarch pope cleric clerics bishop priest rabbi imam doctor doctors physician physicians
nurse nurses farmer farmers governor-elect president-elect speaker minister-president
chairperson ceo presenter presenters negotiator negotiators person persons people
designer designers narrator narrators user users tycoon tycoons employer employers
entrepreneur entrepreneurs investor investors banker bankers trader traders broker
brokers accountant accountants engineer engineers architect architects artist artists
actor actors actress actresses singer singers musician musicians comedian comedians
celebrity celebrities athlete athletes player players coach coaches fan fans
spectator spectators viewer viewers listener listeners reader readers caller callers
blogger bloggers pundit pundits blogger moderator moderators interviewer interviewers
chef chefs driver drivers pilot pilots officer guard guards sheriff sheriffs deputy
deputies detective detectives investigator investigators inspector inspectors auditor
auditors regulator regulators official regulator trustee trustees treasurer treasurers
secretary-general president-elect lieutenant sergeant sergeants marine marines sailor
sailors contractor contractors scholar scholars lecturer lecturers physicist chemist
biologist psychologist psychiatrist therapist therapists counselor counselors pastor
pastors minister reverend preacher preachers believer believers worshipper worshippers
parent parents grandmother grandmothers grandfather grandfathers mom moms dad dads
child children kid kids teenager teenagers boy boys girl girls cousin uncle aunt nephew
niece widow widower fiancee fiance girlfriend boyfriend spouse roommate classmate
shopper shoppers customer customers client clients patient patients tenant tenants
landlord landlords homeowner homeowners taxpayer taxpayers citizen citizens immigrant
immigrants refugee refugees migrant migrants asylum-seeker volunteer volunteers
attendee attendees participant participants organiser delegate panelist panelists
hopeful hopefuls juror jurors plaintiff plaintiffs defendant defendants suspect suspects prisoner
prisoners inmate inmates lobbyist lobbyists fundraiser fundraisers campaigner
"""


def _wordnet_person_nouns() -> frozenset[str]:
    """WordNet's nouns for a person (``en_person_nouns.txt``, made by
    ``benchmarks/make_person_nouns.py``)."""
    text = (Path(__file__).parent / "en_person_nouns.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and line[0] != "#")


_PERSON_SUFFIXES = (
    "man",
    "woman",
    "men",
    "women",
    "person",
    "people",
    "ist",
    "ists",
    "-year-old",
    "-year-olds",
)

# Things an article says "said": a document is no speaker.
_DOCUMENT_NOUNS = """
statement statements release report reports letter letters memo memos email emails tweet
tweets post posts ad ads advertisement video videos filing complaint lawsuit transcript
poll polls survey surveys study studies document documents book article editorial op-ed
column speech interview sign banner headline caption message messages note notes text
indictment ruling order bill law resolution platform petition motion proposal plan rule
suit suits listing
draft website page account record records data
"""

_BODY_NOUNS = """
government governments administration ministry department agency commission committee
council campaign party court company firm group organization organisation association
union coalition alliance newspaper paper magazine network broadcaster channel station
outlet website publication daily tabloid police military army navy embassy office bureau
board panel team club university institute foundation charity church family crowd
prosecutors regime cabinet parliament senate legislature congress kremlin
"""

# Inside a capitalised name, these make it a body or a place ("Justice Department",
# "Islamic State", "Clark County"): never a person a pronoun stands for.
_ORGANISATION_WORDS = """
department ministry commission committee council agency administration bureau office
service services board authority court congress senate house assembly parliament party
campaign union association federation coalition alliance foundation institute institution
university college school academy center centre society club group company corporation
corp inc ltd llc co bank fund trust network news times post journal tribune herald
gazette magazine review press media radio television tv channel daily weekly report
watch forum project initiative conference caucus church army navy force forces police
guard command organization organisation movement front state states republic kingdom
county city town village district province region street avenue road square river lake
island islands valley mountain mountains beach park airport station hospital hall tower
capitol museum
"""

# Words that open a speaker's phrase; possessive pronouns do not ("his spokesman" is no
# one the reader can name).
_DETERMINERS = """
the a an one another two three four five six seven eight nine ten several some many
few both all each every this these those
"""

_PRONOUNS = {
    "he": "person",
    "she": "person",
    "they": "group",
    "i": "speaker",
    "we": "speaker",
    "you": "speaker",
    "it": "thing",
}

_FUNCTION_WORDS = """
and or but nor yet so if then than because although though while whereas whether unless
until since as when where why how what which who whom whose that this these those there
here is are was were be been being am has have had do does did will would shall should
can could may might must not never no to of in on at by for from with without into onto
over under about above below across after before during through via per between among
against toward towards upon within along around behind beside beyond near off out up down
he she they it we i you him her them us me his hers its their theirs our ours your yours
my mine himself herself themselves itself ourselves yourself myself also too very just
only even still already again once ever meanwhile however instead indeed separately
afterward afterwards moreover furthermore nevertheless nonetheless likewise similarly
otherwise finally ultimately perhaps maybe yes well any
"""
_NAME_LINKS = "of de del della di da van von der den la le du bin ibn al el y"
_MODIFIER_WORDS = """
also later then once again further first last previously recently earlier has have had
would will could might may should can simply quickly immediately repeatedly often
still now even do does did not never don't doesn't didn't won't wouldn't
"""
_TIME_WORDS = """
monday tuesday wednesday thursday friday saturday sunday today tonight yesterday tomorrow
morning afternoon evening night week weekend month year day days weeks months years ago
later earlier recently now then once again soon before after last next this past
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
"""
_TIME_PREPOSITIONS = "on in at during last this earlier late early"
_PHRASE_PREPOSITIONS = """
in on at during to about of after before with while as from for into over through via
when since at by
"""
_CLAUSE_OPENERS = """
is are was were be been has have had do does did will would shall should can could may
might must not that who which
"""

# Each row: the forms of one verb by which a party takes a stance without speech.
_STANCE_VERBS = """
reject rejects rejected rejecting | oppose opposes opposed opposing
support supports supported supporting | back backs backed backing
refuse refuses refused refusing | want wants wanted wanting | seek seeks sought seeking
deny denies denied denying | accuse accuses accused accusing | blame blames blamed blaming
condemn condemns condemned condemning | welcome welcomes welcomed welcoming
criticise criticises criticised criticising | criticize criticizes criticized criticizing
favour favours favoured favouring | favor favors favored favoring
dismiss dismisses dismissed dismissing | call calls called calling | plan plans planned
agree agrees agreed agreeing | offer offers offered offering
"""
_DENIAL_WORDS = """
deny denies denied denying denial denials reject rejects rejected rejecting dismiss
dismisses dismissed dismissing refute refutes refuted refuting rebut rebuts rebutted
rebuff rebuffs rebuffed dispute disputes disputed disputing contest contests contested
false untrue baseless unfounded groundless fabricated lie lies nonsense
"""


LEXICON = Lexicon(
    code="en",
    speech_verbs=_words(_SPEECH_VERBS.replace("|", " ")) | {" ".join(p) for p in _PARTICLE_PAIRS},
    listener_verbs=_words(_LISTENER_VERBS),
    question_verbs=_words("ask asks asked asking"),
    according_to=(("according", "to"), ("in", "the", "words", "of")),
    honorifics=_words(_HONORIFICS),
    male_words=_words(_MALE),
    female_words=_words(_FEMALE),
    person_nouns=_words(_PERSON_NOUNS),
    common_person_nouns=_wordnet_person_nouns(),
    # The AP stylebook's abbreviations of the US states, as a dateline or "X, N.H." writes them.
    region_abbreviations=_words(
        "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo "
        "mont neb nev n.h n.j n.m n.y n.c n.d okla ore pa r.i s.c s.d tenn vt va wash w.va "
        "wis wyo d.c"
    ),
    person_suffixes=_PERSON_SUFFIXES,
    document_nouns=_words(_DOCUMENT_NOUNS),
    body_nouns=_words(_BODY_NOUNS),
    mass_nouns=_words("police staff personnel people clergy military"),
    organisation_words=_words(_ORGANISATION_WORDS),
    locative_prepositions=_words("in at near across throughout"),
    place_prefixes=_words(
        "north south east west northern southern eastern western central northeast "
        "northwest southeast southwest northeastern northwestern southeastern "
        "southwestern upper lower greater new"
    ),
    possessive_determiners=_words("his her its their our your my whose"),
    determiners=_words(_DETERMINERS),
    pronouns=_PRONOUNS,
    pronoun_genders={
        **dict.fromkeys(("he", "him", "his", "himself"), "male"),
        **dict.fromkeys(("she", "her", "hers", "herself"), "female"),
    },
    function_words=_words(_FUNCTION_WORDS),
    name_links=_words(_NAME_LINKS),
    modifier_words=_words(_MODIFIER_WORDS),
    progressive_auxiliaries=_words("is are was were am be been being"),
    adverb_suffixes=("ly",),
    time_words=_words(_TIME_WORDS),
    weekdays=_words("monday tuesday wednesday thursday friday saturday sunday"),
    time_prepositions=_words(_TIME_PREPOSITIONS),
    phrase_prepositions=_words(_PHRASE_PREPOSITIONS),
    possessive_endings=("'s", "’s", "s'", "s’"),
    clitics=("'s", "'d", "'ll", "'re", "'ve", "'m"),
    clause_openers=_words(_CLAUSE_OPENERS),
    partitives=_words("one two three four some several many most each both"),
    particle_verbs=_PARTICLE_PAIRS,
    continuing_verbs=_words(
        "go goes going went gone continue continues continuing continued proceed proceeds "
        "proceeding proceeded"
    ),
    stance_verbs=_words(_STANCE_VERBS.replace("|", " ")),
    denial_words=_words(_DENIAL_WORDS),
    negations=_words("not never no nor neither n't cannot"),
)
