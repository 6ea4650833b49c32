from datetime import date, datetime, time
from decimal import Decimal

import pytest

from orientest.core.french import (
    format_change,
    format_decimal,
    format_figure,
    format_long_date,
    format_percent,
    format_time,
    impossible_date,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_int,
)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("28/11/2026", datetime(2026, 11, 28)),
        ("28/11/2026 14:30:00", datetime(2026, 11, 28, 14, 30)),
        ("28/11/2026 14h30", datetime(2026, 11, 28, 14, 30)),
        ("2026-11-28", datetime(2026, 11, 28)),
        ("28.11.2026", datetime(2026, 11, 28)),
        ("28-11-26", datetime(2026, 11, 28)),
        ("samedi 28 novembre 2026", datetime(2026, 11, 28)),
        ("1er décembre 2026", datetime(2026, 12, 1)),
        ("3 FÉVRIER 2027", datetime(2027, 2, 3)),
    ],
)
def test_french_dates_are_read(typed, expected):
    assert parse_datetime(typed) == expected


@pytest.mark.parametrize("typed", ["31/02/2026", "la semaine prochaine", "11/28/2026", ""])
def test_impossible_or_vague_dates_are_not_guessed(typed):
    assert parse_date(typed) is None


@pytest.mark.parametrize(
    "typed, why",
    [
        ("31/11/2026", "le 31 novembre 2026 n'existe pas (novembre 2026 a 30 jours)"),
        ("29/02/2027", "le 29 février 2027 n'existe pas (février 2027 a 28 jours)"),
        ("2026-04-31", "le 31 avril 2026 n'existe pas (avril 2026 a 30 jours)"),
        ("samedi 31 juin 2027", "le 31 juin 2027 n'existe pas (juin 2027 a 30 jours)"),
        ("11/28/2026", "il n'y a pas de mois 28"),
        ("29/02/2028", ""),
        ("la semaine prochaine", ""),
    ],
)
def test_a_day_that_does_not_exist_says_so(typed, why):
    assert impossible_date(typed) == why


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("3,5", Decimal("3.5")),
        ("3.5", Decimal("3.5")),
        ("2", Decimal(2)),
        ("1h30", Decimal("1.5")),
        ("1 h 30", Decimal("1.5")),
        ("90 min", Decimal("1.5")),
        ("2 heures", Decimal(2)),
    ],
)
def test_decimal_comma_and_durations_are_read(typed, expected):
    assert parse_decimal(typed) == expected


@pytest.mark.parametrize("typed", ["une matinée", "3,5,2", "", "1/2"])
def test_unreadable_numbers_are_none(typed):
    assert parse_decimal(typed) is None


@pytest.mark.parametrize(
    "typed, expected",
    [("25", 25), ("25 élèves", 25), ("environ 30", 30), ("30.0", 30), ("une trentaine", None), ("3,5", None)],
)
def test_whole_numbers_as_people_type_them(typed, expected):
    assert parse_int(typed) == expected


def test_numbers_and_dates_are_written_the_french_way():
    assert format_decimal(Decimal("1.50")) == "1,5"
    assert format_long_date(date(2026, 12, 1)) == "mardi 1er décembre 2026"


def test_times_are_written_the_french_way():
    assert (format_time(time(9, 0)), format_time(time(14, 30)), format_time(time(8, 5))) == ("9 h", "14 h 30", "8 h 05")


def test_the_proofreader_of_the_e_mail_tests_marks_what_a_french_reader_would():
    from tests.french import french_problems

    marked = (
        "Rendez-vous à 09:00",
        "Merci!",
        "Réf: DEM",
        'le "Statut"',
        "le Mardi 10",
        "signalé·e",
        "1 interventions",
        "un intervenant",
        "votre email",
        "Valeur : None",
        "le 2026-11-10",
    )
    assert [text for text in marked if not french_problems(text)] == []
    fine = (
        "Merci ! Rendez-vous le mardi 10 novembre 2026 à 9 h 30 : « Actif ». Votre e-mail, https://x.fr/?a=1&b=2:3 "
        "ou claire.martin@exemple.fr ; 4 interventions."
    )
    assert french_problems(fine) == []


def test_a_count_agrees_its_noun():
    from orientest.core.french import count

    assert [
        count(0, "absence"),
        count(1, "intervention"),
        count(4, "intervention"),
        count(2, "ambassadeur confirmé", "ambassadeurs confirmés"),
    ] == ["0 absence", "1 intervention", "4 interventions", "2 ambassadeurs confirmés"]


def test_figures_of_the_report_read_as_in_french_and_nothing_measured_is_said():
    assert format_figure(1234) == "1\u202f234"
    assert format_figure(4.4242) == "4,42"
    assert format_figure(None) == "pas de données"
    assert format_percent(0.62) == "62\u202f%"
    assert (format_change(3), format_change(-0.05, rate=True), format_change(None)) == (
        "+3",
        "−5\u202fpts",
        "sans comparaison",
    )
