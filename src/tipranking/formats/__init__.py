"""Formats: reading and writing files (the JSON assessment format, placement CSV files), rendering results as
text, JSON and CSV, DataFrames and charts. Everything here sits above the analyses; nothing below imports it."""

__all__: list[str] = []
