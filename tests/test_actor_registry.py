"""The actor list: names, aliases, acronyms, umbrellas, unnamed kinds and validation.

Runs against the bundled data/actors.yaml; validation tests write small bad files to tmp_path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.resolve.actors import ActorDataError, ActorRegistry, registry


def found(text: str) -> list[tuple[str, str]]:
    return [(hit.text, hit.actor.id) for hit in registry().find(text)]


def ids(text: str) -> list[str]:
    return [actor_id for _, actor_id in found(text)]


# ---------------------------------------------------------------------------- find()


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        pytest.param("Hezbollah fired rockets.", "hezbollah", id="Hezbollah"),
        pytest.param("Hizballah fired rockets.", "hezbollah", id="Hizballah is Hezbollah"),
        pytest.param("Hizbullah fired rockets.", "hezbollah", id="Hizbullah is Hezbollah"),
        pytest.param("Kata'ib Hezbollah claimed it.", "kataib-hezbollah", id="Kata'ib Hezbollah"),
        pytest.param(
            "Kataib Hezbollah claimed it.", "kataib-hezbollah", id="Kataib without apostrophe"
        ),
        pytest.param("Kata’ib Hizballah claimed it.", "kataib-hezbollah", id="curly apostrophe"),
        pytest.param("Kata'ib Hizbullah claimed it.", "kataib-hezbollah", id="Kata'ib Hizbullah"),
        pytest.param("The Houthis fired a missile.", "houthis", id="Houthis"),
        pytest.param("Ansar Allah fired a missile.", "houthis", id="Ansar Allah is the Houthis"),
        pytest.param("Ansarullah fired a missile.", "houthis", id="Ansarullah is the Houthis"),
        pytest.param("ISIS claimed the attack.", "islamic-state", id="ISIS"),
        pytest.param("ISIL claimed the attack.", "islamic-state", id="ISIL"),
        pytest.param("Daesh claimed the attack.", "islamic-state", id="Daesh"),
        pytest.param("IS claimed the attack.", "islamic-state", id="IS as a capital token"),
        pytest.param("ISWAP fighters overran the base.", "iswap", id="ISWAP is its own actor"),
        pytest.param("IS-K claimed the bombing.", "islamic-state-khorasan", id="IS-K not IS"),
        pytest.param("ISKP claimed the bombing.", "islamic-state-khorasan", id="ISKP"),
        pytest.param("al-Shabaab attacked the base.", "al-shabaab", id="al-Shabaab"),
        pytest.param("Al Shabab attacked the base.", "al-shabaab", id="al-Shabab spacing"),
        pytest.param("Hamas's armed wing", "hamas", id="possessive still matches"),
        pytest.param("Izz ad-Din al-Qassam Brigades said", "qassam-brigades", id="Qassam Brigades"),
        pytest.param("Palestinian Islamic Jihad said", "palestinian-islamic-jihad", id="PIJ"),
        pytest.param("Jama’at Nusrat al-Islam wal-Muslimin", "jnim", id="JNIM full name"),
        pytest.param("The Tatmadaw shelled the town.", "tatmadaw", id="Tatmadaw"),
        pytest.param("Farabundo Martí National Liberation Front", "fmln", id="accents dropped"),
        pytest.param("Kurdistan Workers’ Party", "pkk", id="curly apostrophe in plural possessive"),
    ],
)
def test_find_names_aliases_and_transliterations(text: str, actor_id: str) -> None:
    assert actor_id in ids(text)


def test_kataib_hezbollah_is_not_hezbollah() -> None:
    assert found("Kata'ib Hizballah and Hezbollah") == [
        ("Kata'ib Hizballah", "kataib-hezbollah"),
        ("Hezbollah", "hezbollah"),
    ]


def test_islamic_jihad_is_not_islamic_state() -> None:
    assert ids("Islamic Jihad and the Islamic State") == [
        "palestinian-islamic-jihad",
        "islamic-state",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "TERRORISTS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] ATTACKED",
            ["unnamed-terrorists", "fmln", "fmln"],
            id="FMLN full name and acronym in all caps",
        ),
        pytest.param(
            "THE FARABUNDO MARTI NATIONAL LIBERATION MARTI FRONT CLAIMED IT",
            ["fmln"],
            id="the MUC misspelling of the FMLN",
        ),
        pytest.param(
            "SHINING PATH AND SENDERO LUMINOSO ARE THE SAME GROUP",
            ["shining-path", "shining-path"],
            id="SHINING PATH and SENDERO LUMINOSO",
        ),
        pytest.param("THE ELN BLEW UP THE PIPELINE", ["eln"], id="ELN in caps"),
        pytest.param(
            "THE EXTRADITABLES HAVE CLAIMED THE ATTACK", ["the-extraditables"], id="EXTRADITABLES"
        ),
        pytest.param(
            "LOS EXTRADITABLES HAVE CLAIMED THE ATTACK",
            ["the-extraditables"],
            id="LOS EXTRADITABLES",
        ),
        pytest.param(
            'THE "9 MAY" PEOPLE\'S LIBERATION FORCES CLAIMED IT',
            ["fpl-9-may-honduras"],
            id="quoted 9 MAY FPL",
        ),
        pytest.param(
            "THE MANUEL RODRIGUEZ PATRIOTIC FRONT [FPMR] CLAIMED IT",
            ["fpmr", "fpmr"],
            id="FPMR",
        ),
        pytest.param(
            "IT IS SAID THAT THE ARMY IS THERE", ["unnamed-state-forces"], id="IS not in caps"
        ),
        pytest.param("THE M-19 AND THE MRTA", ["m-19", "mrta"], id="M-19 and MRTA"),
        pytest.param(
            "THE CAMILIST UNION (UC-ELN) AND THE ELN",
            ["uc-eln", "uc-eln", "eln"],
            id="UC-ELN is the ELN's name of its time, apart from the plain ELN",
        ),
        pytest.param(
            "THE WORKERS SELF-DEFENSE MOVEMENT STRUCK AGAIN",
            ["ado-colombia"],
            id="Workers Self-Defense Movement",
        ),
        pytest.param("WITHOUT FURTHER ADO, THE TALKS BEGAN", [], id="ADO is a word in caps"),
    ],
)
def test_find_in_all_caps_wire_copy(text: str, expected: list[str]) -> None:
    assert ids(text) == expected


def test_is_in_mixed_case_english_is_not_islamic_state() -> None:
    assert ids("It is clear that this is what it is.") == []


def test_acronyms_need_capitals_in_mixed_case_text() -> None:
    assert ids("the eln and kh are lower case here, and so is isis") == []


def test_us_forces_and_the_pentagon() -> None:
    text = (
        "The Pentagon said U.S. forces and American troops hit US forces' targets; tell us forces."
    )
    assert found(text) == [
        ("U.S. forces", "us-forces"),
        ("American troops", "us-forces"),
        ("US forces", "us-forces"),
    ]


def test_unnamed_kinds_are_actors_of_a_kind() -> None:
    hits = registry().find("Unidentified gunmen shot him; Iran-backed militias fired rockets.")
    assert [(h.text, h.actor.id, h.actor.named) for h in hits] == [
        ("Unidentified gunmen", "unnamed-gunmen", False),
        ("Iran-backed militias", "iran-backed-militias", False),
    ]
    assert hits[1].actor.type == "Political Militias"
    assert hits[0].actor.type is None


def test_longest_name_wins_and_hits_do_not_overlap() -> None:
    assert found("Islamic State Khorasan Province gunmen") == [
        ("Islamic State Khorasan Province", "islamic-state-khorasan"),
        ("gunmen", "unnamed-gunmen"),
    ]


def test_whole_words_only() -> None:
    assert ids("Hezbollahistan and preHamas are not names") == []


def test_offsets_are_absolute_and_quote_the_text() -> None:
    text = "Yesterday,  Kata’ib   Hizballah and al-Qaeda struck; ISIS-K too."
    hits = registry().find(text)
    assert [(h.start, h.end) for h in hits] == [(12, 31), (36, 44), (53, 59)]
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text


def test_find_in_a_slice_keeps_absolute_offsets() -> None:
    text = "Hamas said. Later, Hezbollah fired. Then Hamas again."
    start = text.index("Later")
    end = text.index("Then")
    hits = registry().find(text, start, end)
    assert [(h.start, h.text) for h in hits] == [(19, "Hezbollah")]


def test_find_in_a_slice_does_not_cut_words() -> None:
    text = "the preHamas word"
    assert registry().find(text, 7, 12) == []


# ---------------------------------------------------------------------------- lookup()


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        pytest.param("Kata'ib Hizballah", "kataib-hezbollah", id="KH spelling is not Hezbollah"),
        pytest.param("Kataib Hizbalah", "kataib-hezbollah", id="fuzzy KH"),
        pytest.param("Hezbolah", "hezbollah", id="fuzzy Hezbollah"),
        pytest.param("ISIL", "islamic-state", id="acronym exact"),
        pytest.param("Islamic Jihad", "palestinian-islamic-jihad", id="Islamic Jihad is PIJ"),
        pytest.param("THE EXTRADITABLES", "the-extraditables", id="leading THE"),
        pytest.param('"SENDERO LUMINOSO"', "shining-path", id="quoted"),
        pytest.param("Farabundo Marti Natonal Liberation Front", "fmln", id="fuzzy typo"),
        pytest.param("gunmen", "unnamed-gunmen", id="unnamed kind"),
    ],
)
def test_lookup_resolves(name: str, actor_id: str) -> None:
    entry = registry().lookup(name)
    assert entry is not None
    assert entry.id == actor_id


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Islamic Jihadist Front", id="not Islamic State, not PIJ"),
        pytest.param("is", id="lower-case is is not IS"),
        pytest.param("KHX", id="unknown acronym never fuzzy"),
        pytest.param("Brigade 445", id="numbers must agree"),
        pytest.param("Pentagon", id="the Pentagon is a speaker"),
        pytest.param("", id="empty"),
    ],
)
def test_lookup_refuses(name: str) -> None:
    assert registry().lookup(name) is None


def test_lookup_never_maps_islamic_jihad_to_islamic_state() -> None:
    for name in ("Islamic Jihad", "Islamic Jihad Movement", "Egyptian Islamic Jihad"):
        entry = registry().lookup(name)
        assert entry is None or entry.id != "islamic-state"


# ---------------------------------------------------------------------------- umbrellas


def test_islamic_resistance_in_iraq_includes_kh_and_nujaba() -> None:
    members = {e.id for e in registry().members("islamic-resistance-in-iraq")}
    assert {"kataib-hezbollah", "harakat-al-nujaba", "kataib-sayyid-al-shuhada"} <= members
    assert "hezbollah" not in members


def test_umbrellas_of_an_actor() -> None:
    assert {e.id for e in registry().umbrellas("iswap")} == {"islamic-state"}
    assert {e.id for e in registry().umbrellas("kataib-hezbollah")} == {
        "islamic-resistance-in-iraq",
        "popular-mobilization-forces",
    }


def test_get_unknown_id_says_which() -> None:
    with pytest.raises(KeyError, match="no-such-group"):
        registry().get("no-such-group")


# ---------------------------------------------------------------------------- the data


def test_registry_has_at_least_250_named_actors() -> None:
    named = [e for e in registry().entries if e.named]
    assert len(named) >= 250
    assert len(registry()) > len(named)


def test_registry_is_loaded_once() -> None:
    assert registry() is registry()


def test_every_named_actor_has_a_type_and_countries() -> None:
    for entry in registry().entries:
        if entry.named:
            assert entry.type is not None, entry.id
            assert entry.countries, entry.id


# ---------------------------------------------------------------------------- validation

GOOD = """
actors:
  - id: alpha
    name: Alpha Front
    type: Rebel Groups
    countries: [COL]
    aliases: [Frente Alfa]
    acronyms: [AF]
  - id: beta
    name: Beta Brigade
    type: Political Militias
    countries: [PER]
    umbrella: [alpha]
unnamed:
  - id: unnamed-gunmen
    name: gunmen
    type: null
    patterns: [gunmen]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "actors.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_from_file_loads_a_small_list(tmp_path: Path) -> None:
    reg = ActorRegistry.from_file(write(tmp_path, GOOD))
    assert len(reg) == 3
    assert [e.id for e in reg.members("alpha")] == ["beta"]
    assert [(h.text, h.actor.id) for h in reg.find("AF and Frente Alfa and gunmen")] == [
        ("AF", "alpha"),
        ("Frente Alfa", "alpha"),
        ("gunmen", "unnamed-gunmen"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param(
            "umbrella: [alpha]", "umbrella: [gamma]", "unknown umbrella id 'gamma'", id="umbrella"
        ),
        pytest.param("id: beta", "id: alpha", "duplicate actor id 'alpha'", id="duplicate id"),
        pytest.param(
            "countries: [PER]\n",
            "countries: [PER]\n    aliases: [Frente Alfa]\n",
            "points at two actors",
            id="duplicate alias",
        ),
        pytest.param(
            "type: Political Militias", "type: Militia", "unknown actor type 'Militia'", id="type"
        ),
        pytest.param("countries: [PER]", "countries: [Peru]", "'Peru' is not an ISO3", id="ISO3"),
        pytest.param(
            "countries: [PER]", "countries: [per]", "'per' is not an ISO3", id="iso3 case"
        ),
        pytest.param("aliases: [Frente", "alias: [Frente", "unknown field", id="misspelt key"),
        pytest.param(
            "actors:", "actorz:", "expected a mapping with an 'actors:' list", id="no list"
        ),
        pytest.param(
            "aliases: [Frente Alfa]", "aliases: [Frente Alfa", "not valid YAML", id="yaml"
        ),
    ],
)
def test_bad_yaml_is_refused_with_a_clear_error(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(ActorDataError, match=message) as info:
        ActorRegistry.from_file(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("mention", "spelled"),
    [
        pytest.param("DRUG MAFIAS", "drug mafias", id="capitals to the list's spelling"),
        pytest.param("Israeli Settlers", "Israeli settlers", id="proper adjective kept"),
        pytest.param("THE\nARMY", "the army", id="line break inside"),
        pytest.param("a town hall", None, id="not an actor"),
    ],
)
def test_spelling_of_a_mention(mention: str, spelled: str | None) -> None:
    assert registry().spelling(mention) == spelled


def test_an_army_is_a_branch_of_its_armed_forces() -> None:
    army = registry().lookup("Salvadoran army")
    assert army is not None and army.id == "salvadoran-army"
    assert [u.id for u in registry().umbrellas("salvadoran-army")] == ["salvadoran-armed-forces"]


def test_the_uc_eln_belongs_to_the_eln() -> None:
    assert [u.id for u in registry().umbrellas("uc-eln")] == ["eln"]


def test_an_acronym_that_is_a_word_in_caps_still_counts_in_mixed_case() -> None:
    assert ids("The ADO claimed the bombing.") == ["ado-colombia"]


@pytest.mark.parametrize(
    ("source", "actor_id"),
    [
        pytest.param("RADIO VENCEREMOS", "fmln", id="a rebel radio, in capitals"),
        pytest.param("Amaq News Agency", "islamic-state", id="a news agency"),
        pytest.param("the Al-Masirah TV", "houthis", id="article and hyphen"),
        pytest.param("Radio Cadena Nacional", None, id="an ordinary radio"),
    ],
)
def test_outlet_names_the_group_whose_medium_it_is(source: str, actor_id: str | None) -> None:
    entry = registry().outlet(source)
    assert (entry.id if entry else None) == actor_id


def test_an_outlet_may_belong_to_one_actor_only(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "actors:\n"
        "  - {id: a, name: A, type: Rebel Groups, outlets: [Radio Uno]}\n"
        "  - {id: b, name: B, type: Rebel Groups, outlets: [radio uno]}\n"
    )
    with pytest.raises(ActorDataError, match="points at two actors"):
        ActorRegistry.from_file(path)


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        pytest.param("Turkish artillery shelled the town.", "turkish-armed-forces", id="artillery"),
        pytest.param("Iranian drones hit a tanker.", "iranian-armed-forces", id="drones"),
        pytest.param("Somali troops took the town.", "somali-national-army", id="troops"),
    ],
)
def test_a_states_forces_are_named_by_what_they_fight_with(text: str, actor_id: str) -> None:
    assert ids(text) == [actor_id]


def test_a_name_the_list_gives_elsewhere_is_not_derived(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "actors:\n"
        "  - {id: a, name: Army A, type: State Forces, aliases: [Turkish forces]}\n"
        "  - {id: b, name: Army B, type: State Forces, aliases: [Turkish jets]}\n"
        "  - {id: c, name: Group C, type: Rebel Groups, aliases: [Somali forces]}\n"
    )
    reg = ActorRegistry.from_file(path)
    assert [h.actor.id for h in reg.find("Turkish jets and Turkish tanks")] == ["b", "a"]
    assert reg.find("Somali tanks") == []  # only state forces are named so
