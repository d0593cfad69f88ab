"""Totals: the mentions of one incident folded into one count per kind."""

from __future__ import annotations

import pytest

from sitrep.extract import casualties, tolls
from sitrep.extract.casualties import find_casualties
from sitrep.extract.tolls import total
from sitrep.models import Count


def count(low: int | None, best: int | None, high: int | None, qualifier: str) -> Count:
    return Count(low=low, best=best, high=high, qualifier=qualifier)


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        pytest.param(
            "Four soldiers were killed. The army said four soldiers were killed.",
            "killed", count(4, 4, 4, "exact"), id="a repeated figure counts once",
        ),
        pytest.param(
            "Four U.S. troops were killed. Officials said four U.S. service members died.",
            "killed", count(4, 4, 4, "exact"), id="the same people under two names count once",
        ),
        pytest.param(
            "Twelve people were killed. The death toll later rose to 15.",
            "killed", count(15, 15, 15, "exact"), id="a toll update supersedes a lower figure",
        ),
        pytest.param(
            "The raid killed 30 civilians, including 12 children.",
            "killed", count(30, 30, 30, "exact"), id="a subgroup after including is not added",
        ),
        pytest.param(
            "Two soldiers and three civilians were killed.",
            "killed", count(5, 5, 5, "exact"), id="different groups add up",
        ),
        pytest.param(
            "Gunmen murdered two U.S. missionaries. Police said two U.S. citizens, who "
            "worked for a church, were murdered.",
            "killed", count(2, 2, 2, "exact"), id="citizens say nothing about who they were",
        ),
        pytest.param(
            "GUNMEN KILLED A BISHOP AND FOUR OTHER PRIESTS. FOUR OTHER PRIESTS AND A SOLDIER "
            "WERE ALSO KILLED THERE.",
            "killed", count(6, 6, 6, "exact"), id="four other priests told twice count once",
        ),
        pytest.param(
            "Two soldiers were killed. Three civilians also died. In all five people died.",
            "killed", count(5, 5, 5, "exact"), id="a general figure as large replaces the parts",
        ),
        pytest.param(
            "Two soldiers were killed. Another soldier died in hospital.",
            "killed", count(3, 3, 3, "exact"), id="another adds to the figure before",
        ),
        pytest.param(
            "A suicide bomber blew himself up, killing six worshippers.",
            "killed", count(6, 6, 6, "exact"), id="the bomber's own death is left out",
        ),
        pytest.param(
            "Seven militants were killed and no civilians were injured or killed.",
            "killed", count(7, 7, 7, "exact"), id="a zero does not erase a figure",
        ),
        pytest.param(
            "Seven militants were killed and no civilians were injured or killed.",
            "injured", count(0, 0, 0, "exact"), id="a zero statement gives zero",
        ),
        pytest.param(
            "At least 10 police were killed and dozens of soldiers died.",
            "killed", count(34, None, None, "vague"), id="vague figures add as floors",
        ),
        pytest.param(
            "At least 10 police and at least 4 soldiers were killed.",
            "killed", count(14, None, None, "at_least"), id="at least figures add as floors",
        ),
        pytest.param(
            "Six priests were murdered. Two cooks were also murdered.",
            "killed", count(8, 8, 8, "exact"), id="different people of one group add up",
        ),
        pytest.param(
            "A CHILEAN PHOTOGRAPHER WAS KILLED AT DAWN. A CAMERA TECHNICIAN OF THE STATE "
            "CHANNEL WAS ALSO KILLED.",
            "killed", count(2, 2, 2, "exact"), id="also killed adds one more person",
        ),
        pytest.param(
            "REBELS HAVE KILLED THE JUDGE OF THE DISTRICT, AS WELL AS THREE FARMERS, "
            "OFFICIALS SAID.",
            "killed", count(4, 4, 4, "exact"), id="as well as continues the object list",
        ),
        pytest.param(
            "ON 3 MAY COMRADE LINARES, UNION TREASURER, WAS KILLED. HIS BROTHER AND "
            "COMRADES ORTIZ AND VILLEGAS ALSO DIED IN THE AMBUSH.",
            "killed", count(4, 4, 4, "exact"), id="a relative and named comrades also died",
        ),
        pytest.param(
            "THE KILLING OF GOVERNOR LUIS ARCE AND THREE OF HIS ESCORTS OUTRAGED THE PARTY. "
            "THE GOVERNOR AND HIS THREE ESCORTS DIED INSTANTLY.",
            "killed", count(4, 4, 4, "exact"), id="the same list told twice counts once",
        ),
        pytest.param(
            "LUIS ARCE AND THREE OF HIS ESCORTS WERE KILLED. THE GOVERNOR AND HIS THREE "
            "ESCORTS DIED INSTANTLY.",
            "killed", count(4, 4, 4, "exact"), id="a name and then his title count once",
        ),
        pytest.param(
            "THE MURDERS OF PEDRO LARA, COLONEL JUAN MEZA, AND SENATOR LUIS ROA WERE "
            "CONDEMNED.",
            "killed", count(3, 3, 3, "exact"), id="a list of named people adds up",
        ),
        pytest.param(
            "SIX PRIESTS WERE KILLED. THE JESUITS WERE MURDERED AT DAWN.",
            "killed", count(6, 6, 6, "exact"), id="a plural with no number adds no one",
        ),
        pytest.param(
            "A GUARD AND HIS SON WERE KILLED. THE ATTACKERS ALSO KILLED THE GUARD'S SON.",
            "killed", count(2, 2, 2, "exact"), id="also on someone named before adds no one",
        ),
        pytest.param(
            "THE JUDGE WAS KILLED NEAR HIS OFFICE, ALONG WITH TWO OF HIS GUARDS.",
            "killed", count(3, 3, 3, "exact"), id="along with after the verb adds people",
        ),
        pytest.param(
            "SEVEN MINERS, FOUR OF THEM BOLIVIANS, WERE KILLED.",
            "killed", count(7, 7, 7, "exact"), id="n of them before the verb is a part",
        ),
        pytest.param(
            "FOUR NUNS (THREE BELGIANS AND ONE BRAZILIAN) AND A DRIVER WERE KILLED.",
            "killed", count(5, 5, 5, "exact"), id="an aside in a list is skipped",
        ),
        pytest.param(
            "FIVE MINERS AND TWO COOKS WHO WORKED AT THE CAMP WERE KILLED.",
            "killed", count(7, 7, 7, "exact"), id="a who clause between subject and verb",
        ),
        pytest.param(
            "MEJIA AND ARANGO WERE GUNNED DOWN BY HITMEN.",
            "killed", count(2, 2, 2, "exact"), id="names joined by and in capitals",
        ),
        pytest.param(
            "INSTEAD, TWO CHILDREN WERE KILLED.",
            "killed", count(2, 2, 2, "exact"), id="a word before a comma is no name",
        ),
        pytest.param(
            "JULIO ROJAS, 47, WAS KILLED.",
            "killed", count(1, 1, 1, "exact"), id="an age after a name is not a figure",
        ),
        pytest.param(
            "THE BOMB KILLED PEDRO SOSA, 51, AS HE LEFT.",
            "killed", count(1, 1, 1, "exact"), id="an age after a named object",
        ),
        pytest.param(
            "THE MURDER OF SENATOR JAIME PARDO, THE PARTY CANDIDATE, SHOCKED THE COUNTRY.",
            "killed", count(1, 1, 1, "exact"), id="what a named man was is not another man",
        ),
        pytest.param(
            "THE KILLING OF JUAN SOSA, OWNER OF THE MILL AND MAYOR OF THE TOWN, WAS CONDEMNED.",
            "killed", count(1, 1, 1, "exact"), id="two titles of one named man",
        ),
        pytest.param(
            "POLICE FOUND 14 MUTILATED BODIES OF PEASANTS.",
            "killed", count(14, 14, 14, "exact"), id="a number before bodies of",
        ),
        pytest.param(
            "BOTH GUARDS DIED.", "killed", count(2, 2, 2, "exact"), id="both is two",
        ),
        pytest.param(
            "THE BLAST KILLED ROSA MEJIA, 40; LUIS MEJIA, 12; A STUDENT KNOWN AS TITO; "
            "AND A POLICEMAN.",
            "killed", count(4, 4, 4, "exact"), id="a list with semicolons and ages",
        ),
        pytest.param(
            "THE MAYOR'S DRIVER, PEDRO; JUAN SOSA, THE TOWN CLERK; AND GUARD LUIS VEGA, "
            "WERE KILLED.",
            "killed", count(3, 3, 3, "exact"), id="a semicolon list before the verb",
        ),
        pytest.param(
            "AFTER THE MURDER OF JUDGE ANA ROJAS, THE 300 CLERKS OF THE COURT DECIDED TO STRIKE.",
            "killed", count(1, 1, 1, "exact"), id="a new clause after a comma is no victim",
        ),
        pytest.param(
            "CONGRESSMAN LUIS PAZ, OF THE MNR [NATIONAL REVOLUTIONARY MOVEMENT] PARTY, "
            "WAS MURDERED.",
            "killed", count(1, 1, 1, "exact"), id="words in brackets are not the victim",
        ),
        pytest.param(
            "NOT A SINGLE PERSON WAS KILLED IN THE CITY.",
            "killed", count(0, 0, 0, "exact"), id="not a single person is zero",
        ),
        pytest.param(
            "TWO LEADERS OF THE PEASANT UNION [UNC] WERE KILLED.",
            "killed", count(2, 2, 2, "exact"), id="a bracketed acronym in an of phrase",
        ),
    ],
)  # fmt: skip
def test_total(text: str, kind: str, expected: Count) -> None:
    assert total(find_casualties(text), kind) == expected


def test_a_possessive_noun_and_named_comrades_are_three_people() -> None:
    mentions = find_casualties("HIS BROTHER AND COMRADES ORTIZ AND VILLEGAS ALSO DIED.")
    assert [(m.group, m.best, m.additional) for m in mentions] == [
        ("civilians", 1, True),
        ("unknown", 1, True),
        ("unknown", 1, True),
    ]
    assert [m.joined for m in mentions] == [False, True, True]
    assert total(mentions, "killed") == count(3, 3, 3, "exact")


def test_total_is_none_without_a_mention_of_the_kind() -> None:
    mentions = find_casualties("Three soldiers were wounded.")
    assert total(mentions, "killed") is None
    assert total([], "injured") is None


def test_total_of_only_the_attackers_is_none() -> None:
    mentions = find_casualties("The gunman was shot dead by police.")
    assert len(mentions) == 1
    assert total(mentions, "killed") is None


def test_total_can_count_the_attackers_when_asked() -> None:
    mentions = find_casualties("Two of the gunmen were shot dead by police.")
    assert total(mentions, "killed", include_perpetrators=True) == count(2, 2, 2, "exact")


def test_total_takes_mentions_from_several_calls() -> None:
    first = find_casualties("Twelve people were killed in the blast.")
    second = find_casualties("The death toll rose to 19 on Friday.")
    assert total([*first, *second], "killed") == count(19, 19, 19, "exact")


def test_total_is_importable_from_casualties() -> None:
    # incident_fields.py calls casualties.total
    assert casualties.total is tolls.total
