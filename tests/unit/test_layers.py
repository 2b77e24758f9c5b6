"""DESIGN.md's layer rules, as import-linter contracts (`[tool.importlinter]` in pyproject.toml).

The contracts are read from pyproject.toml and checked against the real import graph, so a
module that breaks a rule fails here with the import chain import-linter prints. A second test
makes sure the check itself can fail: a contract that the graph must break is reported broken.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(config: Path | None = None) -> subprocess.CompletedProcess[str]:
    args = [str(LINT_IMPORTS), "--no-cache"]
    if config is not None:
        args += ["--config", str(config)]
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=300)


def test_every_layer_rule_of_the_design_is_kept() -> None:
    run = _lint()
    assert run.returncode == 0, run.stdout + run.stderr
    assert "5 kept, 0 broken" in run.stdout


def test_a_rule_the_code_breaks_is_reported_broken(tmp_path: Path) -> None:
    # The web layer imports the monitoring app; forbidding it must be caught.
    config = tmp_path / "contracts.toml"
    config.write_text(textwrap.dedent("""
        [tool.importlinter]
        root_package = "chitieu"

        [[tool.importlinter.contracts]]
        name = "web may not read monitoring"
        type = "forbidden"
        source_modules = ["chitieu.web"]
        forbidden_modules = ["chitieu.monitoring"]
    """))
    run = _lint(config)
    assert run.returncode != 0
    assert "web may not read monitoring BROKEN" in run.stdout
