import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "orientest"
# Which imports are allowed where (no I/O in the domain, the kernel's layers, connectors without capabilities) is
# declared once, as import-linter contracts in pyproject.toml, and checked by `make lint` in CI.


def _name(path: Path) -> str:
    return str(path.relative_to(DOMAIN))


def test_domain_never_reads_the_clock():
    calls = [
        _name(path)
        for path in DOMAIN.rglob("*.py")
        if any(word in path.read_text(encoding="utf-8") for word in ("datetime.now(", "date.today(", "utcnow("))
    ]
    assert calls == []


KERNEL = {
    "statuses",
    "core",
    "reference",
    "forms",
    "context",
    "requests",
    "ambassadors",
    "proposals",
    "submissions",
    "board",
    "privacy",
    "archives",
    "resources",
    "events",
}
CAPABILITIES = {
    "intake",
    "matching",
    "followup",
    "housekeeping",
    "reporting",
    "sending",
    "replies",
    "worklist",
    "network",
}


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
    assert sorted(path.name for path in DOMAIN.glob("*.py")) == ["__init__.py", "ports.py"]


def test_a_capability_uses_another_only_through_its_package():
    reaching_in = {}
    for path in DOMAIN.rglob("*.py"):
        home = path.parent.name
        for parts in _orientest_imports(path):
            if parts and parts[0] in CAPABILITIES and parts[0] != home and len(parts) > 1:
                reaching_in.setdefault(_name(path), []).append(".".join(parts))
    assert reaching_in == {}
