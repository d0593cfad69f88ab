"""The web app and JSON API (``sitrep serve``): see :mod:`sitrep.web.app`.

Nothing is loaded until asked: ``import sitrep`` never imports FastAPI.
"""
