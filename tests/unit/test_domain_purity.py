import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "orientest"
FORBIDDEN = {
    "flows",
    "connectors",
    "cli",
    "prefect",
    "gspread",
    "openpyxl",
    "smtplib",
    "jinja2",
    "requests",
    "httpx",
    "os",
    "subprocess",
    "socket",
    "pathlib",
    "time",
    "random",
    "faker",
}


def _name(path: Path) -> str:
    return str(path.relative_to(DOMAIN))


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
    offenders = {_name(path): _imported_modules(path) & FORBIDDEN for path in DOMAIN.rglob("*.py")}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_domain_never_reads_the_clock():
    calls = [
        _name(path)
        for path in DOMAIN.rglob("*.py")
        if any(word in path.read_text(encoding="utf-8") for word in ("datetime.now(", "date.today(", "utcnow("))
    ]
    assert calls == []


KERNEL = {"core", "reference", "forms", "requests", "ambassadors", "proposals"}
CAPABILITIES = {"intake", "matching", "followup", "housekeeping", "reporting", "privacy", "sending", "replies"}


def _orientest_imports(path: Path) -> set[tuple[str, ...]]:
    """Every `orientest.…` module path `path` imports from, split into its parts."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("orientest"):
            parts = tuple(node.module.split(".")[1:])
            found.add(parts)
            # `from orientest.matching import emails` reaches a module as surely as `orientest.matching.emails`
            found.update(
                (*parts, alias.name) for alias in node.names if (DOMAIN.joinpath(*parts) / f"{alias.name}.py").exists()
            )
        elif isinstance(node, ast.Import):
            found.update(tuple(a.name.split(".")[1:]) for a in node.names if a.name.startswith("orientest."))
    return found


def test_every_domain_module_lives_in_the_shared_core_or_one_capability():
    packages = {path.parent.name for path in DOMAIN.rglob("*.py") if path.parent != DOMAIN}
    assert packages == KERNEL | CAPABILITIES
    assert [path.name for path in DOMAIN.glob("*.py")] == ["__init__.py"]


def test_a_capability_uses_another_only_through_its_package():
    reaching_in = {}
    for path in DOMAIN.rglob("*.py"):
        home = path.parent.name
        for parts in _orientest_imports(path):
            if parts and parts[0] in CAPABILITIES and parts[0] != home and len(parts) > 1:
                reaching_in.setdefault(_name(path), []).append(".".join(parts))
    assert reaching_in == {}


def test_the_shared_core_depends_on_no_capability():
    upward = {
        _name(path): sorted(".".join(parts) for parts in _orientest_imports(path) if parts and parts[0] in CAPABILITIES)
        for path in DOMAIN.rglob("*.py")
        if path.parent.name in KERNEL
    }
    assert {name: found for name, found in upward.items() if found} == {}
