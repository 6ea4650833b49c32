import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "orientest"
FORBIDDEN = {"flows", "connectors", "cli", "prefect", "gspread", "openpyxl", "smtplib", "jinja2", "requests",
             "httpx", "os", "subprocess", "socket", "pathlib", "time", "random", "faker"}


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_domain_imports_no_io_framework_or_outer_layer():
    offenders = {path.name: _imported_modules(path) & FORBIDDEN for path in DOMAIN.glob("*.py")}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_domain_never_reads_the_clock():
    calls = [path.name for path in DOMAIN.glob("*.py")
             if any(word in path.read_text(encoding="utf-8") for word in ("datetime.now(", "date.today(", "utcnow("))]
    assert calls == []
