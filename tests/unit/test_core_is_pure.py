"""The rules (chitieu.core) and the extractor (chitieu.text) stay pure standard library.

Modules are discovered with pkgutil, so a module added later is covered without editing this
file. Two checks: importing all of them in a fresh interpreter pulls in no Django module, and
every import statement in their source names the standard library or chitieu.core/chitieu.text.
"""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PURE_PACKAGES = ("chitieu.core", "chitieu.text")


def pure_modules() -> list[tuple[str, Path]]:
    """(dotted name, source file) of every module under the pure packages, packages included."""
    found: list[tuple[str, Path]] = []
    for package in PURE_PACKAGES:
        folder = REPO.joinpath(*package.split("."))
        if not folder.is_dir():
            continue
        init = folder / "__init__.py"
        if init.exists():
            found.append((package, init))
        for info in pkgutil.walk_packages([str(folder)], prefix=package + "."):
            sub = folder.joinpath(*info.name.split(".")[2:])
            source = sub / "__init__.py" if info.ispkg else sub.with_suffix(".py")
            found.append((info.name, source))
    return sorted(found)


MODULES = pure_modules()

IMPORT_ALL = """
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
print(json.dumps(sorted(m for m in sys.modules if m == "django" or m.startswith("django."))))
"""


def test_discovery_finds_the_known_core_modules():
    names = {name for name, _ in MODULES}
    assert {"chitieu.core.choices", "chitieu.core.periods", "chitieu.core.quantities"} <= names


def test_importing_every_pure_module_in_a_fresh_interpreter_loads_no_django():
    names = [name for name, _ in MODULES]
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, json.dumps(names)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [], f"Django loaded by importing {names}"


def imported_names(module: str, source: Path) -> list[str]:
    """Absolute dotted names of every module imported anywhere in `source` (lazy imports too)."""
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    package = module if source.name == "__init__.py" else module.rpartition(".")[0]
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                names.append(".".join([*base, node.module] if node.module else base))
            else:
                names.append(node.module or "")
    return names


def is_allowed(name: str) -> bool:
    top = name.partition(".")[0]
    if top in sys.stdlib_module_names:
        return True
    return any(name == p or name.startswith(p + ".") for p in PURE_PACKAGES)


@pytest.mark.parametrize(("module", "source"), MODULES, ids=[name for name, _ in MODULES])
def test_each_pure_module_imports_only_the_standard_library_and_pure_packages(module, source):
    outside = [name for name in imported_names(module, source) if not is_allowed(name)]
    assert outside == [], f"{module} imports {outside}"


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("datetime", True),
        ("collections.abc", True),
        ("chitieu.core.periods", True),
        ("chitieu.text", True),
        ("django", False),
        ("django.db.models", False),
        ("chitieu.plans.models", False),
        ("chitieu.corex", False),
        ("numpy", False),
    ],
)
def test_the_allowed_import_rule(name, allowed):
    assert is_allowed(name) is allowed
