"""Issue 9: the layout's import rules. The package rules are import-linter contracts (.importlinter); the file
rules (who may draw, who may query) are read from the source here."""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = ("tasks", "par", "projects")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports.exe" if os.name == "nt" else "lint-imports")


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env={**os.environ, "PYTHONPATH": str(cwd), "PYTHONIOENCODING": "utf-8"},
                          check=False)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def test_the_import_contracts_hold():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_a_module_importing_another_module_breaks_the_contracts(tmp_path):
    """The contracts bite: a copy of lib/ in which Nhiệm vụ imports Chỉ số CCHC is refused."""
    shutil.copytree(ROOT / "lib", tmp_path / "lib", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    workflow = tmp_path / "lib" / "tasks" / "workflow.py"
    source = workflow.read_text(encoding="utf-8")
    workflow.write_text(source.replace("from __future__ import annotations\n",
                                       "from __future__ import annotations\n\nfrom lib.par import models\n", 1),
                        encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "lib.tasks.workflow -> lib.par.models" in result.stdout


def _may_draw(path: Path) -> bool:
    relative = path.relative_to(ROOT).as_posix()
    return (relative.startswith(("lib/ui/", "pages/")) or relative == "app.py"
            or path.name == "ui.py" or path.name.endswith("_ui.py"))


def test_only_ui_files_import_streamlit():
    drawing = [p.relative_to(ROOT).as_posix() for p in _python_files("lib")
               if not _may_draw(p) and any(n == "streamlit" or n.startswith("streamlit.") for n in _imports(p))]
    assert drawing == []


@pytest.mark.parametrize("module", MODULES)
def test_a_module_service_never_imports_a_ui_file(module):
    """Its services, models and demo stay free of streamlit, even indirectly (through its ui.py or lib/ui)."""
    def is_ui(name: str) -> bool:
        return name == "lib.ui" or name.startswith("lib.ui.") or (
            name.startswith(f"lib.{module}.") and name.rsplit(".", 1)[-1].endswith("ui"))

    services = [p for p in _python_files(f"lib/{module}") if not _may_draw(p)]
    wrong = [p.name for p in services if any(is_ui(n) for n in _imports(p))]
    assert wrong == []


def test_pages_hold_no_sql():
    """A page draws and calls services; it never builds a query or opens the database itself."""
    sql = ("sqlalchemy", "lib.core.db", "lib.core.models")
    querying = [p.relative_to(ROOT).as_posix() for p in [*_python_files("pages"), ROOT / "app.py"]
                if any(n == s or n.startswith(f"{s}.") for n in _imports(p) for s in sql)
                or ".execute(" in p.read_text(encoding="utf-8")]
    assert querying == []


@pytest.mark.parametrize("module", MODULES)
def test_each_module_says_what_it_does_and_which_seed_it_implements(module):
    docstring = ast.get_docstring(ast.parse((ROOT / "lib" / module / "__init__.py").read_text(encoding="utf-8")))
    assert docstring and "seed" in docstring.lower() and len(docstring) > 120
