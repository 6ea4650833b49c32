"""What a French proofreader marks in a rendered e-mail: typography, dates and times, one word per thing."""

import re

_CHECKS = (
    (re.compile(r"\b\d{1,2}:\d{2}\b"), "heure à l'anglaise (9 h, 14 h 30)"),
    (re.compile(r"[^\s\u00a0\u202f]([;!?»])(?=\s|$)"), "espace manquante avant ; ! ? »"),
    (re.compile(r"[^\s\u00a0\u202f\d]:(?=\s|$)"), "espace manquante avant :"),
    (re.compile(r"«(?=[^\s\u00a0\u202f])"), "espace manquante après «"),
    (re.compile(r'"'), "guillemets droits au lieu de « »"),
    (re.compile(r"\S {2,}\S"), "espaces en double"),
    (
        re.compile(r"(?<=[a-zéèû,] )(Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche)\b"),
        "jour avec une majuscule dans la phrase",
    ),
    (
        re.compile(r"\b(Janvier|Février|Mars|Avril|Mai|Juin|Juillet|Août|Septembre|Octobre|Novembre|Décembre)\b"),
        "mois avec une majuscule",
    ),
    (re.compile(r"intervenant|bénévole", re.IGNORECASE), "un seul mot : ambassadeur ou ambassadrice"),
    (re.compile(r"\w·\w|\w\((e|s|e\)s)\)"), "écriture abrégée (·, (e)) : une phrase qui n'en a pas besoin"),
    (re.compile(r"\b1 \w+s\b"), "pluriel après 1"),
    (re.compile(r"(?<![-@.\w])e?mails?\b", re.IGNORECASE), "un seul mot : e-mail"),
    (re.compile(r"\b(None|True|False|nan)\b|\[\]|\(\)"), "valeur technique affichée"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b(?![^\s]*\.)"), "date ISO au lieu de la date en français"),
)


def french_problems(text: str) -> list[str]:
    """Each problem found, with the words around it; links are left out (their text is not for reading)."""
    readable = re.sub(r"\S+://\S+|\S+@\S+", "LIEN", text)
    problems = []
    for pattern, problem in _CHECKS:
        for match in pattern.finditer(readable):
            around = readable[max(match.start() - 25, 0) : match.end() + 25].replace("\n", "⏎")
            problems.append(f"{problem} : « {around} »")
    return problems
