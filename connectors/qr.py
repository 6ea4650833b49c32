"""QR codes for links a group opens with their phones: the participants' minute, shown in class."""

import hashlib
import io

import segno

SCALE = 6  # pixels a module: about 400 px for a pre-filled Forms address, readable projected or printed


def qr_png(link: str) -> bytes:
    """The link as a PNG QR code, medium error correction (a projector's glare, a crease in the paper)."""
    buffer = io.BytesIO()
    segno.make(link, error="m", micro=False).save(buffer, kind="png", scale=SCALE, border=4)
    return buffer.getvalue()


def content_id(link: str) -> str:
    """The image's Content-ID in the message: the same link, the same image."""
    return f"qr-{hashlib.sha256(link.encode()).hexdigest()[:16]}@orientest"
