"""French replies to a proposal, as people write them, quoted as their mail clients quote (written for these tests).

Each reply is what a person typed, with what a reader would understand (`accept`, `decline`, `other_date` or
`unclear`); `as_received` wraps it as Gmail, Outlook, Apple Mail or Thunderbird sends it, signature included.
"""

from orientest.replies.intent import Intent

A, D, LATER, U = Intent.ACCEPT, Intent.DECLINE, Intent.OTHER_DATE, Intent.UNCLEAR

REPLIES: list[tuple[str, Intent]] = [
    ("Oui", A),
    ("Oui, avec plaisir !", A),
    ("OK pour moi.", A),
    ("Bonjour,\n\nC'est d'accord, je serai présente le 10 novembre.\n\nBonne journée", A),
    ("J'accepte volontiers.", A),
    ("Bonjour,\nje confirme ma participation.\nCordialement,\nMarc", A),
    ("Avec grand plaisir, merci de m'avoir sollicité.", A),
    ("Oui c'est bon pour moi", A),
    ("D'accord !", A),
    ("Ça marche, je serai là.", A),
    ("Bonjour,\nVolontiers, comptez sur moi.\nBien à vous", A),
    ("ok", A),
    ("Oui je suis disponible", A),
    ("Je suis partante !", A),
    ("Entendu, je viendrai.", A),
    ("Parfait, j'accepte la proposition.", A),
    ("Oui, merci !", A),
    ("Bonjour, pas de souci, je suis disponible ce jour-là.", A),
    ("Je serai ravie d'intervenir.\nBien cordialement", A),
    ("oui oui, aucun problème", A),
    ("Non pas de problème, je viens.", A),
    ("👍", A),
    ("Non", D),
    ("Non, désolé.", D),
    ("Je ne suis pas disponible.", D),
    ("Malheureusement je ne pourrai pas ce jour-là.", D),
    ("Désolée, je suis en déplacement toute la semaine.", D),
    ("Pas dispo, désolé", D),
    ("Je ne peux pas, j'ai une formation.", D),
    ("Impossible pour moi cette fois-ci, mais n'hésitez pas à me recontacter.", D),
    ("Bonjour,\nJe dois décliner, je suis indisponible.\nCordialement", D),
    ("Non merci, pas cette fois.", D),
    ("Je suis absente à cette période.", D),
    ("Je ne serai pas disponible, désolé.", D),
    ("Hélas non.", D),
    ("Je ne vais pas pouvoir honorer cette demande.", D),
    ("Pas possible pour moi.", D),
    ("Je décline, merci.", D),
    ("Je suis en congés ce jour-là, désolé.", D),
    ("Ce ne sera pas possible, je suis pris.", D),
    ("Je ne peux pas le 10 mais le 17 novembre me conviendrait.", LATER),
    ("Serait-il possible de décaler au jeudi 12 ?", LATER),
    ("Pas le mardi, mais je suis libre le jeudi suivant.", LATER),
    ("Je propose plutôt le 19/11.", LATER),
    ("Je préférerais une autre date, par exemple la semaine suivante.", LATER),
    ("Disponible le 24 novembre, pas le 10.", LATER),
    ("Possible en décembre ?", LATER),
    ("Une autre date serait possible ?", LATER),
    ("Je serais disponible le mercredi 18 novembre à la place.", LATER),
    ("Je suis d'accord sur le principe, mais pas sur la date.", LATER),
    ("Oui mais plutôt l'après-midi, vers 14 h ?", U),
    ("Pouvez-vous m'en dire plus sur le public ?", U),
    ("Merci pour votre message.", U),
    ("Je dois vérifier avec mon employeur, je reviens vers vous.", U),
    ("Peut-être, je vous redis.", U),
    ("Oui, à condition de pouvoir venir avec un collègue.", U),
    ("C'est à quelle heure exactement ?", U),
    ("Merci !", U),
    ("Je ne sais pas encore.", U),
    ("Oui pour le principe mais je ne suis pas sûr d'être disponible.", U),
    ("Qui est le contact sur place ?", U),
    ("Bonjour, je suis intéressé mais j'ai besoin de plus d'informations.", U),
    ("Je transmets à ma collègue qui sera plus disponible.", U),
    ("Est-ce que c'est en visio ?", U),
    ("Oui ou non, je ne sais pas.", U),
    ("Peut-on en parler au téléphone ? 06 12 34 56 78", U),
    ("Bonjour,\n\nJ'ai bien reçu votre proposition et je vous en remercie. Je travaille en horaires décalés ce "
     "mois-ci et je dois d'abord voir avec mon chef d'équipe si je peux me libérer la matinée ; je vous réponds "
     "dès que possible.\n\nBien cordialement", U),
]

PROPOSAL = """Bonjour Claire Martin,

Une structure cherche un ambassadeur ou une ambassadrice Orient'Est, et nous avons pensé à vous.
Date proposée : mardi 10 novembre 2026.

- J'accepte : https://docs.google.com/forms/d/e/DEMO-reponse/viewform?usp=pp_url&entry.1=J%27accepte
- Je ne suis pas disponible : https://docs.google.com/forms/d/e/DEMO-reponse/viewform?usp=pp_url&entry.1=Non
- Je propose une autre date : https://docs.google.com/forms/d/e/DEMO-reponse/viewform?usp=pp_url&entry.1=Autre

Bien cordialement,
L'équipe du réseau Orient'Est"""

SIGNATURES = ("\n\n--\nClaire Martin\nTechnicienne d'usinage – Usinage Rhénan\n06 12 34 56 78",
              "\n\nEnvoyé de mon iPhone", "\n\nClaire", "")


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


STYLES = {
    "gmail": lambda reply, signature: (f"{reply}{signature}\n\nLe lun. 5 oct. 2026 à 18:00, Réseau Ambassadeurs "
                                       f"Orient'Est <reseau@exemple.fr> a écrit :\n\n{_quoted(PROPOSAL)}\n"),
    "outlook": lambda reply, signature: (f"{reply}{signature}\n\n________________________________\nDe : Réseau "
                                         f"Ambassadeurs Orient'Est <reseau@exemple.fr>\nEnvoyé : lundi 5 octobre "
                                         f"2026 18:00\nÀ : Claire Martin <claire.martin@exemple.fr>\nObjet : "
                                         f"DEM-2026-00001 – Proposition d'intervention\n\n{PROPOSAL}\n"),
    "apple": lambda reply, signature: (f"{reply}{signature}\n\n> Le 5 oct. 2026 à 18:00, Réseau Ambassadeurs "
                                       f"Orient'Est <reseau@exemple.fr> a écrit :\n>\n{_quoted(PROPOSAL)}\n"),
    "thunderbird": lambda reply, signature: (f"{reply}{signature}\n\nLe 05/10/2026 à 18:00, Réseau Ambassadeurs "
                                             f"Orient'Est a écrit :\n{_quoted(PROPOSAL)}\n"),
}


def as_received() -> list[tuple[str, str, Intent]]:
    """Every reply in one client's style and with one signature, in turn: (style, body as received, meaning)."""
    styles = list(STYLES.items())
    return [(styles[n % len(styles)][0], styles[n % len(styles)][1](reply, SIGNATURES[n % len(SIGNATURES)]), meant)
            for n, (reply, meant) in enumerate(REPLIES)]
