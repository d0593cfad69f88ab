"""Read-only reference data behind small interfaces: the gazetteer (place names ->
coordinates and admin areas) and the actor list (names, aliases, umbrellas).

Nothing here is loaded at import time; each module builds or opens its index on first use.
"""
