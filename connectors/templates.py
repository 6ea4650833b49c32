"""E-mail texts from Jinja2 templates: `templates/emails/<name>/sujet.txt`, `corps.txt`, `corps.html`."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from connectors.forms import template_links
from connectors.mail import Rendered
from connectors.pdf import attestation_pdf
from connectors.qr import content_id, qr_png
from orientest.core.french import format_change, format_figure, format_percent
from orientest.core.plan import Document, Email
from orientest.forms.questions import Form
from orientest.forms.registry import FormAddress, read_registry

PDF_DOCUMENTS = {"emails/attestation/piece_jointe.pdf": attestation_pdf}  # drawn in Python, not from HTML


class Renderer:
    """Text without escaping, HTML autoescaped; a missing variable is an error, never a blank."""

    def __init__(self, directory: Path, globals_: Mapping[str, Any], forms: Mapping[str, Form]):
        self.unregistered = read_registry(None, forms)  # no address known: a link asked for says what to do
        loader = FileSystemLoader(str(directory))
        options: dict[str, Any] = dict(
            loader=loader, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
        )
        self.text = Environment(autoescape=False, **options)
        self.html = Environment(autoescape=True, **options)
        for environment in (self.text, self.html):
            environment.globals.update(globals_)
            environment.filters.update(nombre=format_figure, pourcent=format_percent, ecart=format_change)

    def document(self, document: Document) -> str:
        """A page of the plan (the monthly report): HTML, autoescaped."""
        return self.html.get_template(document.template).render(document.context)

    def file(self, document: Document) -> str | bytes:
        """A file of the plan as it is attached or kept: its HTML page, or a PDF for a template named so."""
        if document.template in PDF_DOCUMENTS:
            return PDF_DOCUMENTS[document.template](document.context)
        return self.document(document)

    def render(self, email: Email, registry: Mapping[str, FormAddress] | None = None) -> Rendered:
        """The e-mail's texts; its form links from `registry`, the `Formulaires` tab of the run."""
        images: dict[str, bytes] = {}

        def qr_code(link: str) -> str:
            """The `src` of an image of `link` as a QR code, carried inside the message."""
            cid = content_id(link)
            images.setdefault(cid, qr_png(link))
            return f"cid:{cid}"

        context = {
            **template_links(registry or self.unregistered),
            **email.context,
            "id": email.record_id,
            "resources": email.resources,
            "qr_code": qr_code,
        }
        folder = f"emails/{email.template}"
        subject = self.text.get_template(f"{folder}/sujet.txt").render(context)
        return Rendered(
            subject=" ".join(subject.split()),
            text=self.text.get_template(f"{folder}/corps.txt").render(context),
            html=self.html.get_template(f"{folder}/corps.html").render(context),
            images=tuple(images.items()),
        )
