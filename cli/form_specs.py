"""`orientest formulaires --json/--html`: the forms as a machine-readable spec and as printable pages."""

import json
from collections.abc import Mapping
from pathlib import Path

from connectors.templates import Renderer
from orientest.core.plan import Document
from orientest.forms.questions import Form


def spec(forms: Mapping[str, Form]) -> dict:
    """Per form, its questions in order: title, type, options, required, help."""
    return {"formulaires": [form.as_dict() for form in forms.values()]}


def write_json(forms: Mapping[str, Form], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(spec(forms), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_html(forms: Mapping[str, Form], directory: Path, renderer: Renderer) -> list[Path]:
    """`index.html` and one printable page per form."""
    directory.mkdir(parents=True, exist_ok=True)
    described = spec(forms)["formulaires"]
    pages = {"index.html": Document("index.html", "formulaires/index.html", {"forms": described})}
    pages |= {
        f"{form['cle']}.html": Document(f"{form['cle']}.html", "formulaires/formulaire.html", {"form": form})
        for form in described
    }
    written = []
    for name, page in pages.items():
        (directory / name).write_text(renderer.document(page), encoding="utf-8")
        written.append(directory / name)
    return written
