"""The participants' QR code as a phone shows the requester's e-mail (Chromium, 390 px wide), read back by a real
decoder (zbar, Debian's `zbar-tools`): it must open the very link the text part gives."""

import base64
import subprocess
from pathlib import Path

import pytest

from cli.forms import links_to, stand_in_registry
from tests.flows.test_followup_flow import _confirmed_intervention
from tests.flows.test_matching_flow import _parsed
from tests.programs import installed

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artefacts"


@pytest.fixture(scope="module")
def zbarimg() -> str:
    return installed(("zbarimg",), "zbar-tools")


@pytest.fixture(scope="module")
def chromium() -> str:
    return installed(("chromium", "chromium-browser"), "chromium")


def _as_shown(message) -> str:
    """The HTML part with its inline images in place, as a mail client draws it."""
    html = message.get_body(("html",)).get_content()
    for part in message.walk():
        if part.get_content_type() == "image/png":
            data = base64.b64encode(part.get_content()).decode()
            html = html.replace(f"cid:{part['Content-ID'].strip('<>')}", f"data:image/png;base64,{data}")
    return html


def _decoded(zbarimg: str, image: Path) -> list[str]:
    done = subprocess.run([zbarimg, "--quiet", "--raw", str(image)], capture_output=True, text=True, timeout=60)
    return done.stdout.split()


def test_the_qr_code_a_phone_shows_opens_the_groups_link(connectors, zbarimg, chromium, tmp_path):
    _confirmed_intervention(connectors)
    (path,) = connectors.settings.outbox.glob("confirmation_demandeur*.eml")
    (link,) = links_to(path, stand_in_registry(connectors.referential.forms)["participants"])
    message = _parsed(path)
    page = tmp_path / "confirmation.html"
    page.write_text(_as_shown(message), encoding="utf-8")
    shot = ARTEFACTS / f"qr-confirmation-telephone-{connectors.settings.backend}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=390,2400"]
    subprocess.run([chromium, *flags, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    text = message.get_body(("plain",)).get_content()
    (text_link,) = [word for word in text.split() if word.startswith("https://") and "DEMO-participants" in word]
    assert _decoded(zbarimg, shot) == [text_link]
    assert link["Jeton"] in text_link
