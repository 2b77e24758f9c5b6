"""The Vietnamese reader: extract(text) -> list[Item]. Pure standard library."""

from chitieu.text.extract import extract, extract_to_json
from chitieu.text.item import Item

__all__ = ["Item", "extract", "extract_to_json"]
