"""Event words in Portuguese, Spanish and French, by family, for events.py.

A good share of the local press that conflict datasets code is in these languages:
Brazilian and Mexican crime news ("Agricultor é assassinado a tiros", "Asesinan a
balazos a un hombre") and Congolese news ("4 morts dans une attaque des ADF").
Each family's words join the English words of the same family in events.py's one
compiled pattern, so a report costs no second pass.

The words are written in lower case, accents kept (events.py lowers only ASCII
capitals, so "é" must be spelt "é"), and chosen so that none is also an English
word: "ataque", not "ataca" (a name); "mortos", "muertos" and "morts" only after a
number ("sete mortos", "4 morts"), since "la mort de" is a death, not a killing.
Verbs in the infinitive ("matar", "tuer") are left out: they tell an intention.

    >>> import re
    >>> [bool(re.fullmatch(KILL, w)) for w in ("assassinado", "asesinan", "tués", "matar")]
    [True, True, True, False]
"""

from __future__ import annotations

# Counts from one up as each language spells them ("sete mortos", "dos muertos", "trois
# morts"); "0 mortos" is none. Each goes with its own language's word for the dead:
# Portuguese "dos mortos" is "of the dead", not two of them.
_PT_NUMBER = r"(?:[1-9]\d*|dois|duas|três|quatro|cinco|seis|sete|oito|nove|dez|onze|doze)"
_ES_NUMBER = r"(?:[1-9]\d*|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce)"
_FR_NUMBER = r"(?:[1-9]\d*|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze)"

KILL = (
    # Portuguese: "é assassinado a tiros", "assassinato", "executado a tiros por grupo rival".
    r"assassin(?:a|am|ou|aram|ad[oa]s?|at[oa]s?)|execut(?:ad[oa]s?|aram|ou)"
    r"|homicídios?|chacinas?|decapitad[oa]s?|mat(?:am|ou|aram|ado)"
    r"|(?:encontrad[oa]s?|achad[oa]s?) mort[oa]s?"
    r"|corpos? (?:[\w-]+ ){0,5}(?:é |são |foi |foram )?(?:encontrad|achad|localizad)[oa]s?"
    # Spanish: "asesinan a balazos a un hombre", "asesinado", "los asesinatos", "ejecutan".
    r"|asesin(?:a|an|ó|aron|ad[oa]s?|atos?)|ejecut(?:an|aron|ad[oa]s?)"
    r"|homicidios?|masacres?|decapitad[oa]s?|mat(?:an|ó|aron)"
    r"|(?:hallan|hallaron|localizan|encuentran) (?:[\w-]+ ){0,3}(?:cuerpos?|cadáver(?:es)?"
    r"|restos)|cadáver(?:es)?|restos humanos|(?:hallad|encontrad)[oa]s? muert[oa]s?"
    # French: "tués", "assassiné", "exécutés", "4 morts dans une attaque".
    r"|tu(?:é|ée|és|ées|ent)|assassin(?:é|ée|és|ées|at|ats)|exécut(?:é|ée|és|ées)"
    r"|décapit(?:é|ée|és|ées)"
    # A count of the dead in any of the three: "deixa mais sete mortos", "fait 3 morts".
    rf"|{_PT_NUMBER} (?:[\w-]+ )?mort[oa]s|{_ES_NUMBER} (?:[\w-]+ )?muert[oa]s"
    rf"|{_FR_NUMBER} (?:[\w-]+ )?morts"
)
ATTACK = (
    r"ataques?|atentados?|emboscadas?|baleamentos?|balead[oa]s?|tiros|tiroteios?"
    r"|atingid[oa]s? (?:por|a) (?:tiros?|balas?|disparos?)"
    r"|balazos|balacera|balean|balearon|tiroteos?|disparos"
    r"|attaques?|attaqu(?:é|ée|és|ées|ent)|embuscades?"
)
CLASH = r"confrontos?|enfrentamientos?|affrontements?|accrochages?"
ABDUCTION = (
    r"sequestr(?:o|os|ad[oa]s?|aram|ou)|secuestr(?:o|os|ad[oa]s?|an|aron|ó)"
    r"|enl[eè]v(?:ement|ements|é|ée|és|ées)"
)
EXPLOSION = r"explosão|explosões|explosión|explosiones"
ARSON = r"incendiad[oa]s?|incendi(?:é|ée|és|ées)"

# Plural nouns that name many acts of a kind ("los asesinatos"), like "the attacks".
PLURAL_NOUNS = (
    r"ataques|attaques|atentados|asesinatos|assassinatos|assassinats|homicidios|homicídios"
    r"|chacinas|masacres|confrontos|enfrentamientos|affrontements|accrochages"
    r"|secuestros|sequestros|enlèvements|emboscadas|embuscades|tiroteios|tiroteos"
)

# Family (as events.py names it) -> the words of this module.
BY_FAMILY: dict[str, str] = {
    "kill": KILL,
    "attack": ATTACK,
    "clash": CLASH,
    "abduction": ABDUCTION,
    "explosion": EXPLOSION,
    "arson": ARSON,
}
