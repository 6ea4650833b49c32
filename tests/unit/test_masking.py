from orientest.core.masking import masked


def test_addresses_keep_only_their_first_letter_and_domain():
    assert masked("E-mail non remis à claire.martin@exemple.fr (550)") == "E-mail non remis à c…@exemple.fr (550)"


def test_phone_numbers_in_every_spelling_keep_their_last_two_digits():
    for number in ("0612345678", "06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "06-12-34-56-78"):
        assert masked(f"tél. {number}.") == "tél. •• •• •• •• 78."


def test_identifiers_dates_and_counts_stay_readable():
    text = "DEM-2026-00042 proposée à AMB-00007 le 12/11/2026, 1500 e-mails, clé 20261110"
    assert masked(text) == text
