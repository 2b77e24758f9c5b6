"""The Vietnamese reader: extract(text) -> list[Item]. Pure standard library."""

from chitieu.text.extract import extract, extract_to_json
from chitieu.text.item import Item
from chitieu.text.linking import CatalogueEntry, Link, link, link_items

__all__ = ["CatalogueEntry", "Item", "Link", "extract", "extract_to_json", "link", "link_items"]
