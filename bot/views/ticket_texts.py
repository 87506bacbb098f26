"""French texts of the escalation to advisors: the request flow, tickets and notifications."""

CANCEL = "✖️ Annuler"
CANCELLED = "Demande annulée. Vous pouvez poser une autre question quand vous voulez."
CANCELLED_ACTION = "C'est annulé."
NOTHING_TO_CANCEL = "Il n'y a rien en cours à annuler."
STEP_DONE = "Cette étape est déjà passée."

# The request flow (official, private chat), one prompt per step.
INTAKE_TITLE = "🧑‍💼 <b>Demande de rappel par un conseiller</b> — étape {step}/7"
ASK_QUESTION = "Décrivez votre question en quelques phrases :"
KEEP_QUESTION = (
    "Votre question :\n<blockquote>{question}</blockquote>\n"
    "Gardez-la, ou écrivez une version plus complète."
)
KEEP = "✅ Garder cette question"
QUESTION_TOO_SHORT = "Décrivez votre question en quelques mots de plus, s'il vous plaît."
ASK_COLLECTIVITE = "Quelle est votre collectivité ? (par exemple « Mairie de Saint-Ouen »)"
COLLECTIVITE_INVALID = "Indiquez le nom de votre collectivité (2 à 200 caractères)."
ASK_ROLE = "Vous êtes :"
ROLES = {"elu": "Élu·e", "agent": "Agent·e de la collectivité", "autre": "Autre"}
ASK_CHANNEL = "Comment préférez-vous être recontacté·e ?"
CHANNELS = {"telephone": "📞 Par téléphone", "visio": "💻 En visio"}
CHANNEL_NAMES = {"telephone": "téléphone", "visio": "visio"}
ASK_PHONE = (
    "À quel numéro le conseiller peut-il vous appeler ?\n"
    "<i>Exemple : 06 12 34 56 78, ou +32 470 12 34 56 depuis l'étranger.</i>"
)
ASK_EMAIL = (
    "À quelle adresse e-mail envoyer le lien de la visio ?\n<i>Exemple : prenom.nom@mairie.fr</i>"
)
CONTACT_INVALID = "⚠️ {reason}. Réessayez, ou annulez avec /annuler."
ASK_SLOTS = (
    "Choisissez <b>2 ou 3 créneaux</b> qui vous conviennent, puis appuyez sur « Valider ».\n"
    "<i>Heure de Paris.</i>"
)
SLOTS_DONE = "Valider ({count})"
SLOTS_TOO_FEW = "Choisissez au moins deux créneaux."
SLOTS_TOO_MANY = "Trois créneaux au plus : retirez-en un d'abord."
SLOT_UNKNOWN = "Ce créneau n'est plus proposé."
SLOTS_STALE = "Certains de ces créneaux sont passés ; voici la liste à jour."
SLOTS_STALE_CHOICE = "Créneaux passés entre-temps"
ASK_CONSENT = (
    "Pour que le conseiller vous recontacte, nous conservons votre question, votre collectivité "
    "et vos coordonnées le temps de traiter la demande. Seul le conseiller qui prend la demande "
    "voit vos coordonnées. Détails : /confidentialite"
)
CONSENT = "✅ J'accepte d'être recontacté·e"
SUMMARY = (
    "<b>Récapitulatif de votre demande</b>\n\n"
    "<b>Question</b> : {question}\n"
    "{details}\n"
    "<b>Créneaux souhaités</b> :\n{slots}\n\n"
    "Tout est juste ? Sinon, touchez ✏️ pour modifier une information."
)
DETAILS = (
    "<b>Collectivité</b> : {collectivite}\n<b>Vous êtes</b> : {role}\n<b>Rappel</b> : {channel}"
)
EDITABLE = {
    "question": "✏️ Question",
    "collectivite": "✏️ Collectivité",
    "role": "✏️ Fonction",
    "channel": "✏️ Rappel",
    "slots": "✏️ Créneaux",
}
REUSE = (
    "Voici les informations de votre dernière demande :\n\n{details}\n\n"
    "Les garder pour cette demande ?"
)
KEEP_ALL = "✅ Tout garder"
CHANGE_SOME = "✏️ En changer"
KEEP_VALUE = "✅ Garder {value}"
CURRENT = "{label} ✓"
NOW = "Actuellement : <b>{value}</b>"
CONFIRM = "📨 Envoyer la demande"
OPENED = (
    "✅ Votre demande <b>n° {number}</b> est enregistrée.\n"
    "Un conseiller de la cellule de conseil et d'orientation va la prendre en charge ; "
    "réponse attendue au plus tard <b>{expected}</b>.\n"
    "Suivez vos demandes avec /mes_demandes."
)
OUTSIDE_HOURS = (
    "🌙 La cellule est fermée en ce moment (elle répond en semaine, jours fériés exceptés) : "
    "votre demande sera traitée dès la réouverture."
)
NOT_A_TEXT_STEP = "Utilisez les boutons ci-dessus, ou /annuler pour arrêter."

# The official's follow-up: /mes_demandes, details, relay, appointment, rating.
STATUS = {
    "new": "⏳ en attente d'un conseiller",
    "claimed": "🧑‍💼 prise en charge",
    "scheduled": "📅 rendez-vous {appointment}",
    "waiting_official": "💬 en attente de votre réponse",
    "resolved": "✅ traitée",
    "cancelled": "✖️ annulée",
}
MY_TICKETS = "<b>Vos demandes</b>"
MY_TICKET_LINE = "<b>n° {number}</b> — {status}\n<i>{question}</i>"
MY_APPOINTMENT_LINE = "\n📅 Rendez-vous : {when}, par {channel} — <b>{status}</b>"
NO_TICKETS = "Vous n'avez pas encore de demande. Pour être rappelé·e : /conseiller"
ADD_DETAIL = "➕ Préciser n° {number}"
CANCEL_TICKET = "✖️ Annuler n° {number}"
ASK_DETAIL = "Écrivez la précision à ajouter à votre demande n° {number} (ou /annuler) :"
DETAIL_ADDED = "✅ C'est ajouté à votre demande n° {number}."
TICKET_CANCELLED = "Votre demande n° {number} est annulée."
ASK_RELAY = "Ajouter ce message à votre demande n° {number} ?"
RELAY_YES = "Oui, l'ajouter"
RELAY_NO = "Non, c'est une nouvelle question"
RELAYED = "✉️ Transmis à votre conseiller (demande n° {number})."
APPOINTMENT_CONFIRMED = "✅ Rendez-vous confirmé. Vous recevrez un rappel la veille."
RESLOT_ASKED = "Entendu : le conseiller va vous proposer un autre créneau."
RATED = "Merci pour votre note ({stars}/5) !"
ASK_RATING_COMMENT = "Voulez-vous ajouter un commentaire ? Écrivez-le, ou appuyez sur « Passer »."
SKIP = "Passer"
RATING_COMMENT_THANKS = "Merci, votre commentaire est transmis à l'équipe."
RATING_COMMENT_SKIPPED = "Merci d'avoir utilisé la hotline !"

# Advisors: the group card, the full ticket in private, their actions.
CARD = (
    "<b>Demande n° {number}</b>\n"
    "{status}\n"
    "<b>Question</b> : {question}\n"
    "<b>Thèmes trouvés</b> : {topics}\n"
    "<b>Collectivité</b> : {collectivite} ({role})\n"
    "<b>Rappel souhaité</b> : {channel}\n"
    "<b>Créneaux</b> :\n{slots}\n"
    "{times}"
)
# One line, one emoji per status; the card never repeats it.
CARD_STATUS = {
    "new": "🆕 <b>À prendre</b>",
    "claimed": "🧑‍💼 <b>Suivie par {holder}</b>",
    "scheduled": "📅 <b>Rendez-vous {appointment}</b> — suivie par {holder}",
    "waiting_official": "💬 <b>En attente de la réponse de l'élu·e</b> — suivie par {holder}",
    "resolved": "✅ <b>Traitée par {holder}</b>",
    "cancelled": "✖️ <b>Annulée par la personne</b>",
}
HELD_STATUSES = ("claimed", "scheduled", "waiting_official")
CARD_CREATED = "Déposée le {at}"
CARD_CLAIMED = "Prise en charge {at} par {holder}"
CARD_APPOINTMENT = "Rendez-vous : {when} ({status})"
CARD_CLOSED_AT = {"resolved": "Close {at} par {holder}", "cancelled": "Annulée {at}"}
CARD_SUGGESTED = "<b>Conseiller suggéré</b> : {name}"
CARD_ERASED = "<b>Demande n° {number}</b>\n🗑 Demande retirée par la personne"
APPOINTMENT_STATUS = {"proposed": "proposé", "confirmed": "confirmé", "cancelled": "annulé"}
NO_TOPIC = "aucun (hors base)"
NOBODY = "—"
CLAIM = "🙋 Prendre en charge"
# A callback answer: 200 characters at most. Telegram lets a bot write only to people who
# started it, hence the hint.
CLAIMED = (
    "C'est à vous : la demande n° {number} vous est envoyée en privé "
    "(écrivez d'abord /start au bot si vous ne l'avez jamais fait)."
)
TICKET_FULL = (
    "📂 <b>Demande n° {number}</b> — {status}\n\n"
    "<b>Question</b> :\n<blockquote>{question}</blockquote>\n"
    "<b>Collectivité</b> : {collectivite} ({role})\n"
    "<b>Rappel</b> : {channel} — <b>{contact}</b>\n"
    "<b>Créneaux souhaités</b> :\n{slots}\n"
    "<b>Thèmes trouvés</b> : {topics}"
)
APPOINTMENT_LINE = "\n<b>Rendez-vous</b> : {when} ({channel}) — {status}"
WAITING_MESSAGES = "\n<b>Messages reçus pendant l'attente</b> :"
WAITING_MESSAGE = "<blockquote>{text}</blockquote>"
REPLY = "💬 Répondre"
BOOK = "📅 Fixer le rendez-vous"
RELEASE = "↩️ Libérer"
TRANSFER = "🔀 Transférer"
CLOSE = "✅ Clore"
ASK_REPLY = "Écrivez votre message pour l'élu·e (demande n° {number}), ou /annuler :"
REPLY_SENT = "✉️ Message transmis (demande n° {number})."
RELEASED = "↩️ Demande n° {number} remise dans la file des conseillers."
ASK_TRANSFER = (
    "À qui transférer la demande n° {number} ?\n"
    "<i>Pour chacun : le nombre de demandes qu'il ou elle suit en ce moment.</i>"
)
TRANSFER_CHOICE = "{name} · {count} en cours"
NO_ONE_TO_TRANSFER = "Aucun autre conseiller inscrit pour le moment."
TRANSFERRED = "🔀 Demande n° {number} transférée à {name}."
ASK_BOOK_WHEN = (
    "Date et heure du rendez-vous pour la demande n° {number} (heure de Paris), par exemple "
    "« 12/12 14h30 » ou « demain 9h » ; /annuler pour arrêter."
)
ASK_BOOK_CHANNEL = "Rendez-vous le <b>{when}</b>. Par quel moyen ?"
ASK_BOOK_LINK = "Collez le lien de la visio (https://…) :"
ASK_BOOK_PHONE = "Quel numéro appellerez-vous ? Par défaut, celui de la demande :"
USE_TICKET_PHONE = "📞 {phone}"
BOOKED = "📅 Rendez-vous proposé : {when} ({channel}). L'élu·e est invité·e à le confirmer."
LINK_INVALID = "Le lien doit commencer par https:// ; recollez-le, ou /annuler."
ASK_CLOSE_NOTE = (
    "Note de résolution de la demande n° {number} (ce qui a été conseillé), ou /annuler :"
)
CLOSE_SUMMARY = "Clore la demande n° {number} avec cette note ?\n<blockquote>{note}</blockquote>"
KB_TOGGLE_OFF = "☐ À ajouter à la base"
KB_TOGGLE_ON = "☑️ À ajouter à la base"
CLOSE_CONFIRM = "✅ Clore la demande"
CLOSED = "✅ Demande n° {number} close. Merci !"
CLOSED_WITH_DRAFT = "✅ Demande n° {number} close ; un brouillon de fiche est proposé à l'équipe."
NOTE_TOO_SHORT = "Quelques mots de plus, s'il vous plaît (ce qui a été conseillé)."
MY_OPEN_TICKETS = "<b>Vos demandes en cours</b>"
NO_OPEN_TICKETS = "Vous n'avez aucune demande en cours. La file : /file"
QUEUE = "<b>File des demandes non prises</b> (les plus anciennes d'abord)"
QUEUE_EMPTY = "La file est vide. 🎉"
QUEUE_LINE = "<b>n° {number}</b> — {collectivite}, {channel}, depuis {waiting}\n<i>{question}</i>"
OPEN_TICKET = "📂 n° {number}"
ADVISORS_ONLY = (
    "Cette commande est réservée aux conseillers inscrits. Code d'invitation : /rejoindre CODE"
)
JOIN_USAGE = (
    "Écrivez /rejoindre suivi du code reçu de l'équipe, par exemple « /rejoindre ABCD-EFGH-JKLM »."
)
JOINED = (
    "Bienvenue, {name} ! Vous êtes inscrit·e comme {role}. Vos demandes : /mes_tickets ; "
    "la file : /file. Les nouvelles demandes arrivent dans le groupe des conseillers."
)
ROLE_NAMES = {"advisor": "conseiller·ère", "staff": "membre de l'équipe"}

# Notifications sent by the dispatch loop (bot/views/notification_views.py).
TICKET_TAKEN = "📂 <b>Vous avez pris en charge la demande n° {number}</b>"
TICKET_TRANSFERRED = "🔀 <b>{sender} vous transfère la demande n° {number}</b>"
OFFICIAL_LINE = "<b>Élu·e / agent·e</b> : {name}"
LINK_LINE = "\n<b>Lien</b> : {link}"
CLAIMED_TO_OFFICIAL = (
    "🧑‍💼 <b>{advisor}</b>, conseiller·ère de la cellule, a pris en charge votre demande "
    "n° {number}. Vous serez recontacté·e sur l'un de vos créneaux.\n"
    "Vous pouvez lui écrire ici : vos messages lui sont transmis."
)
RELAY_TO_OFFICIAL = (
    "💬 <b>{advisor} vous écrit</b> (demande n° {number}) :\n<blockquote>{text}</blockquote>\n"
    "<i>Pour répondre, écrivez simplement ici.</i>"
)
RELAY_TO_ADVISOR = "💬 <b>{official}</b> (demande n° {number}) :\n<blockquote>{text}</blockquote>"
DETAIL_TO_ADVISOR = (
    "➕ <b>{official}</b> précise la demande n° {number} :\n<blockquote>{text}</blockquote>"
)
APPOINTMENT_TO_OFFICIAL = (
    "📅 <b>Rendez-vous proposé</b> (demande n° {number}) : <b>{when}</b>, {channel}, "
    "avec {advisor}.{link}\nCe créneau vous convient-il ?"
)
CONFIRM_APPOINTMENT = "✅ Confirmer"
OTHER_SLOT = "🔁 Proposer un autre créneau"
APPOINTMENT_CONFIRMED_TO_ADVISOR = (
    "✅ {official} confirme le rendez-vous du <b>{when}</b> (demande n° {number})."
)
RESLOT_TO_ADVISOR = (
    "🔁 {official} demande un autre créneau pour la demande n° {number}.\n"
    "Ses créneaux souhaités :\n{slots}"
)
PHONE_LINE = "\n<b>Numéro</b> : {phone}"
WILL_CALL = "\nLe conseiller vous appellera au {phone}."
REMINDER_DAY_BEFORE = (
    "⏰ <b>Rappel</b> : rendez-vous demain, <b>{when}</b> ({channel}), demande n° {number}.{link}"
)
REMINDER_SOON = (
    "⏰ <b>Dans 15 minutes</b> : rendez-vous <b>{when}</b> ({channel}), demande n° {number}.{link}"
)
RATING_REQUEST = (
    "✅ Votre demande n° {number} est close par {advisor}.\n"
    "Comment évaluez-vous l'aide reçue ? (1 = pas du tout utile, 5 = très utile)"
)
SLA_GROUP = "⏰ La demande n° {number} attend un conseiller depuis {waiting}. Qui la prend ?"
SLA_STAFF = "⚠️ <b>Équipe</b> : la demande n° {number} est sans conseiller depuis {waiting}."
RELEASED_TO_GROUP = "↩️ {advisor} a remis la demande n° {number} dans la file."
RELEASED_TO_OFFICIAL = (
    "↩️ Votre demande n° {number} est de nouveau en attente d'un conseiller ou d'une "
    "conseillère. Vous pouvez continuer à écrire ici : vos messages sont joints à la demande "
    "et lus par la personne qui la prendra."
)
ATTACHED = "✉️ Ajouté à votre demande n° {number} : la personne qui la prendra le lira."
# The advisor's old ticket message, edited: no buttons, no contact details.
TICKET_NOW_HELD = "🔀 <b>Demande n° {number}</b> : elle est maintenant suivie par {holder}."
TICKET_BACK_IN_QUEUE = (
    "↩️ <b>Demande n° {number}</b> : de retour dans la file des conseillers ; "
    "vous ne la suivez plus."
)
TICKET_ERASED = "🗑 <b>Demande n° {number}</b> : retirée par la personne."
ERASED_TO_ADVISOR = (
    "🗑 La personne a retiré sa demande n° {number} et effacé ses données : "
    "il n'y a plus rien à faire pour cette demande."
)
CANCELLED_TO_ADVISOR = "✖️ L'élu·e a annulé la demande n° {number}."
RATING_TO_ADVISOR = "⭐ Note de l'élu·e pour la demande n° {number} : <b>{stars}/5</b>"
RATING_COMMENT_LINE = "\n<blockquote>{comment}</blockquote>"
SOMEONE = "un·e conseiller·ère"
THE_OFFICIAL = "L'élu·e"

# Errors of the escalation, turned into messages by bot/telegram/errors.py.
ERROR_TICKET_NOT_FOUND = "Cette demande n'existe pas (ou plus)."
ERROR_NOT_ALLOWED = (
    "Action réservée : seuls les conseillers inscrits, et pour une demande celui ou celle qui "
    "la suit, peuvent faire cela. Pour vous inscrire : /rejoindre CODE"
)
ERROR_ALREADY_CLAIMED = "Trop tard : la demande n° {ticket_id} est déjà prise par {holder_name}."
ERROR_INVALID_TRANSITION = "Ce n'est plus possible : la demande n° {ticket_id} a changé d'état."
ERROR_NOT_HOLDER = "Cette demande est maintenant suivie par {holder_name}."
ERROR_NO_LONGER_HELD = (
    "La demande n° {ticket_id} est de nouveau dans la file : vous ne la suivez plus. "
    "Pour la reprendre : /file"
)
ERROR_TOO_MANY_REQUESTS = (
    "Vous avez déjà {count} demandes en cours, le maximum : un conseiller va s'en occuper. "
    "Vous pouvez les compléter ou en annuler une avec /mes_demandes."
)
TOO_MANY_REQUESTS = (
    "Vous avez déjà {count} demandes en cours, le maximum possible. Pour en déposer une "
    "nouvelle, attendez qu'une soit traitée, ou annulez-en une ci-dessous."
)
ERROR_INVALID_CONTACT = "⚠️ Coordonnées non valides : {reason}. Réessayez, ou /annuler pour arrêter."
ERROR_INVITATION = (
    "Ce code d'invitation n'est pas valable (inconnu, déjà utilisé ou expiré). "
    "Demandez-en un nouveau à l'équipe."
)
ERROR_RATING = "La note va de 1 à 5."
ERROR_APPOINTMENT = "⚠️ Rendez-vous impossible : {reason}."
ERROR_UNKNOWN_ADVISOR = "Cette personne n'est pas (ou plus) inscrite comme conseiller·ère."
ERROR_UNREADABLE_TIME = "⚠️ {reason}"
ERROR_EMPTY_MESSAGE = "Le message est vide : écrivez quelques mots."
ERROR_INCOMPLETE_INTAKE = "Il manque une information à la demande : recommencez avec /conseiller."
