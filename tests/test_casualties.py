"""Casualty mentions: figures, zero statements, negatives, offsets and robustness.

Number phrases are tested in test_numbers.py, totals in test_tolls.py.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract.casualties import CasualtyMention, find_casualties, total
from sitrep.extract.numbers import parse_number
from sitrep.models import CASUALTY_GROUPS, Casualties, Count

# --------------------------------------------------------------------------------------
# Casualty mentions
# --------------------------------------------------------------------------------------


def only(text: str) -> CasualtyMention:
    mentions = find_casualties(text)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "kind", "group", "low", "best", "high", "qualifier", "quote"),
    [
        pytest.param(
            "Rockets hit the base on Tuesday, injuring four Americans.",
            "injured", "foreign military/personnel", 4, 4, 4, "exact",
            "injuring four Americans",
            id="Americans at a base are foreign military",
        ),
        pytest.param(
            "Two U.S. service members were killed overnight.",
            "killed", "foreign military/personnel", 2, 2, 2, "exact",
            "Two U.S. service members were killed",
            id="U.S. service members are foreign military",
        ),
        pytest.param(
            "The raid killed nine coalition troops.",
            "killed", "foreign military/personnel", 9, 9, 9, "exact",
            "killed nine coalition troops",
            id="coalition troops are foreign military",
        ),
        pytest.param(
            "Officials said 12 Houthi fighters were killed in the strike.",
            "killed", "militants", 12, 12, 12, "exact", "12 Houthi fighters were killed",
            id="a name between number and noun is allowed",
        ),
        pytest.param(
            "A number of ISIS militants were probably killed.",
            "killed", "militants", 2, None, None, "vague",
            "A number of ISIS militants were probably killed",
            id="a number of with an adverb before the verb",
        ),
        pytest.param(
            "The crew reports one presumed fatality.",
            "killed", "unknown", 1, 1, 1, "exact", "one presumed fatality",
            id="fatality is a death",
        ),
        pytest.param(
            "The blast left 14 people dead.",
            "killed", "unknown", 14, 14, 14, "exact", "14 people dead",
            id="left people dead",
        ),
        pytest.param(
            "Police said 15 killed.",
            "killed", "unknown", 15, 15, 15, "exact", "15 killed",
            id="a bare number before killed",
        ),
        pytest.param(
            "The death toll has risen to 23.",
            "killed", "unknown", 23, 23, 23, "exact", "death toll has risen to 23",
            id="a death toll",
        ),
        pytest.param(
            "Gunmen opened fire, killing at least 40 worshippers.",
            "killed", "civilians", 40, None, None, "at_least", "killing at least 40 worshippers",
            id="killing at least",
        ),
        pytest.param(
            "A policeman was shot dead at the checkpoint.",
            "killed", "police", 1, 1, 1, "exact", "A policeman was shot dead",
            id="a policeman shot dead is one",
        ),
        pytest.param(
            "The judge was assassinated outside her home.",
            "killed", "officials", 1, 1, 1, "exact", "The judge was assassinated",
            id="the judge assassinated is one",
        ),
        pytest.param(
            "The patrol killed a soldier.",
            "killed", "military", 1, 1, 1, "exact", "killed a soldier",
            id="killed a soldier is one",
        ),
        pytest.param(
            "Unknown men murdered Ana Lucia Gomez in her shop.",
            "killed", "unknown", 1, 1, 1, "exact", "murdered Ana Lucia Gomez",
            id="a named person murdered is one",
        ),
        pytest.param(
            "The mayor of a small town was killed last night.",
            "killed", "officials", 1, 1, 1, "exact", "The mayor of a small town was killed",
            id="a singular subject with an of phrase is one",
        ),
        pytest.param(
            "Jose Perez was kidnapped on his way home.",
            "abducted", "unknown", 1, 1, 1, "exact", "Jose Perez was kidnapped",
            id="a named person kidnapped is one",
        ),
        pytest.param(
            "He was shot dead outside the bank.",
            "killed", "unknown", 1, 1, 1, "exact", "He was shot dead",
            id="he was shot dead is one",
        ),
        pytest.param(
            "LAWYER PEDRO RUIZ WAS MURDERED.",
            "killed", "civilians", 1, 1, 1, "exact", "LAWYER PEDRO RUIZ WAS MURDERED",
            id="a title and a name in capitals",
        ),
        pytest.param(
            "Seven villagers were kidnapped by the gang.",
            "abducted", "civilians", 7, 7, 7, "exact", "Seven villagers were kidnapped",
            id="kidnapped is an abduction",
        ),
        pytest.param(
            "Three aid workers were taken hostage.",
            "abducted", "aid workers", 3, 3, 3, "exact", "Three aid workers were taken hostage",
            id="taken hostage is an abduction",
        ),
        pytest.param(
            "The rebels took 11 hostages.",
            "abducted", "unknown", 11, 11, 11, "exact", "11 hostages",
            id="took hostages is an abduction",
        ),
        pytest.param(
            "Four fishermen are missing after the attack.",
            "missing", "civilians", 4, 4, 4, "exact", "Four fishermen are missing",
            id="missing people",
        ),
        pytest.param(
            "Two journalists were wounded.",
            "injured", "journalists", 2, 2, 2, "exact", "Two journalists were wounded",
            id="journalists",
        ),
        pytest.param(
            "The shelling wounded six children.",
            "injured", "children", 6, 6, 6, "exact", "wounded six children",
            id="children",
        ),
        pytest.param(
            "Eight women were hurt.",
            "injured", "women", 8, 8, 8, "exact", "Eight women were hurt",
            id="women",
        ),
        pytest.param(
            "Five carabineros were injured.",
            "injured", "police", 5, 5, 5, "exact", "Five carabineros were injured",
            id="carabineros are police",
        ),
        pytest.param(
            "Two bodyguards died in the ambush.",
            "killed", "security forces", 2, 2, 2, "exact", "Two bodyguards died",
            id="bodyguards are security forces",
        ),
        pytest.param(
            "The missile killed three seafarers on the bulk carrier.",
            "killed", "crew", 3, 3, 3, "exact", "killed three seafarers",
            id="seafarers are crew",
        ),
        pytest.param(
            "The navy said two sailors on the destroyer were injured.",
            "injured", "military", 2, 2, 2, "exact", "two sailors on the destroyer were injured",
            id="sailors of a navy are military",
        ),
        pytest.param(
            "Dozens of people were wounded in the market.",
            "injured", "unknown", 24, None, None, "vague", "Dozens of people were wounded",
            id="dozens of people",
        ),
        pytest.param(
            "Up to 30 passengers died when the ferry sank.",
            "killed", "civilians", 1, None, 30, "up_to", "Up to 30 passengers died",
            id="up to gives a low of one when people died",
        ),
        pytest.param(
            "About 60 residents were killed.",
            "killed", "civilians", None, 60, None, "about", "About 60 residents were killed",
            id="about keeps only the best figure",
        ),
        pytest.param(
            "Between 10 and 12 guerrillas were killed.",
            "killed", "militants", 10, None, 12, "exact",
            "Between 10 and 12 guerrillas were killed",
            id="a range of guerrillas",
        ),
        pytest.param(
            "More than 1,500 persons have died since Monday.",
            "killed", "unknown", 1501, None, None, "more_than",
            "More than 1,500 persons have died",
            id="digits with commas",
        ),
        pytest.param(
            "Three students lost their lives.",
            "killed", "civilians", 3, 3, 3, "exact", "Three students lost their lives",
            id="lost their lives is a death",
        ),
        pytest.param(
            "The bodies of nine farmers were found by the river.",
            "killed", "civilians", 9, 9, 9, "exact", "bodies of nine farmers",
            id="bodies found are deaths",
        ),
        pytest.param(
            "The attack left 30 civilian deaths.",
            "killed", "civilians", 30, 30, 30, "exact", "30 civilian deaths",
            id="an adjective before deaths gives the group",
        ),
        pytest.param(
            "Eleven people are still missing after the raid.",
            "missing", "unknown", 11, 11, 11, "exact", "Eleven people are still missing",
            id="an adverb between verb and participle",
        ),
        pytest.param(
            "Two fighters were fatally wounded.",
            "killed", "militants", 2, 2, 2, "exact", "Two fighters were fatally wounded",
            id="fatally wounded is a death",
        ),
    ],
)  # fmt: skip
def test_one_mention(
    text: str,
    kind: str,
    group: str,
    low: int | None,
    best: int | None,
    high: int | None,
    qualifier: str,
    quote: str,
) -> None:
    m = only(text)
    assert (m.kind, m.group, m.low, m.best, m.high, m.qualifier) == (
        kind,
        group,
        low,
        best,
        high,
        qualifier,
    )
    assert m.text == quote
    assert text[m.start : m.end] == m.text
    assert not m.perpetrator


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "SIX PEASANTS WERE MURDERED AND TWO OTHERS WERE WOUNDED.",
            [("killed", "civilians", 6), ("injured", "civilians", 2)],
            id="others takes the group of the figure before",
        ),
        pytest.param(
            "THE GUERRILLAS AMBUSHED A PATROL, KILLING THREE SOLDIERS.",
            [("killed", "military", 3)],
            id="all caps killing soldiers",
        ),
        pytest.param(
            "THE BOMB LEFT FOUR PERSONS DEAD AND ONE MISSING.",
            [("killed", "unknown", 4), ("missing", "unknown", 1)],
            id="all caps dead and missing",
        ),
        pytest.param(
            "A CAPTAIN AND A SERGEANT WERE KILLED.",
            [("killed", "military", 1), ("killed", "military", 1)],
            id="coordinated subjects are separate people",
        ),
        pytest.param(
            "THE ARMY REPORTED 12 DEAD CIVILIANS.",
            [("killed", "civilians", 12)],
            id="a number, dead, then the people",
        ),
        pytest.param(
            "THE KIDNAPPING OF 14 TOURISTS WAS CLAIMED BY THE GROUP.",
            [("abducted", "civilians", 14)],
            id="the kidnapping of people",
        ),
        pytest.param(
            "The gunmen killed three policemen and two civilians.",
            [("killed", "police", 3), ("killed", "civilians", 2)],
            id="coordinated objects",
        ),
        pytest.param(
            "The strike killed 20 militants and injured no civilians.",
            [("killed", "militants", 20), ("injured", "civilians", 0)],
            id="a figure and a zero in one sentence",
        ),
    ],
)
def test_mentions(text: str, expected: list[tuple[str, str, int]]) -> None:
    mentions = find_casualties(text)
    assert [(m.kind, m.group, m.low) for m in mentions] == expected
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_killed_two_and_wounded_five_are_two_mentions() -> None:
    text = "The gunman killed two and wounded five."
    killed, injured = find_casualties(text)
    assert (killed.kind, killed.best, killed.text) == ("killed", 2, "killed two")
    assert (injured.kind, injured.best, injured.text) == ("injured", 5, "wounded five")
    assert killed.number is not None and killed.number.text == "two"
    assert injured.number is not None
    assert text[injured.number.start : injured.number.end] == "five"


def test_number_span_is_inside_the_mention() -> None:
    text = "Officials said that at least 17 soldiers were killed."
    m = only(text)
    assert m.number is not None
    assert m.number.text == "at least 17"
    assert text[m.number.start : m.number.end] == "at least 17"
    assert m.start <= m.number.start < m.number.end <= m.end


def test_including_marks_a_subset() -> None:
    civilians, children = find_casualties(
        "The air raid killed at least 25 civilians, including 9 children."
    )
    assert (civilians.group, civilians.low, civilians.subset) == ("civilians", 25, False)
    assert (children.group, children.best, children.subset) == ("children", 9, True)
    assert children.text == "including 9 children"


@pytest.mark.parametrize(
    ("text", "group"),
    [
        pytest.param("A suicide bomber blew himself up at the gate.", "perpetrators",
                     id="a suicide bomber who blew himself up"),
        pytest.param("The gunman was shot dead by the guards.", "perpetrators",
                     id="a gunman shot dead"),
        pytest.param("Three of the attackers were killed.", "perpetrators",
                     id="attackers killed"),
        pytest.param("THE ASSAILANT WAS KILLED BY A GUARD.", "perpetrators",
                     id="an assailant killed"),
        pytest.param("Police said the gunman killed himself.", "perpetrators",
                     id="a gunman who killed himself"),
        pytest.param("ONE OF THE ATTACKING GUERRILLAS DIED.", "perpetrators",
                     id="one of the attacking guerrillas"),
    ],
)  # fmt: skip
def test_perpetrator_deaths_are_marked(text: str, group: str) -> None:
    m = only(text)
    assert (m.kind, m.group, m.perpetrator) == ("killed", group, True)


# One sentence per casualty word: each word is found (and passes the cheap substring
# filter that runs before any regex).
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Two guards were killed.", "killed"),
        ("Two guards were murdered.", "killed"),
        ("The senator was assassinated.", "killed"),
        ("Twelve villagers were massacred.", "killed"),
        ("Three soldiers were slain.", "killed"),
        ("Four hostages were beheaded.", "killed"),
        ("Five prisoners were executed.", "killed"),
        ("Six residents were martyred.", "killed"),
        ("The clerk was shot dead.", "killed"),
        ("The clerk was shot to death.", "killed"),
        ("The clerk was stabbed to death.", "killed"),
        ("The clerk was gunned down.", "killed"),
        ("Two miners were fatally shot.", "killed"),
        ("The attack is killing 3 people a day.", "killed"),
        ("Airstrikes kill 8 civilians.", "killed"),
        ("Three firefighters died.", "killed"),
        ("Seven passengers perished.", "killed"),
        ("Four nurses lost their lives.", "killed"),
        ("The raid left 6 people dead.", "killed"),
        ("Officials reported 9 deaths.", "killed"),
        ("The crew reported 2 fatalities.", "killed"),
        ("Police found 5 bodies.", "killed"),
        ("The death toll reached 40.", "killed"),
        ("The murder of two farmers shocked the town.", "killed"),
        ("Three boys were injured.", "injured"),
        ("Three boys were wounded.", "injured"),
        ("Three boys were hurt.", "injured"),
        ("The blast, injuring 4 students, shook the school.", "injured"),
        ("The shelling caused 11 injuries.", "injured"),
        ("Two engineers were kidnapped.", "abducted"),
        ("Two engineers were abducted.", "abducted"),
        ("Two engineers were taken hostage.", "abducted"),
        ("The gang is kidnapping 3 people a week.", "abducted"),
        ("Gunmen took 8 hostages.", "abducted"),
        ("Two fishermen are missing.", "missing"),
        ("Two residents remain unaccounted for.", "missing"),
        ("Among the dead were 4 children.", "killed"),
        ("A bomber blew himself up.", "killed"),
    ],
)
def test_every_casualty_word_is_found(text: str, kind: str) -> None:
    mentions = find_casualties(text)
    assert [m.kind for m in mentions] == [kind], mentions


def test_among_the_dead_is_part_of_the_figure_before() -> None:
    text = "Twenty people were killed. Among the dead were 4 children."
    people, children = find_casualties(text)
    assert (children.group, children.best, children.subset) == ("children", 4, True)
    assert total([people, children], "killed") == Count(low=20, best=20, high=20)


def test_toll_of_a_group_keeps_the_group() -> None:
    m = only("The number of soldiers killed in the offensive has risen to 31.")
    assert (m.kind, m.group, m.best) == ("killed", "military", 31)


# --------------------------------------------------------------------------------------
# Zero statements
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        pytest.param("The attack caused no casualties.", {"killed", "injured"},
                     id="no casualties is zero dead and zero hurt"),
        pytest.param("No one was hurt.", {"injured"}, id="no one was hurt"),
        pytest.param("Nobody was killed.", {"killed"}, id="nobody was killed"),
        pytest.param("There were no injuries.", {"injured"}, id="there were no injuries"),
        pytest.param("The blast caused no deaths.", {"killed"}, id="caused no deaths"),
        pytest.param("The post was taken without casualties.", {"killed", "injured"},
                     id="without casualties"),
        pytest.param("No bystanders were injured or killed.", {"killed", "injured"},
                     id="no bystanders were injured or killed"),
        pytest.param("THE DEVICE CAUSED ONLY MATERIAL DAMAGE TO THE OFFICE.", {"killed", "injured"},
                     id="only material damage is zero for both kinds"),
        pytest.param("The attack killed no one.", {"killed"}, id="killed no one is zero"),
        pytest.param("The port authority received no reports of injuries.", {"injured"},
                     id="no reports of injuries"),
        pytest.param("Neither deaths nor injuries were reported.", {"killed", "injured"},
                     id="neither deaths nor injuries"),
        pytest.param("THE BLASTS DID NOT RESULT IN ANY DEATHS.", {"killed"},
                     id="not resulted in any deaths"),
        pytest.param("The raid left no residents dead or injured.", {"killed", "injured"},
                     id="left no residents dead or injured"),
        pytest.param("Neither the driver nor his son was hurt.", {"injured"},
                     id="neither nor was hurt"),
        pytest.param("Rebels burned two buses without inflicting any casualties.",
                     {"killed", "injured"}, id="without inflicting any casualties"),
    ],
)  # fmt: skip
def test_zero_statements(text: str, kinds: set[str]) -> None:
    mentions = find_casualties(text)
    assert {m.kind for m in mentions} == kinds
    for m in mentions:
        assert (m.low, m.best, m.high, m.qualifier, m.number) == (0, 0, 0, "exact", None)
        assert text[m.start : m.end] == m.text


def test_zero_statement_keeps_its_group() -> None:
    mentions = find_casualties("No civilians were hurt.")
    assert [(m.kind, m.group) for m in mentions] == [("injured", "civilians")]


# --------------------------------------------------------------------------------------
# Negatives: no casualty
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("They were just killing time before the convoy left.", id="killing time"),
        pytest.param("Troops prepared for the 10 November offensive.", id="a date"),
        pytest.param("A 25-year-old worker was arrested.", id="an age with no casualty verb"),
        pytest.param("10 years of war have ruined the region.", id="years of war"),
        pytest.param("The program cost $3 billion.", id="money"),
        pytest.param("He carried an AK-47 and two grenades.", id="a rifle's name"),
        pytest.param("About 80,000 Hondurans live abroad.", id="people with no casualty verb"),
        pytest.param("The strikes were intended to kill the commanders.", id="an intention"),
        pytest.param("The kidnappers threatened to kill 4 hostages.", id="a threat"),
        pytest.param("The militia vowed to kidnap 10 officials.", id="a vow"),
        pytest.param("The blast could have killed dozens of people.", id="a conditional"),
        pytest.param("The mayor was not hurt.", id="a negation"),
        pytest.param("The rebels seized 30 rifles and a truck.", id="seized weapons"),
        pytest.param("Troops captured the town of Yaro.", id="captured a town"),
        pytest.param("ONE WHEEL OF THE CART IS MISSING.", id="a missing thing"),
        pytest.param("The economy was hurt by the blockade.", id="a hurt economy"),
        pytest.param("The plan was executed at dawn.", id="an executed plan"),
        pytest.param("Clashes resulted in 27 casualties.", id="casualties alone"),
        pytest.param("At least 40 soldiers were killed or wounded.", id="killed or wounded"),
        pytest.param("THE MASSACRE OF EL PINAR WAS RECALLED.", id="a massacre named by place"),
        pytest.param("Death squads are active in the region.", id="death squads"),
        pytest.param("THE JUDGE WAS ALMOST KILLED.", id="almost killed is no death"),
        pytest.param("", id="empty text"),
    ],
)
def test_no_casualty(text: str) -> None:
    assert find_casualties(text) == []


# --------------------------------------------------------------------------------------
# Offsets
# --------------------------------------------------------------------------------------


def test_offsets_are_absolute_with_start_and_end() -> None:
    text = "Intro. Four policemen were killed. Five soldiers were wounded. The end."
    start = text.index("Five")
    end = text.index(" The end")
    mentions = find_casualties(text, start, end)
    assert [(m.kind, m.best) for m in mentions] == [("injured", 5)]
    m = mentions[0]
    assert (m.start, m.end) == (start, start + len("Five soldiers were wounded"))
    assert text[m.start : m.end] == m.text


def test_scan_range_cuts_the_text() -> None:
    text = "Two soldiers were killed."
    assert find_casualties(text, 0, 5) == []
    assert find_casualties(text, 10, 3) == []
    assert find_casualties(text, 0, 10_000)[0].text == "Two soldiers were killed"


def test_mentions_are_sorted_by_start() -> None:
    text = "Gunmen killed two guards. Later three shoppers died and one child was wounded."
    mentions = find_casualties(text)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert len(mentions) == 3


# --------------------------------------------------------------------------------------
# Lists and flags the totals rely on
# --------------------------------------------------------------------------------------


def test_also_marks_the_second_figure_additional() -> None:
    text = (
        "A CHILEAN PHOTOGRAPHER WAS KILLED AT DAWN. "
        "A CAMERA TECHNICIAN OF THE STATE CHANNEL WAS ALSO KILLED."
    )
    first, second = find_casualties(text)
    assert (first.group, first.best, first.additional) == ("journalists", 1, False)
    assert (second.best, second.additional, second.noun) == (1, True, "technician")
    assert second.text == "A CAMERA TECHNICIAN OF THE STATE CHANNEL WAS ALSO KILLED"


def test_as_well_as_joins_the_mayor_of_a_town_and_peasants() -> None:
    text = "GUERRILLAS HAVE KILLED THE MAYOR OF A VILLAGE, AS WELL AS TWO FARMERS, POLICE SAID."
    mayor, farmers = find_casualties(text)
    assert (mayor.group, mayor.best, mayor.joined) == ("officials", 1, False)
    assert (farmers.group, farmers.best, farmers.joined) == ("civilians", 2, True)


def test_a_comrade_with_his_post_is_one_named_person() -> None:
    text = "ON 3 MAY COMRADE LINARES, UNION TREASURER, WAS KILLED."
    m = only(text)
    assert (m.best, m.text) == (1, "COMRADE LINARES, UNION TREASURER, WAS KILLED")


# --------------------------------------------------------------------------------------
# Contract and robustness
# --------------------------------------------------------------------------------------


def check(text: str, mentions: list[CasualtyMention]) -> None:
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.kind in ("killed", "injured", "abducted", "missing")
        assert m.group in CASUALTY_GROUPS
        Casualties(
            kind=m.kind,
            group=m.group,
            low=m.low,
            best=m.best,
            high=m.high,
            qualifier=m.qualifier,
            text=m.text,
        )
        if m.number is not None:
            assert text[m.number.start : m.number.end] == m.number.text
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for kind in ("killed", "injured", "abducted", "missing"):
        total(mentions, kind)  # validates low <= best <= high


def test_repeated_casualty_words_do_not_break_it() -> None:
    text = "killed " * 10_000
    check(text, find_casualties(text))


def test_huge_numbers_do_not_break_it() -> None:
    text = f"{'9' * 5000} people were killed and 99999999999999999999 were wounded."
    mentions = find_casualties(text)
    check(text, mentions)
    assert [m.best for m in mentions if m.kind == "injured"] == [99999999999999999999]


FRAGMENTS = [
    "killed", "two", "at least", "wounded", "soldiers", "were", "was", "people", "no one",
    "hurt", "including", "children", "and", ",", ".", "the", "a", "of", "them", "died",
    "death toll rose to", "dozens of", "up to", "between", "or", "more than", "-", "İ",
    "blew himself up", "KIDNAPPED", "MISSING", "took", "hostages", "U.S.", "Americans",
    "others", "only material damage", "10,000", "99999999999999999999", "\n",
]  # fmt: skip

texts_from_fragments = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.integers(min_value=0, max_value=10**30).map(str),
        st.integers(min_value=0, max_value=10**30).map(lambda n: f"{n:,}"),
    ),
    max_size=30,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300))
def test_arbitrary_text_never_breaks_it(text: str) -> None:
    check(text, find_casualties(text))


@settings(max_examples=500, deadline=None)
@given(text=texts_from_fragments, start=st.integers(-50, 400), end=st.integers(-50, 400))
def test_casualty_like_text_never_breaks_it(text: str, start: int, end: int) -> None:
    check(text, find_casualties(text))
    check(text, find_casualties(text, start, end))


@settings(max_examples=300, deadline=None)
@given(text=texts_from_fragments)
def test_parse_number_never_breaks(text: str) -> None:
    number = parse_number(text)
    if number is not None:
        assert text[number.start : number.end] == number.text
        Count(low=number.low, best=number.best, high=number.high)


def test_the_speakers_after_a_figure_are_not_victims() -> None:
    text = "Rockets hit the base on Monday, injuring seven Americans, officials said."
    [mention] = find_casualties(text)
    assert (mention.kind, mention.group, mention.best) == (
        "injured",
        "foreign military/personnel",
        7,
    )


def test_a_count_of_bodies_after_a_comma_is_not_an_age() -> None:
    figure = only("ACCORDING TO PRESS REPORTS, 13 BODIES WERE SEEN ON THE STREETS.")
    assert (figure.kind, figure.best) == ("killed", 13)
    assert only("JOSE OSCAR MARIN, 32, WAS KILLED IN THE BLAST.").best == 1
