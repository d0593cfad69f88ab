"""Tolls told in headlines: Portuguese, Spanish and French counts of the dead, one victim
named by the act ("é assassinado"), and English wire forms ("executes 2 men", "Double
homicide", "destroyed 65 soldiers", "burned four men alive", "killed a village chief")."""

from __future__ import annotations

import pytest

from sitrep.extract.casualties import find_casualties
from sitrep.extract.contract import extract_document


def _killed(text: str) -> int | None:
    out = extract_document("t", text, published="2024-03-05")
    assert out["error"] is None
    assert len(out["incidents"]) == 1, out
    killed = out["incidents"][0]["killed"]
    return None if killed is None else killed["best"]


@pytest.mark.parametrize(
    ("text", "best"),
    [
        pytest.param("Cinq morts dans une attaque près de Beni", 5, id="fr: cinq morts"),
        pytest.param("Ataque a bar deixa oito mortos em Belém", 8, id="pt: oito mortos"),
        pytest.param("Asesinan a 6 personas en una fiesta en Celaya", 6, id="es: asesinan a 6"),
        pytest.param("Sicarios asesinaron a tres personas en Zamora", 3, id="es: asesinaron a"),
        pytest.param("Hallan tres cuerpos en una fosa en Colima", 3, id="es: hallan cuerpos"),
        pytest.param("Corpos de pai e filho são achados em rio", 2, id="pt: corpos de A e B"),
        pytest.param("Comerciante é assassinado a tiros em Natal", 1, id="pt: é assassinado"),
        pytest.param("Joven es asesinado a balazos en Tepic", 1, id="es: es asesinado"),
        pytest.param("Un policier assassiné à Bunia", 1, id="fr: assassiné"),
        pytest.param("Armed group executes 3 men in Idlib", 3, id="executes 3 men"),
        pytest.param("Gunmen burn two traders alive in Ituri", 2, id="burn two traders alive"),
        pytest.param("Triple homicide in Fortaleza", 3, id="triple homicide"),
        pytest.param("Shelling destroyed 40 enemy soldiers near Bakhmut", 40, id="destroyed 40"),
        pytest.param(
            "Gunmen on motorbikes shot and killed a village chief near Tera on Monday.",
            1,
            id="a village chief is one",
        ),
    ],
)
def test_headline_tolls(text: str, best: int) -> None:
    assert _killed(text) == best


@pytest.mark.parametrize(
    ("text", "kind", "best"),
    [
        pytest.param("Ataque deixa dois mortos e cinco feridos", "injured", 5, id="pt feridos"),
        pytest.param("Tiroteo deja cuatro heridos en Juárez", "injured", 4, id="es heridos"),
        pytest.param("Trois personnes meurent dans l'embuscade", "killed", 3, id="fr meurent"),
        pytest.param("Duas pessoas morrem em ataque", "killed", 2, id="pt morrem"),
    ],
)
def test_romance_figures(text: str, kind: str, best: int) -> None:
    assert (kind, best) in [(m.kind, m.best) for m in find_casualties(text)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Relatório dos mortos da guerra", id="pt: dos mortos is of the dead"),
        pytest.param("The army destroyed three tanks", id="destroyed things"),
        pytest.param("Troops destroyed 27 armored personnel carriers", id="personnel carriers"),
        pytest.param("The guard post was destroyed", id="a destroyed post"),
        pytest.param("They plan to execute 5 prisoners", id="an intention"),
        pytest.param("The house was burned", id="burned, not alive"),
    ],
)
def test_no_toll(text: str) -> None:
    assert [m for m in find_casualties(text) if m.kind == "killed"] == []


def test_a_plural_act_word_is_not_one_victim() -> None:
    out = extract_document("t", "Homicidios en Tijuana", published="2024-03-05")
    assert all(i["killed"] is None for i in out["incidents"])


@pytest.mark.parametrize(
    ("text", "best"),
    [
        pytest.param("12 Taliban killed in Ghazni raid", 12, id="taliban are people"),
        pytest.param("3 soldiers die in Cauca rebel attack", 3, id="die in the present"),
        pytest.param("Foreign volunteer killed near Bakhmut", 1, id="a volunteer"),
        pytest.param("Teen killed in Zahedan protest", 1, id="a teen"),
        pytest.param("Gunmen assassinate two officials in Daraa", 2, id="assassinate"),
        pytest.param("Kivu : trois personnes tuées par des miliciens", 3, id="fr: personnes tuées"),
    ],
)
def test_headline_words(text: str, best: int) -> None:
    assert [m.best for m in find_casualties(text) if m.kind == "killed"] == [best]


def test_headlines_of_several_sources_count_the_same_dead_once() -> None:
    text = "Car bomb kills 6 in Kunduz\nCar bomb kills two policemen, 4 others in Kunduz"
    out = extract_document("t", text, published="2024-03-05")
    assert [i["killed"]["best"] for i in out["incidents"]] == [6]


def test_sentences_of_one_report_still_add_up() -> None:
    text = "A car bomb killed two soldiers in Kunduz on Monday. It also killed three civilians."
    out = extract_document("t", text, published="2024-03-05")
    assert [i["killed"]["best"] for i in out["incidents"]] == [5]
