"""`chitieu extract FILE... --format json|table [--out DIR]`: what a text states, as items.

For one file, prints {"items": [...]}; for several, one {"file", "items"} object a line; with
--out, writes DIR/<stem>.json per file. `--format table` shows the text with each item's
words highlighted and a table of the items' fields. Reads .txt (UTF-8, BOM ok) and .docx.
A file that cannot be read (empty, binary, not UTF-8, a Word file named .txt) gets a
Vietnamese message on stderr; the command then exits non-zero, without a traceback.
Offsets index the decoded text: a UTF-8 byte-order mark is dropped and "\r\n" read as "\n"
(chitieu.reading.sources.decode_document, the same reader as the upload page).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from chitieu.core.choices import Comparator, ItemKind
from chitieu.core.periods import Period, PeriodError
from chitieu.core.quantities import format_number
from chitieu.core.tasks import deadline_of
from chitieu.errors import Invalid
from chitieu.reading import sources
from chitieu.text import Item, extract

_ZIP_MAGIC = b"PK\x03\x04"
_KIND_STYLES = {"target": "bold black on cyan", "result": "bold black on green", "task": "bold black on yellow"}


def read_text(path: Path) -> str:
    """Return the text of a .txt or .docx file; raise CommandError with a Vietnamese message
    for a missing, empty, binary or non-UTF-8 file, or a Word document named .txt."""
    if not path.is_file():
        raise CommandError(f"Không có tệp «{path}».")
    data = path.read_bytes()
    if path.suffix.lower() == ".txt" and data.startswith(_ZIP_MAGIC):
        raise CommandError(
            f"Tệp «{path.name}» mang đuôi .txt nhưng là tệp nén (có thể là tài liệu Word .docx); "
            "hãy đổi đuôi thành .docx hoặc lưu lại thành văn bản UTF-8."
        )
    try:
        return sources.decode_document(data, path.name)
    except Invalid as exc:
        raise CommandError(f"Không đọc được «{path.name}»: {exc.message}") from exc


def _label(choices: Any, value: str | None) -> str:
    """The Vietnamese label of a closed-vocabulary value; the value itself if unknown."""
    try:
        return str(choices(value).label) if value else ""
    except ValueError:
        return value or ""


def _period_text(code: str | None) -> str:
    """A period code the Vietnamese way ("quý I/2024"); the code itself if it does not parse."""
    if not code:
        return ""
    try:
        return Period.parse(code).label
    except PeriodError:
        return code


def _deadline_text(item: Item) -> str:
    """A task's deadline as a day ("31/12/2024" for "trước năm 2025"), as drafts will store it."""
    if not item.deadline:
        return ""
    try:
        return f"{deadline_of(item.deadline, item.text):%d/%m/%Y}"
    except PeriodError:
        return item.deadline


class Command(BaseCommand):
    help = "Đọc chỉ tiêu, kết quả và nhiệm vụ trong văn bản (.txt, .docx) và in ra JSON hoặc bảng."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="Tệp .txt (UTF-8) hoặc .docx")
        parser.add_argument("--format", choices=["json", "table"], default="json", help="json (mặc định) hoặc table")
        parser.add_argument("--out", default="", help="Thư mục ghi DIR/<tên tệp>.json cho từng tệp")

    def handle(self, *args: Any, **o: Any) -> None:
        out_dir = Path(o["out"]) if o["out"] else None
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
        failures: list[str] = []
        several = len(o["files"]) > 1
        for name in o["files"]:
            path = Path(name)
            try:
                text = read_text(path)
            except CommandError as exc:
                failures.append(str(exc))
                self.stderr.write(str(exc))
                continue
            items = extract(text)
            payload = {"items": [it.to_dict() for it in items]}
            if out_dir is not None:
                target = out_dir / f"{path.stem}.json"
                target.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
                self.stdout.write(f"{path.name}: {len(items)} mục -> {target}")
            elif o["format"] == "table":
                self._table(path.name, text, items)
            elif several:
                self.stdout.write(json.dumps({"file": path.name, **payload}, ensure_ascii=False))
            else:
                self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1))
        if failures:
            raise CommandError(f"{len(failures)}/{len(o['files'])} tệp không đọc được.")

    def _table(self, name: str, text: str, items: list[Item]) -> None:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        console = Console(file=self.stdout._out, width=120, highlight=False)  # type: ignore[attr-defined,arg-type]
        shown = Text(text)
        for it in items:
            shown.stylize(_KIND_STYLES.get(it.kind, "reverse"), it.start, it.end)
        console.rule(name)
        console.print(shown)
        table = Table(title=f"{len(items)} mục", show_lines=False)
        for column in ("#", "loại", "chỉ tiêu", "so sánh", "giá trị", "đơn vị", "kỳ", "gốc so sánh", "hạn", "chủ trì"):
            table.add_column(column)
        for n, it in enumerate(items, start=1):
            value = "" if it.value is None else format_number(it.value)
            if it.value_max is not None:
                value += f" – {format_number(it.value_max)}"
            if it.planned is not None:
                value += f"/{format_number(it.planned)}"
            table.add_row(
                str(n), Text(_label(ItemKind, it.kind), style=_KIND_STYLES.get(it.kind, "")),
                it.indicator, _label(Comparator, it.comparator), value, it.unit or "",
                _period_text(it.period), it.baseline or "", _deadline_text(it), it.lead_unit or "",
            )
        console.print(table)
