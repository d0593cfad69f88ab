"""Who the people in a casualty figure are: group nouns, names, and words that are neither.

Input: the words of a noun phrase ("two police officers", "MURDERED PEASANTS VICTOR
MANUEL VASQUEZ"). Output: the group its people noun belongs to
(``sitrep.models.CASUALTY_GROUPS``), whether the noun is plural, and whether words can be
a person's name. The tables at the top (``GROUP_NOUNS``, ``NOT_PEOPLE``,
``COMMON_WORDS``, ``TITLES``...) are for a domain expert to review.

    >>> _group_in("two police officers")
    ('police', True, 'police officers')
    >>> _is_name(["Jose", "Perez"], caps=False), _is_name(["TELEVISION", "NETWORK"], caps=True)
    (True, False)
"""

from __future__ import annotations

import re

from sitrep.extract.numbers import SCALES, TEENS, TENS, UNITS, _alt, _norm


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_I = re.IGNORECASE


# --------------------------------------------------------------------------------------
# Tables for review
# --------------------------------------------------------------------------------------

# Who the victims are. "singular/plural"; an empty side means the word has no such form
# ("police" is always plural, "crew" is a collective). The last group word of a noun
# phrase decides: "police officers" -> police, "U.S. service members" -> see FOREIGN.
GROUP_NOUNS: dict[str, tuple[str, ...]] = {
    "civilians": (
        "civilian/civilians", "resident/residents", "villager/villagers",
        "peasant/peasants", "campesino/campesinos", "passenger/passengers",
        "worshipper/worshippers", "worshiper/worshipers", "student/students",
        "farmer/farmers", "worker/workers", "labourer/labourers", "laborer/laborers",
        "pedestrian/pedestrians", "shopper/shoppers", "tourist/tourists",
        "bystander/bystanders", "inhabitant/inhabitants", "priest/priests",
        "jesuit/jesuits", "nun/nuns", "missionary/missionaries", "teacher/teachers",
        "doctor/doctors", "nurse/nurses", "businessman/businessmen", "merchant/merchants",
        "trader/traders", "driver/drivers", "employee/employees", "refugee/refugees",
        "trade unionist/trade unionists", "unionist/unionists", "union leader/union leaders",
        "activist/activists", "protester/protesters", "demonstrator/demonstrators",
        "youth/youths", "husband/husbands", "son/sons", "father/fathers",
        "brother/brothers", "fisherman/fishermen", "family member/family members",
        "relative/relatives", "/families", "guest/guests", "customer/customers",
        "patient/patients", "lawyer/lawyers", "engineer/engineers", "maid/maids",
        "manager/managers", "banker/bankers", "rancher/ranchers", "cattleman/cattlemen",
        "landowner/landowners", "bishop/bishops", "archbishop/archbishops",
        "cook/cooks", "housekeeper/housekeepers", "domestic/domestics",
        "cousin/cousins", "nephew/nephews", "uncle/uncles", "grandson/grandsons",
        "grandfather/grandfathers", "brother-in-law/brothers-in-law",
        "son-in-law/sons-in-law", "father-in-law/fathers-in-law", "watchman/watchmen",
        "owner/owners", "passerby/passersby", "peddler/peddlers", "vendor/vendors",
        "shopkeeper/shopkeepers", "storekeeper/storekeepers", "clerk/clerks",
        "imam/imams", "pastor/pastors", "preacher/preachers", "sheikh/sheikhs",
        "muezzin/muezzins", "catechist/catechists", "herder/herders", "herdsman/herdsmen",
        "shepherd/shepherds", "tribesman/tribesmen",
    ),
    "children": (
        "child/children", "boy/boys", "girl/girls", "minor/minors", "infant/infants",
        "baby/babies", "kid/kids", "toddler/toddlers", "schoolchild/schoolchildren",
        "schoolboy/schoolboys", "schoolgirl/schoolgirls", "teenager/teenagers",
        "teen/teens",
    ),
    "women": (
        "woman/women", "wife/wives", "mother/mothers", "sister/sisters", "widow/widows",
        "daughter/daughters", "niece/nieces", "aunt/aunts", "granddaughter/granddaughters",
        "grandmother/grandmothers", "sister-in-law/sisters-in-law",
        "daughter-in-law/daughters-in-law", "mother-in-law/mothers-in-law",
    ),
    "journalists": (
        "journalist/journalists", "reporter/reporters", "newsman/newsmen",
        "newspaperman/newspapermen", "cameraman/cameramen", "photographer/photographers",
        "photojournalist/photojournalists", "correspondent/correspondents",
        "media worker/media workers",
    ),
    "aid workers": (
        "aid worker/aid workers", "humanitarian worker/humanitarian workers",
        "relief worker/relief workers", "un worker/un workers", "ngo worker/ngo workers",
        "red cross worker/red cross workers", "humanitarian/humanitarians",
    ),
    "officials": (
        "mayor/mayors", "judge/judges", "magistrate/magistrates", "official/officials",
        "councillor/councillors", "councilor/councilors", "councilman/councilmen",
        "minister/ministers", "politician/politicians", "diplomat/diplomats",
        "ambassador/ambassadors", "consul/consuls", "governor/governors",
        "senator/senators", "congressman/congressmen", "legislator/legislators",
        "lawmaker/lawmakers", "candidate/candidates", "prosecutor/prosecutors",
        "attorney general/", "civil servant/civil servants", "president/presidents",
        "political leader/political leaders", "party leader/party leaders",
        "presidential hopeful/presidential hopefuls",
    ),
    "military": (
        "soldier/soldiers", "troop/troops", "serviceman/servicemen",
        "service member/service members", "servicemember/servicemembers",
        "guardsman/guardsmen", "marine/marines", "officer/officers", "sergeant/sergeants",
        "lieutenant/lieutenants", "captain/captains", "colonel/colonels",
        "/generals", "corporal/corporals", "paratrooper/paratroopers",
        "airman/airmen", "conscript/conscripts", "recruit/recruits", "cadet/cadets",
        "army officer/army officers", "military officer/military officers",
        "/army personnel", "/military personnel", "infantryman/infantrymen",
        "/regime forces", "/government forces", "/army troops", "reservist/reservists",
    ),
    "police": (
        "/police", "policeman/policemen", "policewoman/policewomen",
        "police officer/police officers", "police agent/police agents",
        "carabinero/carabineros", "patrolman/patrolmen", "constable/constables",
        "cop/cops", "gendarme/gendarmes", "inspector/inspectors",
    ),
    "security forces": (
        "security guard/security guards", "guard/guards", "bodyguard/bodyguards",
        "escort/escorts", "security officer/security officers",
        "security agent/security agents", "agent/agents", "/security personnel",
        "/security forces", "civil defense member/civil defense members",
    ),
    "militants": (
        "militant/militants", "fighter/fighters", "rebel/rebels", "guerrilla/guerrillas",
        "guerilla/guerillas", "insurgent/insurgents", "terrorist/terrorists",
        "extremist/extremists", "jihadist/jihadists", "jihadi/jihadis",
        "subversive/subversives", "militiaman/militiamen", "paramilitary/paramilitaries",
        "contra/contras", "separatist/separatists", "narcoterrorist/narcoterrorists",
        "narco-terrorist/narco-terrorists", "trafficker/traffickers",
        "drug trafficker/drug traffickers", "/taliban",
    ),
    # The attackers themselves: their deaths are kept apart from the victims' (see total).
    "perpetrators": (
        "attacker/attackers", "assailant/assailants", "gunman/gunmen",
        "suicide bomber/suicide bombers", "suicide attacker/suicide attackers",
        "bomber/bombers", "hijacker/hijackers", "perpetrator/perpetrators",
        "kidnapper/kidnappers", "assassin/assassins", "hitman/hitmen",
        "hired killer/hired killers", "killer/killers", "sicario/sicarios",
    ),
    "crew": (
        "/crew", "crew member/crew members", "crewmember/crewmembers",
        "crewman/crewmen", "seafarer/seafarers", "mariner/mariners", "sailor/sailors",
        "pilot/pilots", "co-pilot/co-pilots", "copilot/copilots",
    ),
    # People with no group: still people, so "five people were killed" counts.
    "unknown": (
        "person/persons", "/people", "human being/human beings", "man/men",
        "individual/individuals", "/others", "victim/victims", "/nationals", "citizen/citizens",
        "foreigner/foreigners", "member/members", "/personnel", "leader/leaders",
        "commander/commanders", "inmate/inmates", "prisoner/prisoners",
        "detainee/detainees", "hostage/hostages", "american/americans", "/staff",
        "companion/companions", "adult/adults", "village chief/village chiefs",
        "tribal chief/tribal chiefs", "traditional chief/traditional chiefs",
        "local chief/local chiefs", "elder/elders", "volunteer/volunteers",
    ),
}  # fmt: skip

# "U.S. troops", "coalition service members", "seven Americans" at a U.S. base: the
# contract codes these as foreign military/personnel.
FOREIGN_MARKERS = r"\bU\.S\.|\bUS\b|(?i:\b(?:american|coalition|nato|allied)\b)"
FOREIGN_HEADS = frozenset({"personnel", "americans", "american", "member", "members", "staff"})
# Context that makes "Americans" military and "sailors" navy rather than merchant crew.
MILITARY_CONTEXT = (
    r"\b(?:base|bases|troops|forces|military|service\s+members|soldiers|personnel|army"
    r"|navy|naval|marines|Pentagon)\b"
)
NAVY_CONTEXT = r"\b(?:navy|naval|warships?|destroyers?|frigates?|USS|HMS|coast\s+guard)\b"

# Nouns a number often counts that are not people: a figure whose noun is one of these
# is not a casualty figure ("KILLED 30 HEAD OF CATTLE", "10 years of war").
NOT_PEOPLE = _words(
    """year years month months week weeks day days hour hours minute minutes km kilometers
    kilometres mile miles meter meters metres kg kilograms pound pounds ton tons dollar
    dollars peso pesos percent cent times rifle rifles weapon weapons house houses home
    homes building buildings vehicle vehicles car cars truck trucks bus buses bomb bombs
    rocket rockets missile missiles shell shells grenade grenades round rounds shot shots
    head cattle animal animals horse horses cow cows dog dogs sheep attack attacks
    incident incidents ship ships vessel vessels boat boats aircraft plane planes
    helicopter helicopters drone drones target targets site sites facility facilities
    village villages town towns city cities post posts bridge bridges tower towers part
    parts leg legs table tables million billion time"""
)

# Words that end a noun phrase: "THREE SOLDIERS AND", "five people in the town".
_STOP_WORDS = _words(
    """and or but nor the a an who whom whose which that this these those was were is are am
    be been being has have had do does did will would could should may might must can shall
    in on at by with from to of for into onto upon during after before near since until till
    when while where how why what as than then there here because although though if whether so once
    unless whereas said says say reported reports stated added announced confirmed claimed
    told according yesterday today tonight tomorrow last next early late earlier later
    overnight morning afternoon evening night monday tuesday wednesday thursday friday
    saturday sunday january february march april june july august september october november
    december he she it they we i you him her them us his its their our my your not no also
    only all both each every any including among killed killing dead died wounded injured
    hurt missing kidnapped abducted deaths fatalities fatality injuries injury casualties
    casualty bodies corpses dozen dozens several many few numerous some scores remain
    remains remained lay lie lies get gets got gotten getting found believed feared
    known thought understood reportedly allegedly apparently presumably likely probably
    possibly seriously critically severely slightly lightly badly gravely instantly
    subsequently eventually initially officially still"""
)

_RANKS = _words(
    """officer officers corporal corporals sergeant sergeants lieutenant lieutenants captain
    captains colonel colonels commander commanders member members personnel agent agents
    leader leaders chief chiefs"""
)
# Words after a people noun that make it an adjective: "THE AMERICAN SCHOOL".
_INSTITUTIONS = _words(
    """school university embassy church company party group office station department
    ministry building house hospital institute front army movement union federation
    committee association council court brigade battalion command organization"""
)
_VAGUE_HEADS = frozenset({"member", "members", "personnel", "staff", "others"})
_NOT_NAME = _words(
    """other others more innocent unarmed local foreign young old several people them anyone
    everyone someone anybody everybody somebody nobody"""
)
# Words that are no part of a person's name. In ALL CAPS wires a name is any word that is
# none of these, has no common ending (_COMMON_ENDING_RE) and is no people noun:
# "TELEVISION NETWORK WAS ALSO KILLED" and "CASANOVA PORRAS, CARRIED OUT" name no one.
COMMON_WORDS = _words(
    """network television station radio newspaper magazine agency company firm bank
    party front army navy air force forces government ministry department office union
    federation committee council court tribunal embassy consulate church cathedral school
    college university institute hospital clinic police national political social
    democratic republican liberal conservative communist socialist christian catholic
    popular revolutionary patriotic central general public private local regional municipal
    provincial federal presidential electoral judicial legislative military civil armed
    secret special security international foreign interior defense defence justice
    economic human rights movement alliance organization organisation association group
    command brigade battalion division unit patrol column commandos cell squad squads
    city town village province district zone area region country state capital street
    avenue road highway plaza square market farm estate ranch neighborhood neighbourhood
    north south east west northern southern eastern western northeastern northwestern
    northeast northwest southeast southwest
    southeastern southwestern upper lower new former ex late young elderly first second
    third fourth fifth sixth last same few much most less least even just very well
    again already soon however therefore meanwhile moreover furthermore nevertheless thus
    yet ever never always often day week month year time moment period hours days weeks
    months years week's day's said say says tell tells told make makes made take takes
    took taken give gives gave given go goes went gone come comes came see sees saw seen
    know knew find finds keep kept hold holds bring brought begin began show shows shown
    hear heard let put set run ran pay paid meet met lead leads led stand stood lose loses
    lost win won fall fell rise rose rises shoot shoots fire fires attack bomb bombs
    explosion explosions blast fighting fight clash clashes raid ambush offensive crime
    crimes murder murders assassination kidnapping incident act action actions operation
    operations case investigation inquiry statement communique bulletin source sources
    spokesman spokeswoman witness witnesses authorities information news press media
    population family home residence headquarters vehicle motorcycle jeep gmt am pm
    salvadoran colombian peruvian guatemalan honduran nicaraguan mexican cuban american
    spanish dutch british french german italian swiss belgian canadian soviet israeli
    ecuadoran ecuadorean bolivian chilean venezuelan panamanian argentine argentinian
    brazilian costa rican english latin european african arab asian jesuit jesuits
    secretary director chairman chief head deputy representative spokesperson editor
    rector dean president vice mayor general colonel major captain lieutenant sergeant
    corporal private commander inspector agent judge magistrate senator minister
    candidate leader member members official officials citizen citizens resident
    residents victim victims case lady gentleman sir madam all both either neither
    following according despite against about between without within through
    throughout across toward towards under behind beyond amid amidst via per outside
    inside like unlike near nearby around along together violence presence evidence law laws
    almost
    conference residence intelligence influence instead otherwise likewise cannot"""
)
# Words before a name that are a title, not the name: "COMRADES SOTELO AND SOTOMAYOR".
TITLES = _words(
    """mr mr. mrs mrs. ms ms. miss dr dr. msgr msgr. monsignor father fr fr. sister
    brother don dona doña senor señor senora señora comrade comrades compañero
    compañera companero companera citizen citizens engineer attorney professor prof
    prof. reverend rev rev. mother saint"""
)
_COMMON_ENDING_RE = re.compile(
    r"[^\W\d_]{2,}(?:ed|ing|tion|tions|sion|sions|ment|ments|ness|ity|ities|ism|isms|ist"
    r"|ists|ive|ives|ous|ful|less|able|ible|ical|ship|ance|ary|ure|ures)|[^\W\d_]{5,}ly",
    re.IGNORECASE,
)
_NAMES_WITH_COMMON_ENDINGS = _words("ahmed alfred mohammed mohamed muhammed wilfred manfred")
_NUMBER_WORDS = frozenset(UNITS) | frozenset(TEENS) | frozenset(TENS) | frozenset(SCALES)
_NEVER_NAMES = NOT_PEOPLE | _NOT_NAME | _STOP_WORDS | COMMON_WORDS | TITLES | _NUMBER_WORDS

# Endings of nouns for people: "technician", "journalist", "owner", "assistant", "employee"
_PERSON_ENDING_RE = re.compile(
    r"[^\W\d_]{2,}(?:ician|ist|er|or|ant|ent|man|woman|ee|ary|ive|ier|eer)", _I
)
_NOT_PERSON_NOUNS = _words(
    """center centre order border power water tower paper number matter letter corner
    computer motor sector reactor generator transmitter container chamber incident event
    accident content extent restaurant plant quarter cluster parliament tractor monitor
    elevator register parameter meter liter litre theater theatre cancer chapter charter
    summer winter weather fever river dinner banner cover poster answer manner offer
    shelter error mirror honor honour labor labour floor door color colour favor flavor
    harbor anchor factor terror horror rumor rumour vigor behavior territory directive
    initiative objective perspective executive explosive detective motive narrative
    agent talent moment comment segment element garment fragment statement document
    government department movement agreement equipment apartment investment treatment
    ambulance secondary primary summary commentary library salary boundary anniversary
    dictionary itinerary diary plan"""
)

_NOT_PERSON = (_NEVER_NAMES - COMMON_WORDS) | _NOT_PERSON_NOUNS | _INSTITUTIONS


# --------------------------------------------------------------------------------------
# Regular expressions and lookups, built once from the tables
# --------------------------------------------------------------------------------------

_GROUP_OF: dict[str, tuple[str, bool]] = {}  # noun -> (group, is plural)
for _group, _pairs in GROUP_NOUNS.items():
    for _pair in _pairs:
        _one, _many = _pair.split("/")
        if _one:
            _GROUP_OF[_one] = (_group, False)
        if _many:
            _GROUP_OF[_many] = (_group, True)

# "bodyguards" -> "bodyguard", "women" -> "woman": one noun for both forms in totals
_SINGULAR: dict[str, str] = {}
for _pairs in GROUP_NOUNS.values():
    for _pair in _pairs:
        _one, _many = _pair.split("/")
        if _one and _many:
            _SINGULAR[_many] = _one

_GROUP_ALT = _alt(_GROUP_OF)
_GROUP_RE = re.compile(rf"(?<![\w'’-])(?:{_GROUP_ALT})(?![\w'’-])", _I)
_FOREIGN_RE = re.compile(FOREIGN_MARKERS)
_MILITARY_CONTEXT_RE = re.compile(MILITARY_CONTEXT, _I)
_NAVY_CONTEXT_RE = re.compile(NAVY_CONTEXT, _I)


# --------------------------------------------------------------------------------------
# Who the people are
# --------------------------------------------------------------------------------------


def _group_in(text: str) -> tuple[str, bool, str] | None:
    """The last people noun in ``text``: (group, plural, noun).

    A vague head or a rank gives way to a group word before it: "A TREASURY POLICE
    MEMBER" and "A POLICE COLONEL" are police."""
    found: tuple[str, bool, str] | None = None
    for m in _GROUP_RE.finditer(text):
        noun = _norm(m.group())
        group, plural = _GROUP_OF[noun]
        if found is not None and (
            (group == "unknown" and noun in _VAGUE_HEADS)
            or (noun in _RANKS and found[0] != "unknown")
        ):
            found = (found[0], plural, noun)  # "POLICE COLONEL", "POLICE MEMBER"
        else:
            found = (group, plural, noun)
    return found


_ATTACKING_RE = re.compile(r"\battacking\b", _I)


def _refine_group(group: str, noun: str, phrase: str, seg: str, at: int) -> str:
    """Foreign forces and merchant crews need the words around the noun; "ONE OF THE
    ATTACKING GUERRILLAS" was one of the attackers."""
    if _ATTACKING_RE.search(phrase):
        return "perpetrators"
    if (group == "military" or noun in FOREIGN_HEADS) and _FOREIGN_RE.search(phrase):
        return "foreign military/personnel"
    window = seg[max(0, at - 200) : at + 200]
    if noun in ("american", "americans"):
        military = _MILITARY_CONTEXT_RE.search(window)
        return "foreign military/personnel" if military else "unknown"
    if noun in ("sailor", "sailors") and _NAVY_CONTEXT_RE.search(window):
        return "military"
    return group


def _is_name(words: list[str], caps: bool, *, single: bool = False) -> bool:
    """Words that can be a person's name: "Jose Perez"; in ALL CAPS wires, two words or more
    of no common word, or one such word in a list of names (``single``): "ROA AND SAAVEDRA".
    """
    if not words:
        return False
    for w in words:
        low = w.lower()
        if low in _NEVER_NAMES or low in _GROUP_OF or not w.replace("'", "").isalpha():
            return False
        if low.endswith(("'s", "’s")):
            return False  # "THE COUNTRY'S": a possessive, not a name
        if _COMMON_ENDING_RE.fullmatch(w) and low not in _NAMES_WITH_COMMON_ENDINGS:
            return False
    if caps:
        return len(words) >= 2 or single
    return all(w[:1].isupper() and not w.isupper() for w in words)


def _is_person_noun(word: str) -> bool:
    low = word.lower()
    if low in _NOT_PERSON:
        return False
    return low in _GROUP_OF or bool(_PERSON_ENDING_RE.fullmatch(low))
