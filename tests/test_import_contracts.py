"""`make lint` holds the apps to their layers and every module out of import circles.

Each check runs as `make lint` runs it, on a copy of the code with one import added, so
what is proved is that the check fails on such a change, not only that today's code
passes."""

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


@pytest.fixture
def copy(tmp_path):
    """The Python code of microcred, the contracts and the circle check, in tmp_path."""
    shutil.copytree(
        ROOT / "microcred",
        tmp_path / "microcred",
        ignore=lambda folder, names: (
            [n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()]
            + ["__pycache__", "static", "templates", "locale"]
        ),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "import_cycles.py", tmp_path / "scripts")
    return tmp_path


def _add_import(module: Path, line: str) -> None:
    module.write_text(module.read_text() + f"\n{line}\n")


def _lint_imports(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=folder, capture_output=True, text=True, timeout=300
    )


def _cycles(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/import_cycles.py"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_code_keeps_its_import_contracts():
    result = _lint_imports(ROOT)

    assert result.returncode == 0, result.stdout
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_an_app_importing_an_app_above_it_fails_the_check(copy):
    _add_import(
        copy / "microcred/catalog/selectors.py", "from microcred.assessment import staffing"
    )

    result = _lint_imports(copy)

    assert result.returncode == 1
    assert "Apps import only the apps below them BROKEN" in result.stdout
    assert "microcred.catalog is not allowed to import microcred.assessment" in result.stdout


def test_models_importing_their_apps_views_fail_the_check(copy):
    _add_import(copy / "microcred/backpack/models.py", "from microcred.backpack import views")

    result = _lint_imports(copy)

    assert result.returncode == 1
    assert "pages above services and selectors, above models BROKEN" in result.stdout
    assert "microcred.backpack.models is not allowed to import microcred.backpack.views" in (
        result.stdout
    )


def test_no_module_imports_in_a_circle():
    result = _cycles(ROOT)

    assert result.returncode == 0, result.stdout


def test_a_new_import_circle_fails_the_check(copy):
    # The catalog's services import its checklist; the other way closes a circle.
    _add_import(copy / "microcred/catalog/checklist.py", "from microcred.catalog import services")

    result = _cycles(copy)

    assert result.returncode == 1
    assert "microcred.catalog.checklist" in result.stdout
    assert "microcred.catalog.services" in result.stdout


@pytest.mark.parametrize(
    "asking", ["microcred.catalog.above", "microcred.submissions.above", "microcred.backpack.above"]
)
def test_every_question_a_lower_app_asks_is_answered_once_the_apps_load(asking):
    answers = importlib.import_module(asking).answers

    assert answers.unanswered() == []
