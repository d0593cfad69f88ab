"""Event words of news headlines: the present tense of English headlines, and the
Portuguese, Spanish and French words for killings, attacks and clashes."""

from __future__ import annotations

import pytest

from sitrep.extract.events import find_events
from sitrep.extract.incidents import extract


def families(text: str) -> list[str]:
    return [e.family for e in find_events(text) if e.real]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Rebels execute two men in the square", ["kill"], id="execute two men"),
        pytest.param(
            "The militia executes a woman near the river", ["kill"], id="executes a woman"
        ),
        pytest.param(
            "Gunmen assassinate a village chief in the north", ["kill"], id="assassinate a chief"
        ),
        pytest.param("Unknown attackers gun down a judge", ["kill"], id="gun down"),
        pytest.param("Troops burn three farmers alive", ["kill"], id="burn alive"),
        pytest.param("Triple homicide reported in the old town", ["kill"], id="a homicide"),
        pytest.param("Fishermen find a body near the dam", ["kill"], id="find a body"),
        pytest.param(
            "The weekend of violence left six dead in the port", ["kill"], id="left six dead"
        ),
        pytest.param(
            "Militiamen destroyed 40 enemy soldiers near the river",
            ["kill"],
            id="destroyed soldiers is a killing",
        ),
        pytest.param("Warplanes bomb four villages", ["air"], id="warplanes bomb"),
        pytest.param("Helicopters drop barrel bombs on the town", ["air"], id="barrel bombs"),
        pytest.param(
            "The rebels shell their positions at dawn", ["shelling"], id="shell positions"
        ),
        pytest.param("Militants target areas near the airport", ["attack"], id="target areas"),
        pytest.param("A shopkeeper was shot in the market", ["attack"], id="was shot"),
        pytest.param(
            "Troops resort to heavy firing along the border", ["attack"], id="heavy firing"
        ),
        pytest.param(
            "Houses burnt in the raid on the hamlet", ["arson", "attack"], id="houses burnt"
        ),
    ],
)
def test_english_headline_forms(text: str, expected: list[str]) -> None:
    assert families(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Pedreiro é assassinado a tiros em Lajedo",
            ["kill", "attack"],
            id="pt assassinado a tiros",
        ),
        pytest.param(
            "Jovem morre após ser atingido por tiros no centro",
            ["attack"],
            id="pt atingido por tiros",
        ),
        pytest.param(
            "Três pessoas morrem durante tiroteio em bairro", ["attack"], id="pt tiroteio"
        ),
        pytest.param("Corpo de homem é encontrado em canavial", ["kill"], id="pt corpo encontrado"),
        pytest.param(
            "Comerciante é sequestrado na saída do banco", ["abduction"], id="pt sequestrado"
        ),
        pytest.param("Fim de semana violento deixa sete mortos", ["kill"], id="pt sete mortos"),
        pytest.param("Soldado morto em confrontos com rebeldes", ["clash"], id="pt confrontos"),
        pytest.param(
            "Asesinan a balazos a un taxista en la colonia",
            ["kill", "attack"],
            id="es asesinan a balazos",
        ),
        pytest.param("Hallan dos cuerpos junto a la carretera", ["kill"], id="es hallan cuerpos"),
        pytest.param(
            "Enfrentamiento deja cinco muertos en la sierra",
            ["clash", "kill"],
            id="es enfrentamiento",
        ),
        pytest.param("Secuestran a un empresario en el centro", ["abduction"], id="es secuestran"),
        pytest.param(
            "Ituri : 6 morts dans une attaque des miliciens",
            ["kill", "attack"],
            id="fr morts attaque",
        ),
        pytest.param("Deux civils tués par des hommes armés", ["kill"], id="fr tués"),
        pytest.param(
            "Violents affrontements entre l'armée et les rebelles", ["clash"], id="fr affrontements"
        ),
    ],
)
def test_portuguese_spanish_and_french_event_words(text: str, expected: list[str]) -> None:
    assert families(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Military targets in the city were listed", id="targets as a noun"),
        pytest.param("They are forces that assassinate and destroy", id="a habit is not an act"),
        pytest.param("The order to assassinate the priests", id="an order to assassinate"),
        pytest.param("Walkers find the remains of a Roman villa", id="remains of a ruin"),
        pytest.param("The company will execute the plan in May", id="executing a plan"),
        pytest.param(
            "Homenagem às famílias dos mortos da enchente", id="pt dos mortos is of the dead"
        ),
        pytest.param("La mort de l'ancien président", id="fr la mort is a death"),
        pytest.param("Planean matar al alcalde", id="es an infinitive is an intention"),
        pytest.param("Bosnian Book of the Dead", id="a book title"),
        pytest.param("Situación de los Derechos Humanos", id="a report title"),
    ],
)
def test_words_that_tell_no_act(text: str) -> None:
    assert families(text) == []


def test_the_navy_shot_down_a_drone_is_still_an_interception() -> None:
    assert families("The destroyer shot down a drone") == ["intercept"]


@pytest.mark.parametrize(
    ("text", "plural"),
    [
        pytest.param("Continúan los asesinatos en la ciudad", True, id="es asesinatos"),
        pytest.param("Les attaques contre les civils", True, id="fr attaques"),
        pytest.param("Asesinan a un hombre", False, id="es asesinan is one act"),
    ],
)
def test_romance_plural_nouns_are_marked(text: str, plural: bool) -> None:
    [event] = find_events(text)
    assert event.plural is plural


@pytest.mark.parametrize(
    ("text", "count"),
    [
        pytest.param("Lavrador é assassinado a tiros em Serrita", 1, id="pt headline"),
        pytest.param("Asesinan a balazos a un hombre en Apatzingán", 1, id="es headline"),
        pytest.param("Beni : 5 morts dans une attaque à Oicha", 1, id="fr headline"),
        pytest.param("Militants execute a man in the countryside", 1, id="en present tense"),
        pytest.param("Noche y Niebla 21", 0, id="a bulletin title tells no act"),
        pytest.param("Report on the protection of civilians", 0, id="a report title"),
    ],
)
def test_headlines_give_incidents(text: str, count: int) -> None:
    assert len(extract(text, published="2020-05-04").incidents) == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Skilled workers and unattacked towns", [], id="not inside a word"),
        pytest.param(
            "Two guards (killed) and one 'kidnapped'", ["kill", "abduction"], id="after brackets"
        ),
        pytest.param("Relatório: 3 mortos—ataque em Recife", ["kill", "attack"], id="after a dash"),
    ],
)
def test_event_words_are_matched_where_words_begin(text: str, expected: list[str]) -> None:
    assert families(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Operação termina com 0 mortos", id="pt zero dead is none"),
        pytest.param("Ultiman detalles del acuerdo", id="es ultimar is also to finalise"),
        pytest.param("The agency combats fraud in the region", id="en combats is not fr combats"),
    ],
)
def test_romance_words_that_look_like_acts(text: str) -> None:
    assert families(text) == []
