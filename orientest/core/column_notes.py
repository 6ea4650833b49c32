"""What each column's header note tells staff: who writes it, and what it means; which columns are orientest's own
bookkeeping (hidden), and which columns staff use come first in a new tab."""

from orientest.core.schema import Column, Owner, Tab

WHO = {
    Owner.FORM: "Réponse au formulaire : orientest ne la modifie jamais.",
    Owner.FLOW: "Écrit par orientest ; vous pouvez le corriger, le passage suivant en tient compte.",
    Owner.STAFF: "À vous : orientest lit cette colonne et ne l'écrit jamais.",
}
CONSUMED = "À vous : orientest exécute ce que vous tapez au passage suivant, puis vide la cellule."

MEANINGS = {
    "ID": "Identifiant donné par orientest au premier passage ; c'est par lui que chaque ligne est retrouvée.",
    "Statut": "Où en est la ligne (liste déroulante). La liste des statuts et de leurs changements : docs/statuts.md.",
    "Anomalies": "Ce qui ne va pas sur la ligne, une chose par ligne : corrigez puis videz, ou laissez le passage "
    "suivant la revoir.",
    "Mis à jour le": "Dernière fois qu'orientest a écrit sur la ligne.",
    "Empreinte": "Technique : les réponses telles qu'orientest les a vérifiées (colonne masquée, à ne pas modifier).",
    "Valeurs retenues": "Technique : les dernières réponses valides (colonne masquée, à ne pas modifier).",
    "Ambassadeur": "L'ambassadeur (ou les ambassadeurs) qui vient : son ID ; son nom est à côté.",
    "Proposée à": "Qui a reçu la proposition et n'a pas encore répondu.",
    "Nom de l'ambassadeur": "Le nom de l'ambassadeur (ou des ambassadeurs) de la colonne « Ambassadeur ».",
    "Proposée à (nom)": "Le nom de qui a reçu la proposition (colonne « Proposée à »).",
    "Motif": "Pourquoi cet ambassadeur a été choisi, ou pourquoi personne ne l'a été.",
    "Pistes": "Ce qui ouvrirait des candidats quand personne ne convient : les changements proposés au demandeur.",
    "Date confirmée": "Le jour de l'intervention, une fois confirmé ; vous pouvez le changer (tout le monde est "
    "prévenu).",
    "Affectation manuelle": "Tapez l'ID d'un ambassadeur pour lui envoyer la proposition au passage suivant.",
    "Action": "Annuler, Relancer, Rouvrir, Accepter l'autre date : exécuté au passage suivant.",
    "Lien de la visio": "Pour une intervention à distance : le lien, ajouté aux deux invitations.",
    "Charte acceptée (version)": "La version de la charte que l'ambassadeur a acceptée.",
    "Interventions (année scolaire)": "Interventions réalisées depuis la rentrée.",
    "Traitée": "Quand orientest a traité la ligne (vide : au passage suivant).",
    "Demande": "La demande dont parle ce retour.",
    "Rôle": "Qui a répondu : le demandeur ou l'ambassadeur.",
    "Date": "Quand c'est arrivé.",
    "Référence": "L'ID de la demande ou de l'ambassadeur concerné.",
    "Nom": "La structure de la demande, ou l'ambassadeur.",
    "Événement": "Ce qui s'est passé, en une phrase.",
    "Flux": "Le passage qui l'a fait (intake, matching, followup…).",
    "Destinataire": "L'ambassadeur ou l'adresse concernés.",
    "Résultat": "Ce qu'il en est résulté.",
    "Détail": "Précisions ; vous pouvez y écrire.",
    "Clé d'idempotence": "Technique : ce qui empêche d'envoyer deux fois le même e-mail (colonne masquée).",
    "Données": "Technique : ce qu'un passage relit (colonne masquée, à ne pas modifier).",
    "Modèle": "Quel e-mail.",
    "Depuis le": "Depuis quand cela attend ; les plus anciens d'abord.",
    "À faire": "Ce qui attend une personne (les sortes sont dans le README).",
    "Pourquoi": "Ce qui le dit : l'anomalie, le motif, un extrait de la réponse.",
    "Onglet": "L'onglet où est la ligne.",
    "Ligne": "Le numéro de la ligne à ouvrir.",
    "Lien": "Google Sheets : ouvre la ligne d'un clic.",
    "Classeur": "Où sont les lignes archivées de l'année : le fichier à côté du classeur, ou, dans Google Sheets, "
    "l'adresse du classeur d'archives que vous avez créé et collé ici.",
    "État": "Où en est l'archivage de l'année.",
    "Lignes archivées": "Combien de lignes ont quitté le classeur pour les archives, tous onglets confondus.",
    "Dernier archivage": "Quand orientest a archivé des lignes de cette année pour la dernière fois.",
    "Comment faire": "Ce qu'il vous reste à faire, s'il reste quelque chose.",
    "Titre": "Ce que l'e-mail montre comme lien (ex. « Kit de l'ambassadeur »).",
    "Adresse": "Où le lien ouvre : une page ou un fichier partagé en lecture (https://…).",
    "Pour qui": "Ambassadeurs, Demandeurs ou Tous (vide : tous).",
    "Quand": "Les e-mails qui portent le lien, séparés par des virgules : Bienvenue, Proposition, Confirmation, "
    "Rappel, Retour, Nouvelle charte.",
    "Secteur": "Facultatif : seulement pour les demandes (ou les ambassadeurs) de ce secteur ; plusieurs possibles.",
    "Public": "Facultatif : seulement pour ce public (Collégiens, Lycéens…).",
    "Type d'intervention": "Facultatif : seulement pour ce type d'intervention (Visite d'entreprise…).",
    "Fait": "Tapez « Oui » quand c'est fait d'une façon qu'aucun onglet ne montre (un appel) : la ligne disparaît.",
}

# A title another tab also has, meaning something else here.
IN_TAB = {
    ("Rencontres", "Titre"): "Le nom de la rencontre ou de la formation, tel que l'invitation le montre.",
    ("Rencontres", "Type"): "Rencontre, Formation ou Webinaire (liste déroulante).",
    ("Rencontres", "Date"): "Le jour (JJ/MM/AAAA) ; les invitations partent au passage suivant, jusqu'à la veille.",
    ("Rencontres", "Heure de début"): "Facultatif (ex. 14 h 30) ; vide : la journée.",
    ("Rencontres", "Heure de fin"): "Facultatif ; vide : deux heures après le début.",
    ("Rencontres", "Lieu"): "L'adresse ; ou bien un lien de visio dans la colonne suivante.",
    ("Rencontres", "Lien de la visio"): "Pour un webinaire : le lien, dans l'invitation et l'agenda de chacun.",
    ("Rencontres", "Pour qui"): "Tous, ou Nouveaux ambassadeurs (inscrits depuis moins d'un an) ; vide : tous.",
    ("Rencontres", "Départements"): "Facultatif : seulement les ambassadeurs de ces départements (ex. 67, 68).",
    ("Rencontres", "Secteurs"): "Facultatif : seulement les ambassadeurs de ces secteurs.",
    ("Rencontres", "Profils"): "Facultatif : seulement ces profils (Retraité, Chef d'entreprise…).",
    ("Rencontres", "Places"): "Facultatif : au-delà, les inscrits vont sur une liste d'attente ; vide : sans limite.",
    ("Rencontres", "Présents"): "Après la rencontre : les ID des ambassadeurs venus, séparés par des virgules.",
    ("Rencontres", "Invités"): "À combien d'ambassadeurs l'invitation est partie.",
    ("Rencontres", "Inscrits"): "Les ID des inscrits, dans l'ordre d'inscription.",
    ("Rencontres", "Liste d'attente"): "Les ID en attente d'une place, le premier d'abord.",
    ("Inscriptions aux rencontres", "Rencontre"): "La rencontre dont parle cette réponse.",
    ("Ambassadeurs", "Dernière formation"): "La dernière formation du réseau suivie (onglet Rencontres, Présents).",
}

TECHNICAL = frozenset({"Empreinte", "Valeurs retenues", "Clé d'idempotence", "Données"})  # hidden

LEADING = {  # in a new tab, what staff use first, frozen with the header while they scroll
    "Demandes": (
        "ID",
        "Statut",
        "Nom de la structure",
        "Date souhaitée",
        "Date confirmée",
        "Ambassadeur",
        "Nom de l'ambassadeur",
        "Motif",
        "Action",
        "Affectation manuelle",
        "Anomalies",
    ),
    "Ambassadeurs": ("ID", "Statut", "Prénom", "Nom", "Anomalies"),
}
FROZEN_COLUMNS = {"Demandes": 2, "Ambassadeurs": 2}  # ID and Statut stay in sight


def note(tab: Tab, column: Column) -> str:
    """The header's note: what the column means, then who writes it."""
    who = CONSUMED if column.consumed else WHO[column.owner]
    meaning = (
        IN_TAB.get((tab.name, column.title), MEANINGS.get(column.title, "")) if column.owner is not Owner.FORM else ""
    )
    if tab.name == "Envois" and column.title == "Résultat":
        meaning = (
            "prévu (avant l'envoi ; retiré la nuit une fois le résultat inscrit), envoyé, échec ou à vérifier"
            " (peut-être reçu : jamais renvoyé d'office)."
        )
    return f"{meaning}\n{who}" if meaning else who


def display_order(tab: Tab) -> tuple[Column, ...]:
    """A new tab's columns, staff's first: titles are what find them, so their order is free."""
    leading = [tab.column(title) for title in LEADING.get(tab.name, ())]
    return (*leading, *(column for column in tab.columns if column not in leading))
