"""The casualty words that ``find_casualties`` looks for: the table, and its compiled pattern.

Input: none; this module holds data. Output: ``TRIGGERS``, one row per casualty word
(pattern, kind, role, needs a person noun); ``TRIGGER_RE`` (and ``TRIGGER_LOWER_RE`` for
lower-cased text), the pattern that finds them; ``TRIGGER_STARTS`` and ``STEMS``, the
cheap tests tried before the pattern.

    >>> [(m.group(), TRIGGERS[int(m.lastgroup[1:])][1:3])
    ...  for m in TRIGGER_RE.finditer("Gunmen killed two; three were wounded")]
    [('killed', ('killed', 'verb')), ('wounded', ('injured', 'verb'))]

This is the table a domain expert reviews to see which words count as deaths,
injuries, abductions or disappearances, and how each takes its figure; the figures each
role takes are read in ``casualty_roles``.
"""

from __future__ import annotations

import re

from sitrep.extract.dates import _trie

# Between a death noun and its "of": "THE ASSASSINATION IN FEBRUARY OF", "THE MURDER IN
# CALI OF", "THE KILLINGS DURING THE PAST 72 HOURS OF" ("IN THE TOWN OF" is a place).
_OF_GAP = (
    r"(?:\s+(?:in|on)\s+(?!(?:the|a|an|this|that|its|their|his|her|various|several|many"
    r"|some|other|all|most|both|each|parts?|areas?|different|recent)\s)(?:[\w.'’-]+\s+){0,2}?"
    r"[\w.'’-]+|\s+(?:during|in|over)\s+the\s+(?:past|last)\s+(?:[\w-]+\s+)?"
    r"(?:hours|days|weeks|months|years|week|month|year))?"
)

# Casualty words. (pattern, kind, role, needs a person noun). Roles:
#   verb     "killed": passive ("were killed", "killed by") takes the figure on its left,
#            active ("killed 15 of the attackers") on its right, else the left ("15 killed")
#   active   "killing", "kills": the figure is on the right ("killing two policemen")
#   intrans  "died", "lost their lives": the figure is on the left
#   adj      "dead", "missing": left ("left 12 people dead") or "30 dead civilians"
#   noun     "fatalities", "injuries": a number right before ("two presumed fatalities")
#   of       "the murder of six Jesuits", "the body of a subversive": right after "of"
#   toll     "the death toll rose to 15": the number after the verb
#   among    "among the dead were 12 children": part of a figure already given
#   self     "blew himself up": the attacker's own death
#   hostages "took 5 hostages"
#   destroy  "destroyed 65 Ukrainian soldiers": a number of people on the right only
#   shot     "shot the mayor", "the judge was shot": an injury when no death is told near
#            (``casualty_phrases``)
# "needs a person noun": "the economy was hurt", "a part missing", "executed a plan" are
# not casualties, so these words count only with a people noun or a bare number.
TRIGGERS: tuple[tuple[str, str, str, bool], ...] = (
    (r"among\s+(?:the\s+)?(?:dead|killed|fatalities|victims)\s+(?:were|was|are|is)",
     "killed", "among", False),
    (r"among\s+(?:the\s+)?(?:wounded|injured)\s+(?:were|was|are|is)", "injured", "among", False),
    (r"blew\s+(?:himself|herself|themselves)\s+up"
     r"|(?:killed|shot)\s+(?:himself|herself|themselves)", "killed", "self", False),
    (rf"(?:deaths?|murders?|killings?|assassinations?|massacres?|executions?|slayings?)"
     rf"{_OF_GAP}\s+of|(?:bod(?:y|ies)|corpses?|remains)\s+of", "killed", "of", False),
    (rf"(?:injury|injuries|wounding|woundings){_OF_GAP}\s+of", "injured", "of", False),
    (r"(?:kidnappings?|abductions?)\s+of", "abducted", "of", False),
    (r"death\s+toll|toll\s+of\s+(?:dead|deaths)"
     r"|number\s+of\s+(?:[\w-]+\s+){0,2}?(?:dead|deaths|fatalities|killed)",
     "killed", "toll", False),
    (r"shot\s+(?:dead|to\s+death)|(?:stabbed|beaten|hacked|burned|burnt|tortured|strangled"
     r"|stoned|clubbed)\s+to\s+death|put\s+to\s+death|gunned\s+down"
     r"|fatally\s+(?:shot|wounded|injured|stabbed|hit)|mortally\s+wounded",
     "killed", "verb", False),
    (r"killed|murdered|assassinated|massacred|slain|slaughtered|beheaded|lynched|decapitated"
     r"|martyred", "killed", "verb", False),
    (r"executed", "killed", "verb", True),
    # Russian and Ukrainian ministry bulletins: "destroyed 65 Ukrainian soldiers",
    # "eliminated 12 militants"; "destroyed three tanks" counts no one (a person noun).
    (r"destroyed|eliminated|neutrali[sz]ed|liquidated", "killed", "destroy", True),
    (r"executes|executing|execute", "killed", "active", True),
    # "burn four local guerrillas alive", "BURNED A PEASANT ALIVE"
    (r"burn(?:s|ed|t|ing)?(?=\s+(?:[\w'’-]+\s+){1,5}?alive(?![\w'’-]))", "killed", "active",
     False),
    (r"killing|murdering|assassinating|massacring|slaughtering|beheading|kills|kill"
     r"|assassinates|assassinate|beheads|behead", "killed", "active", False),
    (r"died|dies|die|perished|(?:lost|lose|loses|losing)\s+(?:their|his|her)\s+li(?:ves|fe)"
     r"|pass(?:ed|es)\s+away|succumbed\s+to\s+(?:his|her|their)\s+(?:wounds|injuries)",
     "killed", "intrans", False),
    (r"dead", "killed", "adj", False),
    (r"deaths|death|fatalities|fatality|bodies|corpses|martyrs", "killed", "noun", False),
    (r"injured|wounded", "injured", "verb", False),
    (r"hurt|harmed", "injured", "verb", True),
    (r"injuring|wounding|hurting|injures|injure|wound", "injured", "active", False),
    (r"injuries|injury|wounds", "injured", "noun", False),
    (r"kidnapped|abducted|taken\s+(?:hostage|captive)|held\s+(?:hostage|captive)",
     "abducted", "verb", False),
    (r"kidnapping|abducting|kidnaps|kidnap|abducts|abduct", "abducted", "active", False),
    (r"hostages", "abducted", "hostages", False),
    (r"missing|disappeared|unaccounted\s+for", "missing", "adj", True),
    # last: "shot dead", "stabbed to death", "shot himself" above take the words first
    (r"shot|stabbed", "injured", "shot", True),
)  # fmt: skip

# The first letters of every casualty word in TRIGGERS: a cheap test before the long
# alternation, which would otherwise be tried at every word of the report
# (tests/test_speed_filters.py checks that every trigger starts with one of these).
TRIGGER_STARTS = (
    "among", "blew", "kill", "shot", "death", "dead", "murder", "assassin", "massacr",
    "execut", "slay", "slain", "slaughter", "bod", "corpse", "remains", "injur", "wound",
    "kidnap", "abduct", "toll", "number", "stab", "beaten", "hack", "burn", "tortur",
    "strangl", "stone", "club", "put", "gunned", "fatal", "mortal", "behead", "lynch",
    "decapitat", "martyr", "die", "perish", "los", "pass", "succumb", "hurt", "harm",
    "taken", "held", "hostage", "missing", "disappear", "unaccounted", "destroy", "eliminat",
    "neutrali", "liquidat",
)  # fmt: skip
TRIGGER_RE = re.compile(
    r"(?<![\w'’-])"
    + f"(?={_trie(sorted(TRIGGER_STARTS))})"
    + r"(?:"
    + "|".join(rf"(?P<t{i}>{p})" for i, (p, *_) in enumerate(TRIGGERS))
    + r")(?![\w'’-])",
    re.IGNORECASE,
)
TRIGGER_LOWER_RE = re.compile(TRIGGER_RE.pattern)
# Cheap substring test before any regex: most sentences have no casualty word at all.
# Every TRIGGERS pattern and zero statement contains one of these (tests/test_casualties.py
# has a sentence for every casualty word).
STEMS = (
    "kill", "murder", "assassin", "massacr", "slain", "slaughter", "behead", "lynch",
    "decapitat", "execut", "die", "perish", "martyr", "lost", "lose", "dead", "death",
    "fatal", "bod", "corpse", "remains", "injur", "wound", "hurt", "harm", "kidnap",
    "abduct", "hostage", "captive", "missing", "disappear", "unaccounted", "gunned",
    "blew", "shot", "casualt", "damage", "victim", "unscath", "lives", "loss", "stab",
    "passe", "succumb", "destroy", "eliminat", "neutrali", "liquidat", "burn",
)  # fmt: skip
