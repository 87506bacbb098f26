"""French texts of the back-office and of the staff commands in Telegram."""

SIGN_IN_LINK = (
    "🔐 Votre lien de connexion au back-office (valable 10 minutes, à usage unique) :\n{url}\n\n"
    "Ne le transférez à personne."
)
NOT_STAFF = "Cette commande est réservée à l'équipe de la hotline."
LINK_REFUSED = (
    "Ce lien de connexion n'est plus valable (déjà utilisé ou expiré). "
    "Envoyez /backoffice au bot pour en recevoir un nouveau."
)
SIGN_IN_NEEDED = (
    "Connectez-vous : envoyez /backoffice au bot de la hotline depuis votre compte Telegram, "
    "puis ouvrez le lien reçu."
)
STAFF_ONLY = "Cette page est réservée à l'équipe de la hotline."
CSRF_REFUSED = (
    "Formulaire refusé : il a expiré ou ne vient pas du back-office. "
    "Rechargez la page et recommencez."
)
NOT_FOUND = "Page introuvable."
ENTRY_NOT_FOUND = "Aucune fiche « {slug} »."

FLASH = {
    "saved": "Fiche enregistrée et index mis à jour.",
    "unchanged": "Aucune modification à enregistrer.",
    "published": "Fiche publiée : le bot s'en sert dès maintenant.",
    "archived": "Fiche archivée : le bot ne s'en sert plus.",
    "restored": "Version restaurée (enregistrée comme nouvelle version).",
    "added": "Questions ajoutées à la fiche ; elles quittent la liste des lacunes.",
    "draft": "Brouillon créé à partir des questions : complétez-le puis publiez-le.",
    "dismissed": "Questions retirées de la liste des lacunes.",
    "signed_out": "Vous êtes déconnecté·e.",
    "verified": "Fiche marquée comme vérifiée : les textes cités sont contrôlés à la date du jour.",
}
TOLD = " {count} personne(s) prévenue(s) qu'une réponse à leur question est disponible."

STATUS_LABELS = {"draft": "Brouillon", "published": "Publiée", "archived": "Archivée"}
GAP_REASONS = {
    "out_of_scope": "hors champ",
    "escalate": "conseiller demandé",
    "clarify": "précision demandée",
    "answer": "réponse peu sûre",
    "not_useful": "« Pas utile »",
}

NOTIFICATIONS_ON = (
    "🔔 Vous serez prévenu·e quand une nouvelle fiche répond à l'une de vos questions restées "
    "sans réponse. Pour arrêter : /notifications off"
)
NOTIFICATIONS_OFF = (
    "🔕 Vous ne serez plus prévenu·e des nouvelles réponses. Pour réactiver : /notifications on"
)
NOTIFICATIONS_USAGE = (
    "Les messages « une réponse à votre question est disponible » sont actuellement "
    "<b>{state}</b>.\nÉcrivez /notifications on pour les recevoir, /notifications off pour les "
    "arrêter."
)
STATE_ON = "activés"
STATE_OFF = "désactivés"

# Ticket board (staff wording; the officials' wording is in bot/views/ticket_texts.py).
TICKET_STATUS = {
    "new": "En attente d'un conseiller",
    "claimed": "Prise en charge",
    "scheduled": "Rendez-vous prévu",
    "waiting_official": "En attente de l'élu·e",
    "resolved": "Résolue",
    "cancelled": "Annulée",
}
BREACHES = {
    "claim": "prise en charge tardive",
    "staff": "signalée à l'équipe",
    "response": "délai de réponse dépassé",
}
ACTORS = {"system": "le bot (automatique)", "official": "l'élu·e", "advisor": "un conseiller"}
EVENTS = {
    "created": "Demande créée",
    "claimed": "Prise en charge",
    "released": "Rendue à la file",
    "transferred": "Transférée",
    "booked": "Rendez-vous proposé",
    "confirmed": "Rendez-vous confirmé par l'élu·e",
    "reslot_asked": "Autre créneau demandé",
    "relayed_to_advisor": "Message de l'élu·e relayé au conseiller",
    "relayed_to_official": "Message du conseiller relayé à l'élu·e",
    "detail_added": "Précision ajoutée",
    "resolved": "Résolue",
    "cancelled": "Annulée",
    "rated": "Note donnée",
    "reminded": "Rappel envoyé",
    "sla_reminded": "Relance (délai de prise en charge)",
    "draft_created": "Brouillon de fiche créé",
}
FOREIGN_HOST = (
    "Adresse refusée : le back-office ne répond qu'à sa propre adresse. Ouvrez-le depuis {url}/."
)

# The staff journal: each action in words ({n}: a version or a number of questions).
ACTIONS = {
    "lien_connexion": "a demandé un lien de connexion",
    "connexion": "s'est connecté·e au back-office",
    "deconnexion": "s'est déconnecté·e",
    "fiche_modifiee": "a modifié la fiche",
    "fiche_publiee": "a publié la fiche",
    "fiche_archivee": "a archivé la fiche",
    "fiche_restauree": "a restauré la version {n} de la fiche",
    "fiche_verifiee": "a marqué comme vérifiée la fiche",
    "questions_ajoutees": "a ajouté des questions de la liste des lacunes à la fiche",
    "brouillon_cree": "a créé un brouillon à partir de questions sans réponse :",
    "questions_ignorees": "a retiré {n} question(s) de la liste des lacunes",
    "texte_signale": "a signalé une modification du texte",
}
UNKNOWN_ACTION = "a fait une action sur le back-office"
FORMER_MEMBER = "Un ancien membre de l'équipe"
REVIEW_FLASH = (
    "{count} fiche(s) mise(s) en cours de mise à jour : le bot l'indique dans ses réponses "
    "jusqu'à ce qu'elles soient marquées comme vérifiées."
)
FEEDBACK_KINDS = {"remarque": "Remarque sur une réponse", "note": "Note d'une demande"}
