"""The code imports what it uses: an unused import is dead weight a reader has to check (the standard library's
ast, so no linter is needed as a dependency; a line marked `# noqa` is a deliberate re-export or side effect)."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "app.py", ROOT / "run.py", *sorted((ROOT / "lib").rglob("*.py")),
           *sorted((ROOT / "pages").rglob("*.py")), *sorted((ROOT / "tests").rglob("*.py"))]


def unused_imports(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    exported = {elt.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
                for elt in getattr(node.value, "elts", []) if isinstance(elt, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom) or "noqa" in lines[node.lineno - 1]:
            continue
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        for alias in node.names:
            name = (alias.asname or alias.name).split(".")[0]
            if name not in used and name not in exported and name != "*":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {alias.name}")
    return found


def test_no_module_imports_a_name_it_does_not_use() -> None:
    assert [u for path in SOURCES for u in unused_imports(path)] == []
