"""Casualty phrases beyond "<figure> were killed": words between a subject and its verb,
asides after a verb, possessive deaths, wounds people have, and "shot" with no death.

Each case is the total of one kind over one short text (``total`` of ``find_casualties``).
"""

from __future__ import annotations

import pytest

from sitrep.extract.casualties import find_casualties, total
from sitrep.models import Count


def best(text: str, kind: str) -> int | None:
    count = total(find_casualties(text), kind)
    return None if count is None else count.best


def exact(n: int) -> Count:
    return Count(low=n, best=n, high=n, qualifier="exact")


# --------------------------------------------------------------------------------------
# The subject, its modifiers, and the verb
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "expected", "group"),
    [
        pytest.param(
            "THREE SOLDIERS ESCORTING THE CONVOY ON THE HIGHWAY WERE KILLED YESTERDAY.",
            "killed", 3, "military",
            id="a participle phrase between subject and verb",
        ),
        pytest.param(
            "Two guards watching the gate of the embassy were shot dead on Monday.",
            "killed", 2, "security forces",
            id="a participle phrase in lower case",
        ),
        pytest.param(
            "FOUR GUARDS PROTECTING THE JUDGE WERE KILLED.",
            "killed", 4, "security forces",
            id="the person in the participle phrase is not the victim",
        ),
        pytest.param(
            "A WOMAN, WHO IS SAID TO HAVE BEEN THE OWNER OF THE SHOP, WAS KILLED BY THE BLAST.",
            "killed", 1, "women",
            id="a relative clause between commas",
        ),
        pytest.param(
            "ONLY ONE PERSON WHO WAS WALKING PAST THE MARKET AT THE TIME OF THE BLAST WAS "
            "WOUNDED.",
            "injured", 1, "unknown",
            id="a long relative clause without commas",
        ),
        pytest.param(
            "THREE YOUNG BOYS -- 6 YEARS OLD, 8 YEARS OLD AND 9 YEARS OLD -- DIED IN THE FIRE.",
            "killed", 3, "children",
            id="an aside between dashes before died",
        ),
        pytest.param(
            "PEDRO GOMEZ AND HIS COUSIN LUIS MARTINEZ WERE SHOT TO DEATH NEAR THE MARKET.",
            "killed", 2, None,
            id="a name and a relative named after his kinship",
        ),
        pytest.param(
            "JUAN SOSA, MAYORAL CANDIDATE IN SAN ROQUE, CESAR DEPARTMENT, IN THE NORTH, AND HIS "
            "BROTHER-IN-LAW MARIO RUIZ WERE STABBED TO DEATH.",
            "killed", 2, None,
            id="a name with a long description, and a relative",
        ),
        pytest.param(
            "THE COLONEL, WHOSE 12-YEAR-OLD DAUGHTER WAS MURDERED BY A BOMB, SPOKE TODAY.",
            "killed", 1, "women",
            id="whose daughter was murdered",
        ),
        pytest.param(
            "AN AMBULANCE TOOK HER TO A CLINIC, WHERE SHE PASSED AWAY AT NOON.",
            "killed", 1, None,
            id="passed away",
        ),
    ],
)  # fmt: skip
def test_subject_before_the_verb(text: str, kind: str, expected: int, group: str | None) -> None:
    assert best(text, kind) == expected
    mentions = [m for m in find_casualties(text) if m.kind == kind]
    for m in mentions:
        assert text[m.start : m.end] == m.text
    if group is not None:
        assert {m.group for m in mentions} == {group}


def test_a_relative_clause_is_not_a_name() -> None:
    mentions = find_casualties("A CLERK, WHO HAD ARRIVED FROM THE SHOP, WAS KILLED.")
    assert [(m.best, m.text) for m in mentions] == [
        (1, "A CLERK, WHO HAD ARRIVED FROM THE SHOP, WAS KILLED")
    ]


# --------------------------------------------------------------------------------------
# After the verb
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        pytest.param(
            "THE REBELS KILLED, WITH MACHETES, A POLICEMAN WHO WAS GUARDING THE BRIDGE.",
            "killed", 1,
            id="an aside between the verb and its object",
        ),
        pytest.param(
            "HIRED GUNMEN MURDERED IN LESS THAN A WEEK, JUDGE ANA ROSAS, POLICE CAPTAIN LUIS "
            "MORA, AND SENATOR JOSE PARRA.",
            "killed", 3,
            id="a time phrase before a list of victims",
        ),
        pytest.param(
            "THE SNIPER MANAGED TO KILL 1 PERSON AND WOUND 9 OTHERS.",
            "killed", 1,
            id="managed to kill is a death",
        ),
        pytest.param(
            "THE SNIPER MANAGED TO KILL 1 PERSON AND WOUND 9 OTHERS.",
            "injured", 9,
            id="wound as a verb",
        ),
        pytest.param(
            "PARTY MEMBERS MOURNED THE ASSASSINATED SENATOR PABLO RIOS.",
            "killed", 1,
            id="the assassinated senator is one dead",
        ),
    ],
)  # fmt: skip
def test_after_the_verb(text: str, kind: str, expected: int | None) -> None:
    assert best(text, kind) == expected


def test_the_subject_of_an_active_verb_is_no_victim() -> None:
    text = "THE REBELS KILLED, ACCORDING TO THE ARMY, DURING THE NIGHT."
    assert [m for m in find_casualties(text) if m.kind == "killed"] == []


# --------------------------------------------------------------------------------------
# Deaths named by a noun
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("THE POLICE ARE INVESTIGATING DR ANTONIO SALAS'S DEATH.", 1,
                     id="a named person's death"),
        pytest.param("AFTER THE GOVERNOR'S DEATH, THE ARMY TOOK CONTROL.", 1,
                     id="the governor's death"),
        pytest.param("Party leaders condemned Senator Ruiz's murder on Tuesday.", 1,
                     id="a named person's murder in lower case"),
        pytest.param("THE UNION CONDEMNED THE RADIO ANNOUNCER'S ASSASSINATION.", 1,
                     id="a person noun by its ending"),
        pytest.param("THE MURDER OF THE 45-YEAR-OLD JUDGE WAS CONDEMNED.", 1,
                     id="the murder of an aged person"),
        pytest.param("THE MURDER OF THE 45-YEAR-OLD SALAZAR WAS CONDEMNED.", 1,
                     id="the murder of a person named after the age"),
        pytest.param("THE ASSASSINATION IN JULY OF JUDGE MARIA DIAZ SHOCKED THE COUNTRY.", 1,
                     id="a month between the noun and of"),
        pytest.param("THE MURDER IN CALI OF TWO TEACHERS WAS CONDEMNED.", 2,
                     id="a place between the noun and of"),
        pytest.param("THE KILLINGS DURING THE LAST WEEK OF A TEACHER AND A POLICE MAJOR "
                     "ALARMED THE CITY.", 2, id="a period between the noun and of"),
    ],
)  # fmt: skip
def test_deaths_named_by_a_noun(text: str, expected: int) -> None:
    assert best(text, "killed") == expected
    for m in find_casualties(text):
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("THE JUDGE'S DEATH THREATS WERE REPORTED.", id="death threats"),
        pytest.param("THE COLONEL'S DEATH SQUADS ARE ACTIVE.", id="death squads"),
        pytest.param("THE MAYOR'S DEATH PENALTY BILL FAILED.", id="death penalty"),
        pytest.param("THE GENERAL THREATENED THE MAYOR WITH DEATH.", id="threatened with death"),
        pytest.param("NORIEGA'S MURDER OF HIS RIVALS IS ALLEGED.", id="the killer's murder of"),
        pytest.param("ON THURSDAY'S MURDER RATE REPORT, NOTHING.", id="a weekday owns nothing"),
        pytest.param("THE GOVERNMENT'S DEATH WAS ANNOUNCED BY THE REBELS.",
                     id="an institution is no person"),
        pytest.param("THE MURDER IN THE TOWN OF YARO WAS CONDEMNED.", id="the town of a place"),
        pytest.param("THE SOLDIERS PLOTTED THE MINISTER'S ASSASSINATION.", id="a plot"),
    ],
)  # fmt: skip
def test_not_deaths(text: str) -> None:
    assert [m for m in find_casualties(text) if m.kind == "killed"] == []


# --------------------------------------------------------------------------------------
# Injuries
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("FIVE PEOPLE HAVE GUNSHOT WOUNDS.", 5, id="people have wounds"),
        pytest.param("The driver sustained serious injuries.", 1, id="sustained injuries"),
        pytest.param("HE SUFFERED THREE BULLET WOUNDS.", 1,
                     id="three wounds of one man are one injured"),
        pytest.param("ONE OF THE HOSTAGES WAS REPORTED TO HAVE A LEG INJURY.", 1,
                     id="reported to have an injury"),
        pytest.param("THE INJURED MAN WAS THE MAYOR'S SON.", 1, id="the injured man"),
        pytest.param("IT WAS FIRST SAID THAT THE WOUNDED WOMAN WAS A NURSE.", 1,
                     id="the wounded woman"),
        pytest.param("THE DRIVER WAS SERIOUSLY WOUNDED.", 1, id="seriously wounded"),
        pytest.param("THE THIEVES SHOT HIM AND LEFT HIM BADLY WOUNDED.", 1,
                     id="left him wounded"),
        pytest.param("THE BOMBING OF THE MARKET RESULTED IN THE INJURY OF 14 PEOPLE.", 14,
                     id="the injury of people"),
        pytest.param("THE ARMY WILL INVESTIGATE THE WOUNDING OF A DUTCH REPORTER.", 1,
                     id="the wounding of a reporter"),
        pytest.param(
            "THREE MEN SHOT FORMER MINISTER CARLOS PENA AS HE LEFT HIS HOME. HIS CONDITION "
            "IS CRITICAL.", 1, id="shot with no death is an injury",
        ),
        pytest.param("JUDGE ANA LOPEZ WAS SHOT THIS MORNING ON 5TH AVENUE.", 1,
                     id="was shot with no death is an injury"),
        pytest.param("THE ATTACKERS STABBED THE TWO NURSES IN THE BACK.", 2,
                     id="stabbed people are injured"),
    ],
)  # fmt: skip
def test_injuries(text: str, expected: int) -> None:
    assert best(text, "injured") == expected
    assert best(text, "killed") is None
    for m in find_casualties(text):
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("GUNMEN SHOT THE MAYOR. HE DIED ON THE WAY TO THE HOSPITAL.",
                     id="a death in the next sentence"),
        pytest.param("THE MAYOR WAS KILLED ON SUNDAY. GUNMEN SHOT HIM AT HIS DOOR.",
                     id="a death in the sentence before"),
        pytest.param("THE JUDGE WAS SHOT AND KILLED.", id="shot and killed"),
        pytest.param("GUNMEN SHOT THE JUDGE, WHOSE BODY WAS FOUND LATER.", id="a body"),
        pytest.param("HE WAS SHOT AT FIVE TIMES BUT WAS NOT HIT.", id="shot at"),
        pytest.param("THE POLICE SHOT TEAR GAS INTO THE CROWD.", id="shot tear gas"),
        pytest.param("A SHOT WAS HEARD NEAR THE MARKET.", id="a shot"),
        pytest.param("THE MAYOR WAS FOUND SHOT IN A DITCH.", id="found shot"),
    ],
)  # fmt: skip
def test_shot_with_a_death_nearby_is_no_injury(text: str) -> None:
    assert [m for m in find_casualties(text) if m.kind == "injured"] == []


def test_shot_and_wounded_is_one_injured() -> None:
    text = "THE TREASURER WAS SHOT AND WOUNDED AT HIS OFFICE."
    assert total(find_casualties(text), "injured") == exact(1)


def test_stabbed_people_beside_other_wounded_are_not_counted_twice() -> None:
    text = "THE GANG STABBED TWO GUARDS. THE TWO GUARDS WERE WOUNDED."
    assert total(find_casualties(text), "injured") == exact(2)


def test_a_large_number_shot_is_left_alone() -> None:
    assert find_casualties("TROOPS SHOT 40 INSURGENTS DURING A BATTLE NEAR THE RIVER.") == []


def test_caused_injuries_are_not_the_speakers() -> None:
    [m] = find_casualties("The ministry said the blast had left minor injuries at the depot.")
    assert (m.kind, m.low, m.best, m.qualifier) == ("injured", 1, None, "vague")


# --------------------------------------------------------------------------------------
# Lists, names and parts
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        pytest.param("FIVE PEOPLE INCLUDING TWO CHILDREN WERE INJURED BY THE BLAST.",
                     "injured", 5, id="people including children is the people"),
        pytest.param("RAUL SOTO, HIS SON, AND 9 OTHERS WERE KILLED IN THE RAID.",
                     "killed", 11, id="his son after a name is another person"),
        pytest.param("HIS BODYGUARD AND DRIVER WERE ALSO KILLED.", "killed", 2,
                     id="two people nouns under one determiner are two people"),
        pytest.param("ONE ADULT AND FOUR MINORS WERE KILLED.", "killed", 5,
                     id="one adult and four minors"),
        pytest.param("OF THE 12 MINERS, ONE IS SAID TO HAVE A BACK INJURY.",
                     "injured", 1, id="one of twelve miners has an injury"),
        pytest.param(
            "THE MURDER IN LIMA OF FORMER LABOUR UNION LEADER PEDRO ANTONIO SALAS AND HIS "
            "COMPANION ROSA DIAZ WAS CONDEMNED.", "killed", 2,
            id="a long name after its title, then a list",
        ),
        pytest.param(
            "THE PARTY DENOUNCED THE MURDER OF [RETIRED] GENERAL JUAN CARLOS MEDINA--WHICH "
            "WAS PLANNED ABROAD.", "killed", 1, id="an editor's word before a title",
        ),
        pytest.param(
            "THE MINISTER ACCUSED THE REBELS OF MURDERING ROSA ELENA PAZ [NAME AS RECEIVED], "
            "DAUGHTER OF A COLONEL.", "killed", 1, id="an editor's note after a name",
        ),
        pytest.param(
            "MARTA RUIZ, FOURTH JUDGE OF THE CIRCUIT,\nAND TWO OF HER ESCORTS FROM THE PNC "
            "[NATIONAL\nCIVIL POLICE], WERE KILLED TODAY.", "killed", 3,
            id="brackets across a line break",
        ),
        pytest.param(
            "REBELS KILLED FORMER MINISTER JUAN PABLO ORTEGA LUNA; THE REBELS HAVE "
            "DENIED IT.", "killed", 1, id="a new clause after a semicolon is no victim",
        ),
    ],
)  # fmt: skip
def test_lists_names_and_parts(text: str, kind: str, expected: int) -> None:
    assert best(text, kind) == expected
    for m in find_casualties(text):
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "group"),
    [
        pytest.param("A NIECE OF THE FRENCH CONSUL TO CHILE WAS WOUNDED.",
                     "women", id="the niece of a consul to a country"),
        pytest.param("THE MEN WHO KIDNAPPED THE MAYOR WERE KILLED.", "unknown",
                     id="the kidnappers of the mayor, not the mayor"),
        pytest.param("POLICE INVESTIGATING THE CASE SAID TWO PEOPLE WERE KILLED.", "unknown",
                     id="the speakers are no subject"),
        pytest.param("THE SPOKESMAN SPOKE TO REPORTERS SHORTLY AFTER ORTEGA WAS KILLED.", "unknown",
                     id="a name after a conjunction is the subject"),
        pytest.param("LUIS VEGA, SPOKESMAN OF A FORMER GUERRILLA GROUP, WAS SHOT ON MONDAY.",
                     "unknown", id="a guerrilla group is no guerrilla"),
        pytest.param("THE GUNMAN'S DEATH WAS CONFIRMED.", "perpetrators",
                     id="an attacker's death"),
    ],
)  # fmt: skip
def test_groups(text: str, group: str) -> None:
    mentions = [m for m in find_casualties(text) if m.kind in ("killed", "injured")]
    assert mentions
    assert {m.group for m in mentions} == {group}


def test_a_part_of_a_board_is_no_list_item() -> None:
    text = "OF THE 16 MEMBERS OF THE BOARD, THREE WERE MURDERED AND SEVEN ARE MISSING."
    assert total(find_casualties(text), "killed") == exact(3)


@pytest.mark.parametrize(
    ("text", "kind", "low"),
    [
        pytest.param("THE GUARDS BURNED TO DEATH IN A HUT NEAR THE DAM, TWO HOURS AFTER "
                     "THE RAID.", "killed", 2, id="a place phrase after the verb"),
        pytest.param("THE RETREATING UNIT LEFT BEHIND 14 OF ITS DEAD FIGHTERS.", "killed", 14,
                     id="a number of its dead fighters"),
        pytest.param("OFFICIALS COUNTED AT LEAST NINE DEATHS IN SEVERAL AREAS OF THE "
                     "PROVINCE.", "killed", 9, id="deaths in several areas of a province"),
        pytest.param("UNION ORGANIZER PABLO MENA, WHO WAS ABDUCTED ON FRIDAY, WAS FOUND "
                     "DEAD IN A FIELD.", "killed", 1, id="found dead after a relative clause"),
        pytest.param("THE PILOT DIED WHEN THE SMALL PLANE CRASHED.", "killed", 1,
                     id="the pilot"),
    ],
)  # fmt: skip
def test_words_after_and_before_keep_the_figure(text: str, kind: str, low: int) -> None:
    assert [m.low for m in find_casualties(text) if m.kind == kind] == [low]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A BAKER, WHO SAID THAT THE TOWN WAS CUT OFF AND IS BEING HELD "
                     "HOSTAGE BY THE GANG, SPOKE TO US.", id="a clause inside a relative clause"),
        pytest.param("EXILES ARE PLOTTING GENERAL PEDRO SOSA'S ASSASSINATION, THE PAPER SAID.",
                     id="planning a murder"),
    ],
)  # fmt: skip
def test_no_victims(text: str) -> None:
    assert find_casualties(text) == []
