"""Link indicator names read from a document to the catalogue (chitieu.text.linking).

The catalogue is loaded once per reading; each indicator is offered under its name, short
name and aliases (one per line), so "GRDP" finds "Tốc độ tăng trưởng kinh tế (GRDP)".
An item is only offered the indicators whose unit its own unit converts to: "13,5%" cannot
be a figure of an indicator counted in "tỷ đồng", and a target in such a unit would be
refused when drafted anyway (Target.clean), so the name is matched among the others.
"""

from __future__ import annotations

from collections import defaultdict

from chitieu.core.quantities import unit_key
from chitieu.plans.models import Indicator


class Linker:
    """Look up indicator names in the catalogue as it stood when the Linker was made."""

    def __init__(self) -> None:
        from chitieu.text.linking import CatalogueEntry

        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.by_unit: dict[str, list] = defaultdict(list)
        for code, i in self.indicators.items():
            aliases = tuple(n.strip() for n in (i.short_name, *i.aliases.splitlines()) if n.strip())
            self.by_unit[unit_key(i.unit)].append(CatalogueEntry(code, i.name, aliases))

    def link(self, name: str, unit: str | None) -> tuple[Indicator | None, float | None]:
        """Return (indicator, score) for an item named `name` measured in `unit`, or
        (None, score of the best miss, or None when nothing was compared). A blank name or
        unit, or no indicator in a compatible unit, links to nothing."""
        if not name.strip() or not (unit or "").strip():
            return None, None
        catalogue = self.by_unit.get(unit_key(unit or ""))
        if not catalogue:
            return None, None
        from chitieu.text.linking import link

        code, score = link(name, catalogue)
        return (self.indicators.get(code) if code else None), score
