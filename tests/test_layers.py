"""The house's layers (docs/architecture.md): a lower app never imports a higher one.

The contract lives in pyproject.toml ([tool.importlinter]) and `make test` runs `lint-imports`;
these tests run it too, and show that it does catch an upward import."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["tool"]["importlinter"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_layers_are_the_house_order():
    layers = CONFIG["contracts"][0]["layers"]
    assert layers == ["ccm_portal", "reports", "assistance", "obligations", "accounts", "states", "core", "treaty"]
    assert sorted(CONFIG["root_packages"]) == sorted(layers)


def test_no_lower_layer_imports_a_higher_one():
    result = lint_imports(BASE_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "upward"),
    [("states/models.py", "ccm_portal.urls"), ("core/sorting.py", "states.models"), ("treaty/dates.py", "core.sql")],
)
def test_an_upward_import_breaks_the_contract(tmp_path, module, upward):
    """A copy of the project's packages with one upward import added fails the contract, naming it."""
    for package in CONFIG["root_packages"]:
        shutil.copytree(BASE_DIR / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(BASE_DIR / "pyproject.toml", tmp_path / "pyproject.toml")
    with (tmp_path / module).open("a") as source:
        source.write(f"\nimport {upward}  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    importer = module.removesuffix(".py").replace("/", ".")
    assert f"{importer} -> {upward}" in result.stdout, result.stdout
