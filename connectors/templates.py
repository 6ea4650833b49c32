"""E-mail texts from Jinja2 templates: `templates/emails/<name>/sujet.txt`, `corps.txt`, `corps.html`."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from connectors.mail import Rendered
from orientest.plan import Email


class Renderer:
    """Text without escaping, HTML autoescaped; a missing variable is an error, never a blank."""

    def __init__(self, directory: Path, globals_: Mapping[str, Any]):
        loader = FileSystemLoader(str(directory))
        options: dict[str, Any] = dict(loader=loader, undefined=StrictUndefined, trim_blocks=True,
                                       lstrip_blocks=True, keep_trailing_newline=True)
        self.text = Environment(autoescape=False, **options)
        self.html = Environment(autoescape=True, **options)
        for environment in (self.text, self.html):
            environment.globals.update(globals_)

    def render(self, email: Email) -> Rendered:
        context = {**email.context, "id": email.record_id}
        folder = f"emails/{email.template}"
        subject = self.text.get_template(f"{folder}/sujet.txt").render(context)
        return Rendered(
            subject=" ".join(subject.split()),
            text=self.text.get_template(f"{folder}/corps.txt").render(context),
            html=self.html.get_template(f"{folder}/corps.html").render(context),
        )
