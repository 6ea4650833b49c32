"""Realistic Grand Est form rows for demos and benchmarks, with the mess real forms produce."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from faker import Faker

from orientest.context.referential import Referential
from orientest.core.school_days import WEEKDAYS
from orientest.core.text import fold
from orientest.forms import options as v
from orientest.forms.options import DEPARTMENT_LABELS
from orientest.reference.territory import Commune

FORMS_TIMESTAMP = "%d/%m/%Y %H:%M:%S"
MESSY_SHARE = 0.15
SECTOR_WEIGHTS = {"H": 5, "J": 4, "F": 4, "D": 3, "G": 3, "N": 3, "M": 3, "K": 3, "I": 3, "A": 2}
TYPE_WEIGHTS = (10, 5, 2, 1, 1, 2)  # mostly visits to schools, then testimonies
VALID_MOBILE_PREFIXES = ("61", "62", "63", "64", "65", "66", "67", "68", "75", "76", "77", "78")


@dataclass
class Seeder:
    referential: Referential
    seed: int = 42
    messy_share: float = MESSY_SHARE

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(self.seed)
        self.communes = self.referential.communes.all
        self.weights = [max(c.population, 1) for c in self.communes]

    def ambassadors(self, count: int, start: datetime, days: int) -> list[dict[str, str]]:
        return self._with_duplicates([self._ambassador(self._moment(start, days)) for _ in range(count)])

    def requests(self, count: int, start: datetime, days: int, several_share: float = 0.0) -> list[dict[str, str]]:
        """`several_share`: the part of requests that are events asking for several ambassadors (2 to 5)."""
        rows = [self._request(self._moment(start, days)) for _ in range(count)]
        for row in rows if several_share else ():  # no draw otherwise: the same rows as before for the same seed
            if self.rng.random() < several_share:
                self._several(row, self.rng.randint(2, 5))
        return self._with_duplicates(rows)

    def forum(self, at: datetime, places: int, wished: date) -> dict[str, str]:
        """A lycée's forum des métiers: several ambassadors of several sectors, on site, one day."""
        row = self._several(self._request(at), places)
        row.update(
            {
                "Type de structure": "Lycée général et technologique",
                "Public": "Lycéens",
                "Nom de la structure": f"Lycée {self.fake.last_name()}",
                "Niveau ou classe": "2nde et 1re",
                "Nombre de participants": "240",
                "Modalité": v.MODALITIES[0],
                "Date souhaitée": wished.strftime("%d/%m/%Y"),
                "Date alternative": "",
                "Créneau": "Matin",
                "Heure de début": "9 h",
                "Durée (heures)": "3",
                "Message": "Forum des métiers au gymnase, de 9 h à 12 h : un stand par ambassadeur.",
            }
        )
        return row

    def open_day_after(self, day: date, department: str = "") -> date:
        """The first weekday from `day` when schools are open: teachers ask for class days."""
        while day.weekday() >= 5 or self.referential.calendar.closed(day, department):
            day += timedelta(days=1)
        return day

    def in_the_holidays(self, at: datetime, wished: date) -> dict[str, str]:
        """A mission locale that stays open in the school holidays, asking for a day of them."""
        row = self._request(at)
        row.update(
            {
                "Type de structure": "Mission locale",
                "Public": "Demandeurs d'emploi",
                "Nom de la structure": f"Mission locale {self.fake.last_name()}",
                "Niveau ou classe": "",
                "Modalité": v.MODALITIES[0],
                "Date souhaitée": wished.strftime("%d/%m/%Y"),
                "Date alternative": "",
                "Message": "Nous restons ouverts pendant les vacances scolaires : c'est le moment où nos jeunes sont "
                "disponibles.",
            }
        )
        return row

    def _several(self, row: dict[str, str], places: int) -> dict[str, str]:
        """An event: several places, several sectors."""
        domains = self.referential.sectors.domains
        row.update(
            {
                "Nombre d'ambassadeurs souhaités": str(places),
                "Type d'intervention": "Événement en présentiel",
                "Secteurs souhaités": ", ".join(
                    domains[c] for c in domains if c in self.rng.sample(list(SECTOR_WEIGHTS), places)
                ),
            }
        )
        return row

    def _moment(self, start: datetime, days: int) -> datetime:
        return start + timedelta(
            days=self.rng.randrange(max(days, 1)),
            hours=self.rng.randint(7, 21),
            minutes=self.rng.randrange(60),
            seconds=self.rng.randrange(60),
        )

    def _commune(self) -> Commune:
        return self.rng.choices(self.communes, weights=self.weights)[0]

    def _some(self, options: tuple[str, ...], most: int = 3, least: int = 1) -> str:
        return ", ".join(self.rng.sample(options, self.rng.randint(least, min(most, len(options)))))

    def _sectors(self, most: int) -> str:
        """Sectors as the network sees them: industry, health and building far more than fine arts."""
        domains = self.referential.sectors.domains
        weights = [SECTOR_WEIGHTS.get(code, 1) for code in domains]
        chosen = {self.rng.choices(list(domains), weights=weights)[0] for _ in range(self.rng.randint(1, most))}
        return ", ".join(domains[code] for code in domains if code in chosen)

    def _commune_text(self, commune: Commune) -> str:
        """As people type it: with or without postal code, in any case, « St » for « Saint »."""
        style = self.rng.random()
        if style < 0.5:
            return f"{commune.postal_codes[0]} {commune.name}"
        if style < 0.8:
            return commune.name
        if style < 0.9:
            return commune.name.lower()
        return commune.name.replace("Saint-", "St-").replace("Sainte-", "Ste-")

    def _phone(self) -> str:
        digits = f"0{self.rng.choice(VALID_MOBILE_PREFIXES)}{self.rng.randrange(10**7):07d}"
        return self.rng.choice(
            [
                " ".join(digits[i : i + 2] for i in range(0, 10, 2)),
                digits,
                "+33" + digits[1:],
                ".".join(digits[i : i + 2] for i in range(0, 10, 2)),
            ]
        )

    def _email(self, first: str, last: str) -> str:
        local = f"{fold(first)}.{fold(last)}".replace(" ", "-")
        return f"{local}{self.rng.randrange(100)}@{self.fake.free_email_domain()}"

    def _ambassador(self, at: datetime) -> dict[str, str]:
        first, last = self.fake.first_name(), self.fake.last_name()
        commune = self._commune()
        zone = self.rng.choices(v.ZONES, weights=(3, 4, 4, 1))[0]
        row = {
            "Horodatage": at.strftime(FORMS_TIMESTAMP),
            "Adresse e-mail": self._email(first, last),
            "Nom": last,
            "Prénom": first,
            "Téléphone": self._phone(),
            "Vous êtes": v.PERSON_KINDS[0] if self.rng.random() < 0.92 else v.PERSON_KINDS[1],
            "Structure ou entreprise": self.fake.company(),
            "Métier ou fonction": self.fake.job()[:80],
            "Secteurs": self._sectors(2),
            "Code ROME du métier": self.rng.choice(list(self.referential.sectors.subdomains)),
            "Profil": self.rng.choice(v.PROFILES[:-1]),
            "Thématiques transversales": self._some(v.THEMES[:-1], 2) if self.rng.random() < 0.4 else "",
            "Publics": self._some(v.PUBLICS, 5, least=2),
            "Types d'intervention": self._some(v.INTERVENTION_TYPES, 4, least=2),
            "Zone d'intervention": zone,
            "Départements": self._departments(commune) if zone == "Département(s)" else "",
            "Commune de rattachement": self._commune_text(commune),
            "Rayon de déplacement (km)": str(self.rng.choice((20, 30, 50, 80))) if zone == "Ville et environs" else "",
            "Nombre maximal d'interventions par an": str(self.rng.choice((2, 3, 4, 5, 6, 8, 10))),
            "Jours de disponibilité": self._some(WEEKDAYS[:5], 5, least=2),
            "Interventions à distance": self.rng.choice((v.YES, v.YES, v.NO)),
            "Employeur informé": self.rng.choice((v.YES, v.YES, v.NOT_APPLICABLE)),
            "Charte": v.CHARTER_ACCEPTANCE,
            "Consentement": v.DATA_CONSENT,
        }
        if "Visite d'entreprise" in row["Types d'intervention"]:
            row.update(self._site(row["Adresse e-mail"], commune))
        return self._messy(row, AMBASSADOR_MESS) if self.rng.random() < self.messy_share else row

    def _site(self, seed: str, commune: Commune) -> dict[str, str]:
        """Where a host receives company visits: drawn apart, so that the rest of the seed stays as it was."""
        rng = random.Random(seed)
        return {
            "Adresse du site (visites d'entreprise)": f"{_street(rng)}, {commune.postal_codes[0]} {commune.name}",
            "Taille maximale du groupe": rng.choice(("15", "20", "30", "40", "")),
            "Consignes de sécurité": rng.choice(SAFETY_RULES),
        }

    def _departments(self, commune: Commune) -> str:
        home = next(label for label in DEPARTMENT_LABELS if label.startswith(commune.department))
        others = self.rng.sample(DEPARTMENT_LABELS, self.rng.randint(0, 2))
        return ", ".join(dict.fromkeys([home, *others]))

    def _request(self, at: datetime) -> dict[str, str]:
        commune = self._commune()
        structure_type = self.rng.choices(v.STRUCTURE_TYPES, weights=(8, 5, 4, 2, 2, 2, 2, 1, 1, 1, 1, 1))[0]
        public = {
            "Collège": "Collégiens",
            "CFA": "Personnes en formation",
            "Mission locale": "Demandeurs d'emploi",
            "France Travail": "Demandeurs d'emploi",
            "Établissement post-bac": "Étudiants",
        }.get(structure_type, "Lycéens")
        wished = self.open_day_after(at.date() + timedelta(days=self.rng.randint(14, 60)), commune.department)
        first, last = self.fake.first_name(), self.fake.last_name()
        row = {
            "Horodatage": at.strftime(FORMS_TIMESTAMP),
            "Adresse e-mail": self._email(first, last),
            "Nom du contact": f"{first} {last}",
            "Fonction du contact": self.rng.choice(
                ("Professeur principal", "Psy-EN", "CPE", "Conseillère", "Proviseur adjoint", "Documentaliste")
            ),
            "Téléphone": self._phone() if self.rng.random() < 0.8 else "",
            "Nom de la structure": f"{structure_type} {self.fake.last_name()}",
            "Type de structure": structure_type,
            "Code UAI": f"0{commune.department}{self.rng.randrange(10000):04d}{self.rng.choice('ABCDEFGHJK')}"
            if structure_type.startswith(("Collège", "Lycée"))
            else "",
            "Commune": self._commune_text(commune),
            "Adresse de la structure": _street(random.Random(at.isoformat())),
            "Public": public,
            "Niveau ou classe": self.rng.choice(("3e", "4e", "2nde", "1re", "Terminale", "BTS 1re année", "")),
            "Nombre de participants": str(self.rng.choice((12, 15, 20, 24, 28, 30, 35, 60, 120))),
            "Secteurs souhaités": self._sectors(2),
            "Thématique souhaitée": self.rng.choice(v.THEMES[:-1]) if self.rng.random() < 0.3 else "",
            "Type d'intervention": self.rng.choices(v.INTERVENTION_TYPES, weights=TYPE_WEIGHTS)[0],
            "Nombre d'ambassadeurs souhaités": "",
            "Modalité": v.MODALITIES[0] if self.rng.random() < 0.85 else v.MODALITIES[1],
            "Date souhaitée": wished.strftime("%d/%m/%Y"),
            "Date alternative": self.open_day_after(wished + timedelta(days=7), commune.department).strftime("%d/%m/%Y")
            if self.rng.random() < 0.6
            else "",
            "Créneau": (slot := self.rng.choice(v.SLOTS)),
            "Heure de début": _start_hour(slot, random.Random(f"{at.isoformat()} heure")),
            "Durée (heures)": self.rng.choice(("1", "2", "1,5", "3")),
            "Ambassadeur souhaité": "",
            "Message": self.rng.choice(("", "", "Merci d'avance !", "Classe de 3e en préparation du stage.")),
        }
        return self._messy(row, REQUEST_MESS) if self.rng.random() < self.messy_share else row

    def _messy(self, row: dict[str, str], mess: tuple[Callable[[dict[str, str], random.Random], None], ...]):
        self.rng.choice(mess)(row, self.rng)
        return row

    def _with_duplicates(self, rows: list[dict[str, str]]) -> list[dict[str, str]]:
        """Some people press « Envoyer » twice."""
        for row in list(rows):
            if self.rng.random() < 0.02:
                again = datetime.strptime(row["Horodatage"], FORMS_TIMESTAMP) + timedelta(minutes=2)
                rows.append({**row, "Horodatage": again.strftime(FORMS_TIMESTAMP)})
        return sorted(rows, key=lambda r: datetime.strptime(r["Horodatage"], FORMS_TIMESTAMP))


STREETS = (
    "rue de la Gare",
    "rue des Lilas",
    "avenue de la République",
    "rue du Moulin",
    "route de Strasbourg",
    "rue de l'Industrie",
    "place de l'Hôtel de Ville",
    "rue Jean Jaurès",
    "rue des Écoles",
    "allée des Tilleuls",
)
SAFETY_RULES = (
    "Chaussures fermées obligatoires ; casques et gilets fournis sur place.",
    "Groupe accompagné en permanence ; pas d'accès aux machines en marche.",
    "",
)


START_HOURS = {"Matin": ("8 h 30", "9 h", "10 h"), "Après-midi": ("13 h 30", "14 h", "15 h"), "Journée": ("9 h",)}


def _start_hour(slot: str, rng: random.Random) -> str:
    """Most requesters give the hour; some leave it to agree (drawn apart: the rest of the seed stays as it was)."""
    return rng.choice(START_HOURS[slot]) if rng.random() < 0.7 else ""


def _street(rng: random.Random) -> str:
    return f"{rng.randint(1, 120)} {rng.choice(STREETS)}"


def _set(column: str, value: str) -> Callable[[dict[str, str], random.Random], None]:
    def mess(row: dict[str, str], rng: random.Random) -> None:
        row[column] = value

    return mess


def _past_date(row: dict[str, str], rng: random.Random) -> None:
    at = datetime.strptime(row["Horodatage"], FORMS_TIMESTAMP)
    row["Date souhaitée"] = (at - timedelta(days=rng.randint(3, 30))).strftime("%d/%m/%Y")


AMBASSADOR_MESS = (
    _set("Téléphone", "06 12 34"),
    _set("Adresse e-mail", "prenom.nom@"),
    _set("Commune de rattachement", "Attigny"),
    _set("Commune de rattachement", "Strasbourgg"),
    _set("Charte", ""),
    _set("Publics", ""),
    _set("Nombre maximal d'interventions par an", "beaucoup"),
    _set("Employeur informé", v.NO),
    _set("Secteurs", "Industrie, Aéronautique"),
)
REQUEST_MESS = (
    _set("Commune", "75011 Paris"),
    _set("Commune", "Strasbourgg"),
    _set("Nombre de participants", "une trentaine"),
    _set("Date souhaitée", "la semaine prochaine"),
    _past_date,
    _set("Adresse e-mail", "cdi.college@@ac-strasbourg.fr"),
    _set("Message", "<b>Urgent</b> <script>alert('x')</script>"),
    _set("Nom de la structure", '=HYPERLINK("x")'),
    _set("Public", ""),
    _set("Durée (heures)", "une matinée"),
)
