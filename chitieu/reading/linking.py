"""Link indicator names read from a document to the catalogue (chitieu.text.linking).

The catalogue is loaded once per reading; each indicator is offered under its name, short
name and aliases (one per line), so "GRDP" finds "Tốc độ tăng trưởng kinh tế (GRDP)".
"""

from __future__ import annotations

from chitieu.plans.models import Indicator


class Linker:
    """Look up indicator names in the catalogue as it stood when the Linker was made."""

    def __init__(self) -> None:
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.catalogue: dict[str, list[str]] = {
            code: [n for n in (i.name, i.short_name, *i.aliases.splitlines()) if n.strip()]
            for code, i in self.indicators.items()
        }

    def link(self, name: str) -> tuple[Indicator | None, float | None]:
        """Return (indicator, score) for `name`, or (None, score of the best miss or None).
        A blank name or an empty catalogue links to nothing."""
        if not name.strip() or not self.catalogue:
            return None, None
        from chitieu.text.linking import link

        code, score = link(name, self.catalogue)
        return (self.indicators.get(code) if code else None), score
