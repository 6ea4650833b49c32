"""French replies to a proposal, as people write them, quoted as their mail clients quote (written for these tests).

Each reply is what a person typed, with what a reader would understand: `ACCEPT`, `DECLINE`, `OTHER_DATE`, `UNCLEAR`
(a person must read it) or `ABSENCE` (an out-of-office message without the headers that say so). `as_received` wraps
each reply as Gmail, Outlook, Apple Mail and Thunderbird send it, signature included. The groups after the first were
written to fool the reader: negations, double negations, conditions, mixes, out-of-office bodies, emoji, greetings
on the answer's own line; a reply that broke the reader once stays here.
"""

from orientest.replies.intent import Intent

A, D, LATER, U, AWAY = Intent.ACCEPT, Intent.DECLINE, Intent.OTHER_DATE, Intent.UNCLEAR, Intent.ABSENCE

FIRST: list[tuple[str, Intent]] = [
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
    (
        "Bonjour,\n\nJ'ai bien reçu votre proposition et je vous en remercie. Je travaille en horaires décalés ce "
        "mois-ci et je dois d'abord voir avec mon chef d'équipe si je peux me libérer la matinée ; je vous réponds "
        "dès que possible.\n\nBien cordialement",
        U,
    ),
]


# More plain answers, as people type them on a phone or at a desk.
PLAIN: list[tuple[str, Intent]] = [
    ("Oui, c'est d'accord.", A),
    ("C'est d'accord pour moi.", A),
    ("D'accord, je serai là.", A),
    ("Bonjour,\n\nOui, je suis disponible.\n\nCordialement", A),
    ("Oui avec plaisir", A),
    ("Avec plaisir !", A),
    ("Je confirme.", A),
    ("Oui, je confirme.", A),
    ("Je confirme ma présence.", A),
    ("Ok, je confirme.", A),
    ("OK !", A),
    ("Oui, merci pour la proposition.", A),
    ("Merci, j'accepte.", A),
    ("J'accepte.", A),
    ("Oui, j'accepte avec plaisir.", A),
    ("Bonjour Madame,\nJe suis disponible et j'accepte volontiers.\nBien à vous", A),
    ("Je suis partant.", A),
    ("Partante !", A),
    ("Oui, je viendrai avec plaisir.", A),
    ("Aucun souci, je serai présent.", A),
    ("Pas de souci, c'est noté.", A),
    ("Très bien, je serai présente.", A),
    ("Oui, c'est noté.", A),
    ("Volontiers !", A),
    ("Oui, bien sûr.", A),
    ("Bien sûr, avec plaisir.", A),
    ("Oui, pas de problème.", A),
    ("Ça me va.", A),
    ("Oui ça me va", A),
    ("Parfait pour moi.", A),
    ("Non", D),
    ("Non merci.", D),
    ("Non, désolée.", D),
    ("Je ne suis pas disponible, désolée.", D),
    ("Désolé, je ne suis pas disponible.", D),
    ("Malheureusement je ne suis pas disponible.", D),
    ("Je ne suis malheureusement pas disponible.", D),
    ("Je ne pourrai pas, désolé.", D),
    ("Je ne peux pas.", D),
    ("Indisponible, désolée.", D),
    ("Pas disponible.", D),
    ("Je dois refuser, désolé.", D),
    ("Je refuse, merci.", D),
    ("Je décline la proposition, merci.", D),
    ("Bonjour,\n\nJe ne serai pas disponible.\n\nBonne journée", D),
    ("Non, je ne pourrai pas venir.", D),
    ("Je ne pourrai pas être présent.", D),
    ("Je ne pourrai pas être présente, désolée.", D),
    ("Ce ne sera pas possible pour moi.", D),
    ("Non, ce n'est pas possible.", D),
    ("Pas possible, désolé.", D),
    ("Je ne suis pas libre.", D),
    ("Non, je ne suis pas libre.", D),
    ("Hélas, je ne peux pas.", D),
    ("Merci mais non.", D),
    ("Non, merci quand même.", D),
    ("Je passe mon tour cette fois.", D),
    ("Je ne suis pas disponible ce jour-là.", D),
    ("Je suis pris ce jour-là, désolé.", D),
    ("Je ne peux pas me libérer.", D),
]

# Refusals that carry the words of a yes: « d'accord », « ok », « partant », « disponible »… under a negation.
NEGATIONS: list[tuple[str, Intent]] = [
    ("Pas d'accord.", D),
    ("Je ne suis pas d'accord.", D),
    ("Ce n'est pas ok pour moi.", D),
    ("Pas ok pour moi.", D),
    ("C'est pas ok.", D),
    ("Pas partant, désolé.", D),
    ("Je ne suis pas partante.", D),
    ("Pas partante cette fois.", D),
    ("Je ne confirme pas.", D),
    ("Je n'accepte pas.", D),
    ("Je n'accepte pas cette proposition.", D),
    ("Je ne viendrai pas.", D),
    ("Je ne serai pas là.", D),
    ("Je ne serai pas présente.", D),
    ("Ça ne marche pas pour moi.", D),
    ("Ca ne me va pas.", D),
    ("Ce n'est pas bon pour moi.", D),
    ("Non, pas d'accord.", D),
    ("Non, pas possible.", D),
    ("Pas dispo.", D),
    ("Pas vraiment disponible, désolée.", D),
    ("Je ne suis plus disponible.", D),
    ("Je ne suis pas en mesure d'intervenir.", D),
    ("Je ne vais pas pouvoir.", D),
    ("Ce ne sera pas possible.", D),
    ("Je n'ai pas de disponibilité.", D),
    ("Aucune disponibilité de mon côté.", D),
    ("Pas de disponibilité ce jour-là.", D),
    ("Je ne suis pas dispo ce jour-là.", D),
    ("Ce jour-là, je ne suis pas disponible.", D),
    ("Non, je ne suis pas disponible.", D),
    ("Oui, je ne suis pas disponible.", U),  # « oui » then a no: a person reads it
    ("Pas de oui pour cette fois.", D),
    ("Je ne peux pas dire oui.", D),
    ("Je ne peux pas accepter.", D),
    ("Je ne pourrai pas accepter cette fois.", D),
    ("Impossible de venir.", D),
    ("Je n'y serai pas.", D),
    ("Je ne suis pas disponible, pas de souci pour une autre fois.", D),
    ("Pas de problème pour vous répondre : c'est non.", U),
]

# Double negations and litotes: a person reads them.
DOUBLE_NEGATIONS: list[tuple[str, Intent]] = [
    ("Je ne dis pas non.", U),
    ("Je ne dis pas non, mais je dois vérifier.", U),
    ("Je ne suis pas indisponible.", U),
    ("Ce n'est pas impossible.", U),
    ("Pas impossible.", U),
    ("Je ne refuse pas.", U),
    ("Je ne refuserais pas.", U),
    ("Pourquoi pas.", U),
    ("Pourquoi pas ?", U),
    ("Je ne vois pas pourquoi pas.", U),
    ("Ce n'est pas non.", U),
    ("Je ne peux pas ne pas venir !", U),
    ("Ce n'est pas que je ne veux pas, mais je ne peux pas.", U),
    ("Je ne suis pas contre.", U),
    ("Pas contre.", U),
    ("Je ne serais pas contre.", U),
    ("Ce ne serait pas de refus.", U),
]

# Conditions, hedges, reservations: no action on a guess.
CONDITIONS: list[tuple[str, Intent]] = [
    ("Oui si c'est le matin.", U),
    ("Oui, si l'intervention est le matin.", U),
    ("D'accord à condition d'avoir un vidéoprojecteur.", U),
    ("Oui sauf imprévu.", U),
    ("Oui, sauf si mon employeur refuse.", U),
    ("Oui, sous réserve de l'accord de mon employeur.", U),
    ("Sous réserve, oui.", U),
    ("Peut-être.", U),
    ("Normalement oui.", U),
    ("A priori oui.", U),
    ("À priori oui.", U),
    ("Je pense que oui.", U),
    ("Je crois que oui.", U),
    ("Probablement.", U),
    ("Sans doute.", U),
    ("Oui en principe.", U),
    ("En principe je suis disponible.", U),
    ("Je devrais être disponible.", U),
    ("Je pense être disponible.", U),
    ("Je suis disponible sauf si réunion.", U),
    ("Je suis disponible si je trouve un remplaçant.", U),
    ("Oui mais je dois partir à 11 h.", U),
    ("D'accord mais seulement une heure.", U),
    ("Ok mais en visio.", U),
    ("Oui pour l'après-midi seulement.", U),
    ("J'accepte si c'est en distanciel.", U),
    ("Je confirme dès que j'ai l'accord de ma direction.", U),
    ("Oui, je vous le confirme demain.", U),
    ("Non, sauf si vous ne trouvez personne.", U),
    ("Non, sauf si la date change.", U),
    ("Je ne peux pas sauf en fin de journée.", U),
    ("Je vais essayer.", U),
    ("J'essaie de me libérer.", U),
    ("Je vais voir.", U),
    ("Je regarde et je reviens vers vous.", U),
    ("Ok, je vérifie mon agenda.", U),
    ("Oui, à confirmer.", U),
    ("Oui a confirmer", U),
    ("Disponible sous condition.", U),
    ("C'est possible.", U),
    ("Ça devrait être possible.", U),
]

# Yes and no at once, or a change of mind: a person reads it.
MIXED: list[tuple[str, Intent]] = [
    ("Oui. Enfin non, désolé.", U),
    ("Non, enfin si, je peux.", U),
    ("Oui… non, je ne peux pas finalement.", U),
    ("Finalement non.", U),
    ("Finalement oui.", U),
    ("Oups, je voulais dire non.", U),
    ("J'ai répondu oui par erreur, c'est non.", U),
    ("Non, je suis disponible.", U),
    ("Oui et non.", U),
    ("D'accord pour le principe, pas pour la date.", U),
    ("Ok pour la date, pas pour le lieu.", U),
    ("Je veux bien mais je ne peux pas.", U),
    ("Je ne peux pas, mais ma collègue peut.", U),
    ("Non pour moi, oui pour mon collègue Marc.", U),
]

# Another day.
OTHER_DAYS: list[tuple[str, Intent]] = [
    ("Je propose le jeudi 12 novembre à la place.", LATER),
    ("Je serais disponible le 17 novembre plutôt.", LATER),
    ("Plutôt le 24 novembre si possible.", LATER),
    ("Pourriez-vous décaler au 20/11 ?", LATER),
    ("Est-il possible de reporter à la semaine suivante ?", LATER),
    ("Je ne peux pas le 10, je propose le 12.", LATER),
    ("Le 10 c'est impossible, mais le 13 novembre me va.", LATER),
    ("Je suis libre le mercredi 18 novembre.", LATER),
    ("Une autre date ? Le 3 décembre par exemple.", LATER),
    ("Je préférerais le vendredi 13 novembre.", LATER),
    ("Je ne suis pas disponible le 10 mais je le suis le 17.", LATER),
    ("Pas le 10, plutôt le 17.", LATER),
    ("Oui mais le 17 plutôt que le 10.", U),
    ("Je peux le 17 ou le 24.", U),
    ("Disponible le 17, pas le 10.", LATER),
]

# Questions and information: a person answers.
QUESTIONS: list[tuple[str, Intent]] = [
    ("Combien d'élèves ?", U),
    ("Quelle est l'adresse exacte ?", U),
    ("Oui, quelle heure ?", U),
    ("D'accord, où dois-je me garer ?", U),
    ("Ok, c'est où ?", U),
    ("Qui dois-je contacter sur place ?", U),
    ("Faut-il apporter du matériel ?", U),
    ("Est-ce rémunéré ?", U),
    ("Oui ?", U),
    ("D'accord ?", U),
    ("Je peux venir avec une collègue ?", U),
    ("Pouvez-vous m'appeler ?", U),
    ("Merci de me rappeler au 06 11 22 33 44.", U),
    ("J'ai une question avant de répondre.", U),
    ("Bien reçu.", U),
    ("Bien reçu, merci.", U),
    ("Je prends note.", U),
    ("Noté, je regarde.", U),
    ("Je transfère à mon responsable.", U),
    ("Merci de votre confiance.", U),
]

# Out-of-office messages without the headers that say so (some servers drop them, some people type them).
OUT_OF_OFFICE: list[tuple[str, Intent]] = [
    ("Absent du bureau jusqu'au 12 novembre inclus. Je prendrai connaissance de votre message à mon retour.", AWAY),
    (
        "Bonjour,\n\nJe suis absente jusqu'au 16/11 et n'aurai pas accès à mes e-mails. En cas d'urgence, contactez "
        "Mme Weber au 03 88 00 00 00.\n\nCordialement",
        AWAY,
    ),
    ("Je suis actuellement absent et je répondrai à votre message dès mon retour le 9 novembre.", AWAY),
    ("Je suis en congés du 2 au 13 novembre. Votre message ne sera pas transféré.", AWAY),
    ("Message automatique : je suis absente du bureau. Je vous répondrai à mon retour.", AWAY),
    ("Réponse automatique : absent jusqu'au lundi 9 novembre.", AWAY),
    (
        "Bonjour, je suis en déplacement jusqu'au 20 novembre avec un accès limité à ma messagerie. Je vous "
        "répondrai dès que possible.",
        AWAY,
    ),
    (
        "Merci pour votre message. Je suis actuellement en congé maternité jusqu'au 1er mars. Pour toute demande, "
        "écrivez à contact@usinage-rhenan.fr.",
        AWAY,
    ),
    ("Je suis absent(e) du 26/10 au 06/11. Pendant mon absence, merci de contacter le secrétariat.", AWAY),
    (
        "Bonjour,\nJe suis en formation cette semaine et consulterai mes messages à mon retour, lundi.\nBien "
        "cordialement",
        AWAY,
    ),
    ("Je suis en arrêt jusqu'au 15 novembre. Votre message sera traité à mon retour.", AWAY),
    ("Ceci est une réponse automatique. Je suis absent jusqu'au 8 novembre.", AWAY),
    ("Vacances scolaires : je suis absente jusqu'au 2 novembre, je lirai votre message à la rentrée.", AWAY),
    ("Je ne suis pas au bureau jusqu'au 12/11. Je traiterai votre demande à mon retour.", AWAY),
    (
        "Bonjour,\n\nJe ne suis pas disponible jusqu'au 10 novembre et ne consulte pas mes e-mails. Je vous "
        "répondrai à mon retour.\n\nCordialement",
        AWAY,
    ),
    ("Out of office: I am away until 12 November with no access to email. I will reply on my return.", AWAY),
    ("Thank you for your email. I am currently out of the office and will respond when I return on Monday.", AWAY),
    ("I'm on annual leave until 16/11 and will have limited access to my emails.", AWAY),
    ("Automatic reply: I am out of the office until November 9th.", AWAY),
    ("I am currently away from the office. For urgent matters please contact my colleague.", AWAY),
    ("Bonjour, je suis absent. Merci de renvoyer votre message à partir du 12 novembre.", AWAY),
    ("Je suis absente du bureau du 2 au 6 novembre inclus et je n'aurai qu'un accès très limité à mes e-mails.", AWAY),
    # A person's own absence on the day is a no, not an automatic message.
    ("Je suis absente ce jour-là, désolée.", D),
    ("Je serai en congé à cette date, désolé.", D),
    ("Je suis en déplacement ce jour-là.", D),
]

# Emoji, alone or with words.
EMOJI: list[tuple[str, Intent]] = [
    ("👍", U),  # « lu », « d'accord » or « bien reçu »: a person decides
    ("👍👍", U),
    ("Oui 👍", A),
    ("Oui 😊", A),
    ("Avec plaisir 🙂", A),
    ("D'accord 👌", A),
    ("Non 😕", D),
    ("Désolée, pas disponible 😔", D),
    ("👎", U),
    ("🙏", U),
    ("😂", U),
    ("Oui ❤️", A),
    ("Ok 👍 merci", A),
    ("Non 🙁 désolé", D),
]

# The greeting on the answer's own line, and other things people write around an answer.
AROUND: list[tuple[str, Intent]] = [
    ("Bonjour, oui avec plaisir.", A),
    ("Bonjour Madame, c'est d'accord.", A),
    ("Bonjour, je suis disponible, à bientôt.", A),
    ("Bonsoir, oui je confirme. Bonne soirée", A),
    ("Hello, ok pour moi !", A),
    ("Bonjour, non désolé.", D),
    ("Bonjour, je ne suis pas disponible. Bonne journée.", D),
    ("Bonjour Monsieur, malheureusement je ne pourrai pas. Cordialement", D),
    ("Bonjour,\noui\nmerci", A),
    ("Bonjour,\nnon\nmerci", D),
    ("Re-bonjour, oui c'est bon pour moi.", A),
    ("Bonjour à toute l'équipe, oui je serai là.", A),
    ("Oui, merci et bonne journée !", A),
    ("Non merci, bonne continuation.", D),
    ("OUI", A),
    ("NON", D),
    ("oui.", A),
    ("non !", D),
    ("Oui oui", A),
    ("Non non", D),
    ("Ouii", U),
    ("Noon", U),
]

# Longer messages, forwarded mail, and what is not an answer at all.
OTHERS: list[tuple[str, Intent]] = [
    ("", U),
    ("Voir pièce jointe.", U),
    ("Je vous transfère ce message.", U),
    ("Test", U),
    ("Oui, mais je voulais aussi vous parler d'un projet de forum des métiers dans mon entreprise l'an prochain.", U),
    (
        "Je suis disponible, j'ai déjà fait ce type d'intervention l'an dernier au collège Foch avec des élèves de "
        "quatrième et ça s'était très bien passé, les élèves avaient posé beaucoup de questions sur l'apprentissage.",
        U,
    ),
    ("Je ne suis pas disponible, je quitte l'entreprise le mois prochain et je souhaite quitter le réseau.", U),
    ("Non. Et merci de ne plus me solliciter.", U),
    ("Retirez-moi de vos listes.", U),
    ("Je ne suis plus ambassadeur.", U),
    ("Mauvaise adresse, je ne suis pas Claire Martin.", U),
    ("Ma collègue Julie pourrait me remplacer.", U),
    ("Oui, et ma collègue viendra aussi.", U),
]

# Written against the reader once it passed the groups above: atoms that could add up wrongly, colloquial negations
# without « ne », a yes-word starting another sentence, human messages using out-of-office words.
TRAPS: list[tuple[str, Intent]] = [
    ("Oui, je ne viens pas.", U),
    ("Non, non, je viens !", U),
    ("D'accord, je ne viendrai pas.", U),
    ("Je suis disponible. Désolé.", U),
    ("Ok, non.", U),
    ("Je viens de voir votre message.", U),
    ("Je viens pas.", D),
    ("J'suis pas dispo.", D),
    ("Je suis pas dispo", D),
    ("Je serai là… ou pas.", U),
    ("Je confirme que je ne suis pas disponible.", D),
    ("Je confirme mon indisponibilité.", D),
    ("Je confirme : non.", U),
    ("C'est non.", D),
    ("Non, c'est d'accord.", U),
    ("Oui (pour mon collègue).", U),
    ("Oui — sauf le matin.", U),
    ("Bien sûr que non.", D),
    ("Avec plaisir, mais non.", U),
    ("Non sans regret.", D),
    ("Aucun problème, je décline.", U),
    ("Non je ne décline pas.", U),
    ("Je ne peux pas refuser.", U),
    ("Impossible de refuser !", U),
    ("Oui. Enfin, je crois.", U),
    ("Oui, je suis disponible… pour une autre date.", U),
    ("Ne comptez pas sur moi.", D),
    ("Ce serait avec plaisir mais je ne peux pas.", D),
    ("J'aurais accepté avec plaisir mais je suis pris.", D),
    ("Je suis disponible ce jour-là ? Non.", U),
    ("Je suis disponible sauf ce jour-là.", U),
    ("Disponible.", A),
    ("Non disponible.", D),
    ("Ça marche pas.", D),
    ("Ça me va pas.", D),
    ("C'est pas bon pour moi.", D),
    ("Merci, mais je ne pourrai pas.", D),
    ("Parfait, merci, mais je ne pourrai pas.", D),
    ("Je ne pourrai pas ce jour-là mais avec plaisir une prochaine fois.", D),
    ("Pas de problème : je ne viendrai pas.", U),
    ("Oui si je ne suis pas malade.", U),
    ("Non si c'est le matin, oui l'après-midi.", U),
    ("À mon retour de congés je pourrai vous répondre, pour l'instant je ne sais pas.", U),
    ("Je suis absente jusqu'au 3 novembre, donc c'est d'accord pour le 10.", U),
    ("Réponse automatique ? Non, c'est bien moi : oui, je viens.", U),
    ("Oui, je serai absente du bureau mais présente au collège.", U),
    ("Je ne suis jamais disponible le mardi.", U),
    ("Pas avant 14 h.", U),
    ("Oui !!!", A),
    ("Ouiii !", U),
    ("Non, désolé, je suis en formation.", D),
    ("Non.\n\nOui.", U),
    ("non\n\nPS : je vous recommande ma collègue.", U),
]

REPLIES: list[tuple[str, Intent]] = [
    *FIRST,
    *PLAIN,
    *NEGATIONS,
    *DOUBLE_NEGATIONS,
    *CONDITIONS,
    *MIXED,
    *OTHER_DAYS,
    *QUESTIONS,
    *OUT_OF_OFFICE,
    *EMOJI,
    *AROUND,
    *OTHERS,
    *TRAPS,
]
GROUPS = {
    "premières": FIRST,
    "simples": PLAIN,
    "négations": NEGATIONS,
    "doubles négations": DOUBLE_NEGATIONS,
    "conditions": CONDITIONS,
    "mélanges": MIXED,
    "autres dates": OTHER_DAYS,
    "questions": QUESTIONS,
    "absences": OUT_OF_OFFICE,
    "emoji": EMOJI,
    "autour de la réponse": AROUND,
    "autres": OTHERS,
    "pièges": TRAPS,
}

PROPOSAL = """Bonjour Claire Martin,

Une structure cherche un ambassadeur ou une ambassadrice Orient'Est, et nous avons pensé à vous.
Date proposée : mardi 10 novembre 2026.

- J'accepte : https://docs.google.com/forms/d/e/DEMO-reponse/viewform?usp=pp_url&entry.1=J%27accepte
- Je ne suis pas disponible : https://docs.google.com/forms/d/e/DEMO-reponse/viewform?usp=pp_url&entry.1=Non
- Je propose une autre date : https://docs.google.com/forms/d/e/DEMO-reponse/viewform?usp=pp_url&entry.1=Autre

Bien cordialement,
L'équipe du réseau Orient'Est"""

SIGNATURES = (
    "\n\n--\nClaire Martin\nTechnicienne d'usinage – Usinage Rhénan\n06 12 34 56 78",
    "\n\nEnvoyé de mon iPhone",
    "\n\nClaire",
    "",
)


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


STYLES = {
    "gmail": lambda reply, signature: (
        f"{reply}{signature}\n\nLe lun. 5 oct. 2026 à 18:00, Réseau Ambassadeurs "
        f"Orient'Est <reseau@exemple.fr> a écrit :\n\n{_quoted(PROPOSAL)}\n"
    ),
    "outlook": lambda reply, signature: (
        f"{reply}{signature}\n\n________________________________\nDe : Réseau "
        f"Ambassadeurs Orient'Est <reseau@exemple.fr>\nEnvoyé : lundi 5 octobre "
        f"2026 18:00\nÀ : Claire Martin <claire.martin@exemple.fr>\nObjet : "
        f"DEM-2026-00001 – Proposition d'intervention\n\n{PROPOSAL}\n"
    ),
    "apple": lambda reply, signature: (
        f"{reply}{signature}\n\n> Le 5 oct. 2026 à 18:00, Réseau Ambassadeurs "
        f"Orient'Est <reseau@exemple.fr> a écrit :\n>\n{_quoted(PROPOSAL)}\n"
    ),
    "thunderbird": lambda reply, signature: (
        f"{reply}{signature}\n\nLe 05/10/2026 à 18:00, Réseau Ambassadeurs Orient'Est a écrit :\n{_quoted(PROPOSAL)}\n"
    ),
}


def as_received(replies: list[tuple[str, Intent]] = REPLIES) -> list[tuple[str, str, Intent]]:
    """Every reply in every client's style, each with a signature in turn: (style, body as received, meaning)."""
    return [
        (style, quote(reply, SIGNATURES[(n + shift) % len(SIGNATURES)]), meant)
        for n, (reply, meant) in enumerate(replies)
        for shift, (style, quote) in enumerate(STYLES.items())
    ]
