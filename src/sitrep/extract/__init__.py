"""Extraction: report text -> candidate incidents and aggregate statements, with evidence.

Everything in this package is pure and offline: text and reference data in,
models out; no database, no network (a test guards it).
"""
