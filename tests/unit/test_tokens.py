from datetime import date

from orientest.core.tokens import ANSWER, Claims, sign, verify

SECRET = b"0123456789abcdef0123456789abcdef"
CLAIMS = Claims("DEM-2026-00001", "AMB-00042", ANSWER, date(2026, 10, 7))


def test_a_signed_token_gives_back_its_claims():
    assert verify(sign(CLAIMS, SECRET), SECRET, date(2026, 10, 2)) == (CLAIMS, "")


def test_the_token_is_readable_by_staff():
    assert sign(CLAIMS, SECRET).startswith("DEM-2026-00001.AMB-00042.reponse.20261007.")


def test_a_token_altered_to_name_another_ambassador_is_refused():
    forged = sign(CLAIMS, SECRET).replace("AMB-00042", "AMB-00043")
    assert verify(forged, SECRET, date(2026, 10, 2)) == (None, "jeton falsifié ou altéré")


def test_a_token_with_a_later_expiry_typed_in_is_refused():
    forged = sign(CLAIMS, SECRET).replace("20261007", "20271007")
    assert verify(forged, SECRET, date(2026, 10, 2))[0] is None


def test_a_token_signed_with_another_secret_is_refused():
    assert verify(sign(CLAIMS, b"another-secret-another-secret!!"), SECRET, date(2026, 10, 2))[0] is None


def test_an_expired_token_is_refused_with_its_date():
    assert verify(sign(CLAIMS, SECRET), SECRET, date(2026, 10, 8)) == (None, "jeton expiré le 07/10/2026")


def test_garbage_is_refused_politely():
    assert verify("n'importe quoi", SECRET, date(2026, 10, 2)) == (None, "jeton illisible")


def test_a_reply_key_carries_the_claims_of_a_link_in_a_reply_address():
    from orientest.core.tokens import read_reply_key, reply_key

    claims = Claims("DEM-2026-00001", "AMB-00042", ANSWER, date(2026, 11, 10))
    key = reply_key(claims, SECRET)
    assert key.startswith("dem-2026-00001.amb-00042.r.261110.") and len(f"reseau+{key}") <= 64
    assert read_reply_key(key.upper(), SECRET, date(2026, 11, 10)) == (claims, "")  # a server may change its case
    assert read_reply_key(key, SECRET, date(2026, 11, 11)) == (None, "clé de réponse expirée le 10/11/2026")
    forged = key.replace("amb-00042", "amb-00043")
    assert read_reply_key(forged, SECRET, date(2026, 11, 1)) == (None, "clé de réponse falsifiée ou altérée")
    assert read_reply_key("bonjour", SECRET, date(2026, 11, 1))[0] is None
    assert read_reply_key(key, b"another secret of the same length", date(2026, 11, 1))[0] is None
