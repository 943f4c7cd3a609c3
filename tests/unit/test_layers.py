"""numcore is the core: it must never depend on the screen."""

import ast
from pathlib import Path

NUMCORE = Path(__file__).resolve().parents[2] / "numcore"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_numcore_imports_neither_streamlit_nor_plotly():
    files = sorted(NUMCORE.rglob("*.py"))
    assert len(files) > 5
    offenders = {f.name: imported_modules(f) & {"streamlit", "plotly"} for f in files}
    assert {name: mods for name, mods in offenders.items() if mods} == {}


def test_importing_numcore_loads_neither_streamlit_nor_plotly():
    import subprocess
    import sys

    code = ("import sys, numcore, numcore.cli, numcore.seed; "
            "print(sorted(m for m in ('streamlit', 'plotly') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=NUMCORE.parent, check=True)
    assert out.stdout.strip() == "[]"
