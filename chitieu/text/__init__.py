"""The Vietnamese reader: extract(text) -> list[Item]. Pure standard library.

Pipeline (each step its own module):

- normalize: NFC copy of the text with a map back to the original offsets
- segment: syllables grouped into words (dictionary maximum match), so trims never cut a word
- tokens, structure: words and numbers; paragraphs, sentences, list items "(1)", "a)", "-",
  clauses, colon heads and "trong đó" sub-lists
- mentions, special, spans: quantities (numbers with units, ranges, "X/Y", bounds, changes,
  shares of a plan, ranks, "không còn"), never dates, codes, ordinals or phone numbers
- periods, context: the period each item refers to and whether it is a target or a result
- names: the measured noun phrase ("Tỷ lệ thất nghiệp khu vực thành thị"); ranks named by
  what they rank and the place ranked
- places: places read by the shape of a proper noun, the place a rank ranks, a text's index
- coordination: heads, measures and places lent across lists and respectively-lists
- tables: rows of tab- or bar-separated tables
- tasks: duties with a deadline and the unit in charge
- linking: catalogue codes for indicator names (diacritics and abbreviations folded)
"""

from chitieu.text.extract import extract, extract_to_json
from chitieu.text.item import Item
from chitieu.text.linking import CatalogueEntry, Link, link, link_items

__all__ = ["CatalogueEntry", "Item", "Link", "extract", "extract_to_json", "link", "link_items"]
