from datetime import datetime

from orientest.core import parameters
from orientest.core.schema import PARAMETERS, Row, Table

NOW = datetime(2026, 10, 5, 9, 0)


def _table(*rows):
    return Table(
        PARAMETERS,
        tuple(Row(line, values, PARAMETERS) for line, values in enumerate(rows, start=2)),
        PARAMETERS.titles(),
    )


def _line(label, value, anomalies=""):
    return {"Paramètre": label, "Valeur": value, "Description": "", "Anomalies": anomalies}


def test_a_word_typed_for_a_number_keeps_the_default_and_says_line_value_and_default():
    read, problems = parameters.read_parameters(
        _table(
            _line("Adresse de l'équipe", "equipe@exemple.fr"),
            _line("Délai de réponse à une proposition (jours)", "cinq"),
        )
    )
    assert read.response_days == 5 and read.staff_email == "equipe@exemple.fr"
    assert [str(problem) for problem in problems] == [
        "ligne 3, « Délai de réponse à une proposition (jours) » : « cinq » ne convient pas (attendu : un nombre "
        "entier de 1 à 60) : valeur par défaut utilisée, 5"
    ]


def test_values_out_of_range_misspelled_labels_and_bad_addresses_are_reported_too():
    read, problems = parameters.read_parameters(
        _table(
            _line("Tentatives maximales", "0"),
            _line("Délai de reponse", "4"),
            _line("Adresse de l'équipe", "equipe@"),
            _line("Référent – Industrie", "uimm"),
            _line("Rappels avant l'intervention (jours)", "7, 1"),
        )
    )
    assert (read.max_attempts, read.staff_email, read.referents, read.reminder_days) == (5, "", {}, (7, 1))
    assert [problem.row.line for problem in problems] == [2, 3, 4, 5]
    assert "paramètre inconnu" in problems[1].message and "aucun référent alerté" in problems[3].message


def test_check_writes_each_lines_anomaly_clears_it_once_fixed_and_tells_staff_once_per_set_of_problems():
    typo = _table(_line("Adresse de l'équipe", "equipe@exemple.fr"), _line("Absences avant suspension", "deux"))
    updates, emails = parameters.check(typo, NOW)
    assert [(u.tab, u.values["Anomalies"][:14]) for u in updates] == [("Paramètres", "• « deux » ne ")]
    assert [(e.template, e.to) for e in emails] == [("parametres_a_corriger", ("equipe@exemple.fr",))]
    assert parameters.check(typo, NOW)[1][0].key == emails[0].key  # the same problems: the same e-mail, sent once
    fixed = _table(
        _line("Adresse de l'équipe", "equipe@exemple.fr"),
        _line("Absences avant suspension", "2", anomalies=updates[0].values["Anomalies"]),
    )
    cleared, told = parameters.check(fixed, NOW)
    assert [u.values for u in cleared] == [{"Anomalies": ""}] and told == []


def test_each_setting_is_declared_once_and_the_tab_reads_back_its_defaults():
    """`Parameters` is the one declaration: the rows `orientest init` writes, read back, are the defaults."""
    rows = parameters.default_rows(("Industrie",), staff_email="equipe@exemple.fr")
    read, problems = parameters.read_parameters(_table(*rows))
    assert problems == []
    assert read == parameters.DEFAULTS.model_copy(update={"staff_email": "equipe@exemple.fr"})
    titled = [name for name, field in parameters.Parameters.model_fields.items() if field.title]
    assert [setting.name for setting in parameters.SETTINGS] == titled
    assert len(titled) == len(parameters.Parameters.model_fields) - 1  # the referents have lines of their own


def test_a_setting_s_bounds_are_those_of_its_declaration():
    field = parameters.Parameters.model_fields["response_days"]
    assert [getattr(m, "ge", None) or getattr(m, "le", None) for m in field.metadata] == [1, 60]
    read, problems = parameters.read_parameters(_table(_line(field.title, "61")))
    assert read.response_days == 5 and "un nombre entier de 1 à 60" in problems[0].message


def test_the_school_holiday_zone_reads_a_letter_zone_b_or_none_and_reports_anything_else():
    def zone(value):
        read, problems = parameters.read_parameters(_table(_line("Zone des vacances scolaires", value)))
        return read.school_holiday_zone, [str(problem) for problem in problems]

    assert zone("a") == ("A", []) and zone("Zone B") == ("B", []) and zone("aucune") == ("", [])
    kept, (problem,) = zone("Strasbourg")
    assert kept == "B" and "A, B, C ou « Aucune »" in problem


def test_the_charter_and_protocol_addresses_are_used_only_when_a_reader_could_open_them():
    read, problems = parameters.read_parameters(
        _table(
            _line("Adresse de la charte", "https://www.grandest.fr/orientest/charte-2027.pdf"),
            _line("Adresse du protocole d'intervention", "Drive > Orient'Est > protocole.pdf"),
            _line("Ce qui change dans la charte", "Le §3 précise le déroulé des visites d'entreprise."),
        )
    )
    assert read.charter_url == "https://www.grandest.fr/orientest/charte-2027.pdf"
    assert read.charter_changes == "Le §3 précise le déroulé des visites d'entreprise."
    assert read.protocol_url == ""
    assert [str(problem) for problem in problems] == [
        "ligne 3, « Adresse du protocole d'intervention » : « Drive > Orient'Est > protocole.pdf » ne convient pas "
        "(attendu : l'adresse d'une page ou d'un fichier en ligne, https://…) : valeur par défaut utilisée, aucune"
    ]
