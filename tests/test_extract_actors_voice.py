"""Who tells the act and how the sentence is built around the actors, in the wording of
today's wire copy (extract/actors.py, extract/claims.py): a group telling its own act is a
claim, a force telling its own troops' act too; a participle and a phrase "in an attack" do
not make the name before them a doer."""

from __future__ import annotations

from sitrep.extract.contract import extract_document


def actors(text: str, published: str = "2024-03-05") -> list[list[tuple[str, str, str | None]]]:
    """Per incident: (name, role, attribution) of each actor."""
    out = extract_document("t", text, published=published)
    return [
        [(a["name"], a["role"], a.get("attribution")) for a in i["actors"]]
        for i in out["incidents"]
    ]


def channels(text: str) -> list[str | None]:
    out = extract_document("t", text, published="2024-03-05")
    return [a.get("claim_channel") for i in out["incidents"] for a in i["actors"]]


def test_the_group_telling_its_own_act_claims_it() -> None:
    text = (
        "ISWAP fighters killed 10 soldiers in an attack on a military base in Borno state"
        " on Monday, the group said in a statement."
    )
    found = actors(text)
    assert found == [
        [
            ("Islamic State West Africa Province", "perpetrator", "claimed"),
            ("soldiers", "victim", None),
        ]
    ]
    assert "statement" in channels(text)


def test_another_speaker_is_not_a_claim() -> None:
    text = (
        "Russian forces shelled Kherson on Monday, killing two civilians, the regional"
        " governor said."
    )
    assert ("Russian Armed Forces", "perpetrator", "attributed_by_official") in actors(text)[0]
    own = text.replace("the regional governor", "the Russian military")
    assert ("Russian Armed Forces", "perpetrator", "claimed") in actors(own)[0]


def test_a_force_telling_what_its_troops_did_claims_it() -> None:
    found = actors("The army said its troops killed 12 al-Shabaab fighters near Jilib on Friday.")
    assert ("troops", "perpetrator", "claimed") in found[0]
    assert ("al-Shabaab", "target", None) in found[0]


def test_the_groups_own_news_agency_is_the_claims_channel() -> None:
    text = (
        "The Islamic State claimed responsibility for a suicide bombing at a mosque in"
        " Peshawar on Friday that killed 56 people, the group's Amaq news agency said."
    )
    assert "Amaq news agency" in channels(text)


def test_the_object_of_an_ambush_is_not_the_doer_of_the_killing_that_follows() -> None:
    found = actors(
        "JNIM fighters ambushed a Malian army convoy near Boni on Tuesday, killing 12 soldiers."
    )
    malian = [f for f in found[0] if f[0] == "Malian Armed Forces"]
    assert malian == [("Malian Armed Forces", "target", None)]
    assert ("Jama'at Nusrat al-Islam wal-Muslimin", "perpetrator", "attributed_by_source") in (
        found[0]
    )


def test_a_named_things_owner_is_not_its_doer() -> None:
    found = actors("A Malian army convoy hit a landmine near Boni on Tuesday, killing 3 soldiers.")
    assert found and all(
        role != "perpetrator" for name, role, _ in found[0] if name == "Malian Armed Forces"
    )


def test_a_kind_named_by_who_backs_it_may_be_blamed() -> None:
    text = (
        "A drone attack on a U.S. base in Jordan killed three American soldiers on Sunday."
        " President Biden blamed Iran-backed militant groups."
    )
    assert ("Iran-backed militant groups", "perpetrator", "suspected") in actors(text)[0]
    plain = text.replace("Iran-backed militant groups", "militant groups")
    assert all(role != "perpetrator" for name, role, _ in actors(plain)[0])


def test_a_country_telling_what_its_forces_did_claims_it() -> None:
    found = actors("Russia said its air defences shot down 12 Ukrainian drones over Belgorod.")
    assert ("Russian Armed Forces", "perpetrator", "claimed") in found[0]
    assert ("Armed Forces of Ukraine", "target", None) in found[0]


def test_a_strike_named_by_whose_it_is_names_its_doer() -> None:
    found = actors("An Israeli airstrike killed five people in Rafah on Thursday.")
    assert found == [[("Israel Defense Forces", "perpetrator", "attributed_by_source")]]
    found = actors("Protesters condemned Israeli airstrikes on Gaza on Friday.")
    assert ("Israel Defense Forces", "target", None) not in found[0]


def test_a_claim_said_in_a_statement_on_a_channel() -> None:
    text = (
        "Islamic Resistance in Iraq said in a statement on Telegram that it had attacked the"
        " Ain al-Asad air base with drones on Saturday."
    )
    assert actors(text) == [[("Islamic Resistance in Iraq", "perpetrator", "claimed")]]
    assert channels(text) == ["Telegram"]


def test_a_country_that_acts_is_its_state_forces() -> None:
    text = "Ukraine's air force said Russia launched 40 drones at Kyiv overnight."
    assert actors(text) == [[("Russian Armed Forces", "perpetrator", "attributed_by_official")]]
    # A country only named is no actor: "drones launched from Russia"
    found = actors("Drones launched from Russia struck Kharkiv overnight, killing two people.")
    assert found == [[]]


def test_the_side_that_holds_an_area_is_not_what_the_act_hit() -> None:
    found = actors("Government forces bombed rebel-held Idlib on Tuesday, killing nine civilians.")
    assert all(name != "rebel" for name, _, _ in found[0])


def test_a_commander_killed_in_an_airstrike_is_its_target() -> None:
    found = actors("The IDF said it killed a Hamas commander in an airstrike in Khan Younis.")
    assert ("Hamas", "target", None) in found[0]
    assert ("Israel Defense Forces", "perpetrator", "claimed") in found[0]


def test_a_drone_strike_named_by_whose_it_is_and_told_by_its_command() -> None:
    text = (
        "A U.S. drone strike killed a senior al-Shabaab commander near Jilib on Thursday,"
        " U.S. Africa Command said."
    )
    assert ("U.S. forces", "perpetrator", "claimed") in actors(text)[0]


def test_the_paramilitary_group_is_the_group_named_before() -> None:
    text = (
        "The RSF denied responsibility for the massacre in El Geneina, which the United"
        " Nations blamed on the paramilitary group."
    )
    found = actors(text)[0]
    assert [name for name, role, _ in found if role == "perpetrator"] == ["Rapid Support Forces"]


STORY = (
    "BAGHDAD, March 4 (Wire) - A drone attack on a base hosting U.S. troops in northern Iraq"
    " wounded two American service members on Sunday, U.S. officials said, the latest in a"
    " string of attacks that Washington blames on Iran-backed militias.\n\n"
    "The Islamic Resistance in Iraq, an umbrella group of Iran-aligned armed factions, said in"
    " a statement on Telegram that it had targeted the Harir base in the Kurdistan Region with"
    " a drone.\n\n"
    "Hours later, U.S. warplanes struck two facilities used by Kataib Hezbollah near al-Qaim"
    " on the Syrian border, killing at least four militants, according to a security source."
)


def test_a_wire_story_with_an_attack_its_claim_and_the_strike_that_answered_it() -> None:
    attack, strike = actors(STORY, "2024-03-04")
    # the wounded are what the attack hit; the blame ("blames on") names a suspect; the claim
    # in the next paragraph, said on Telegram, is the umbrella group's
    assert ("U.S. forces", "target", None) in attack
    assert ("Iran-backed militias", "perpetrator", "suspected") in attack
    assert ("Islamic Resistance in Iraq", "perpetrator", "claimed") in attack
    assert all(role != "perpetrator" for name, role, _ in attack if name == "U.S. forces")
    # "facilities used by" says whose they are; blame told before the strike is not its
    assert strike == [
        ("U.S. forces", "perpetrator", "attributed_by_source"),
        ("Kata'ib Hezbollah", "target", None),
    ]


def test_a_group_saying_it_seized_or_captured_claims_it() -> None:
    text = (
        "In a video posted online, the Taliban said they had captured the district centre of"
        " Jani Khel after heavy fighting on Monday."
    )
    assert actors(text) == [[("Taliban", "perpetrator", "claimed")]]
    assert channels(text) == ["video"]
    found = actors(
        "The Arakan Army said it had seized a junta base in Rakhine state on Saturday,"
        " killing 20 soldiers."
    )
    assert ("Arakan Army", "perpetrator", "claimed") in found[0]


def test_a_force_conceding_the_act_through_its_officials_claims_it() -> None:
    text = (
        "Guatemalan army troops killed nine peasants by mistake near Coban on 17 August."
        " Military officials have stated that the incident had been a tragic mistake."
    )
    found = actors(text, "1989-08-19")
    assert ("Guatemalan Army", "perpetrator", "claimed") in found[0]
    other = text.replace("Military officials", "Police officials")
    assert ("Guatemalan Army", "perpetrator", "attributed_by_source") in actors(
        other, "1989-08-19"
    )[0]


def test_a_headlines_passive_names_the_victims() -> None:
    assert actors("20 militants killed in Pak airstrikes", "2014-06-15") == [
        [("militants", "victim", None)]
    ]
    found = actors("12 soldiers killed in al-Shabaab attack on base", "2014-06-15")
    assert ("al-Shabaab", "perpetrator", "attributed_by_source") in found[0]
    assert ("soldiers", "victim", None) in found[0]
    # with an object after the verb, the counted name is its subject
    found = actors("Twelve gunmen killed five people in a market.", "2014-06-15")
    assert ("unidentified gunmen", "perpetrator", "attributed_by_source") in found[0] or (
        "gunmen",
        "perpetrator",
        "attributed_by_source",
    ) in found[0]
