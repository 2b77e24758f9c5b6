"""Tasks: duties with a deadline ("Thành lập Khu kinh tế ... trước năm 2025")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chitieu.text.mentions import Mention
from chitieu.text.periods import DocumentPeriods, PeriodMention
from chitieu.text.structure import Structure
from chitieu.text.tokens import Token


@dataclass(frozen=True)
class Task:
    start: int
    end: int
    title: str
    deadline: str | None
    lead_unit: str | None


def find_tasks(
    text: str,
    toks: Sequence[Token],
    st: Structure,
    periods: Sequence[PeriodMention],
    doc: DocumentPeriods,
    mentions: Sequence[Mention],
) -> list[Task]:
    return []
