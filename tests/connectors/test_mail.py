"""Messages built with the standard library, written to a real outbox folder and parsed back."""

from datetime import datetime
from email import message_from_bytes, policy

import pytest

from connectors.mail import KEY_HEADER, Outbox, Rendered, compose
from orientest.core.plan import Email

AT = datetime(2026, 10, 2, 18, 0)


def _email(**changes):
    values = dict(
        key="demande_recue:DEM-2026-00001",
        template="demande_recue",
        to=("cpe@exemple.fr",),
        record_id="DEM-2026-00001",
        context={
            "name": "Julien Weber",
            "summary": [("Structure", "Collège")],
            "structure": "Collège",
            "staff_email": "",
            "closed_days": [],
        },
        reply_to="equipe@exemple.fr",
        sender_name="Réseau Ambassadeurs Orient'Est",
    )
    values.update(changes)
    return Email(**values)


def _parsed(message):
    return message_from_bytes(message.as_bytes(), policy=policy.default)


def test_message_has_a_real_text_part_an_html_alternative_and_utf8_headers(connectors):
    email = _email()
    message = compose(email, connectors.renderer.render(email), "orientest@exemple.fr", AT)
    parsed = _parsed(message)
    assert parsed["Subject"] == "DEM-2026-00001 – Votre demande d'intervention est bien enregistrée"
    assert parsed["From"] == "Réseau Ambassadeurs Orient'Est <orientest@exemple.fr>"
    assert parsed["Reply-To"] == "equipe@exemple.fr" and parsed[KEY_HEADER] == email.key
    assert parsed.get_content_type() == "multipart/alternative"
    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert "Bonjour Julien Weber," in text and "<" not in text
    assert "<p>Bonjour Julien Weber,</p>" in html
    assert "Référence : DEM-2026-00001" in text


def test_every_message_says_it_is_automatic_so_out_of_office_replies_stay_silent(connectors):
    parsed = _parsed(compose(_email(), connectors.renderer.render(_email()), "o@exemple.fr", AT))
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["X-Auto-Response-Suppress"] == "OOF, AutoReply"


def test_message_id_is_unique_per_email_and_stable_for_a_resend(connectors):
    first, second = _email(), _email(key="demande_recue:DEM-2026-00002", record_id="DEM-2026-00002")
    ids = [compose(e, connectors.renderer.render(e), "o@exemple.fr", AT)["Message-ID"] for e in (first, second, first)]
    assert ids[0] != ids[1] and ids[0] == ids[2] and ids[0].endswith("@exemple.fr>")


def test_the_local_outbox_s_message_ids_still_have_a_dotted_domain(connectors):
    message = compose(_email(), connectors.renderer.render(_email()), "orientest@localhost", AT)
    assert message["Message-ID"].endswith("@orientest.localhost>")  # « @localhost> » adds to spam scores


def test_html_typed_in_a_form_is_escaped_in_the_html_part(connectors):
    email = _email(context={**_email().context, "name": "<script>alert('x')</script>"})
    rendered = connectors.renderer.render(email)
    assert "<script>" not in rendered.html and "&lt;script&gt;" in rendered.html
    assert "<script>alert('x')</script>" in rendered.text


def test_a_missing_template_variable_is_an_error_not_a_blank(connectors):
    with pytest.raises(Exception, match="summary"):
        connectors.renderer.render(_email(context={"name": "X", "staff_email": ""}))


def test_line_break_in_a_header_is_refused():
    with pytest.raises(ValueError):
        compose(_email(to=("a@exemple.fr\nBcc: b@exemple.fr",)), Rendered("Objet", "t", "<p>t</p>"), "o@exemple.fr", AT)


def test_outbox_writes_one_eml_per_message_and_never_twice(tmp_path, connectors):
    outbox = Outbox(tmp_path / "outbox")
    email = _email()
    message = compose(email, connectors.renderer.render(email), "o@exemple.fr", AT)
    first = outbox.send([message])
    again = outbox.send([message])
    files = list((tmp_path / "outbox").iterdir())
    assert [f.name for f in files] == ["demande_recue_DEM-2026-00001.eml"]
    assert first[0].ok and first[0].error == "" and again[0].error == "déjà dans la boîte d'envoi"
    assert _parsed(message)["Subject"] == message_from_bytes(files[0].read_bytes(), policy=policy.default)["Subject"]
