"""French texts of flood control, blocks and personal-data requests."""

FLOOD = (
    "Vous envoyez beaucoup de messages, je traite les précédents… "
    "Merci de patienter quelques secondes avant d'écrire à nouveau."
)
BLOCKED = (
    "L'accès à l'assistant de la hotline a été suspendu pour votre compte par l'équipe. "
    "Si vous pensez qu'il s'agit d'une erreur, contactez l'équipe Territoires d'engagement "
    "de l'ANCT."
)
EXPORT_CAPTION = (
    "Voici toutes les données que la hotline conserve sur vous (profil, questions, avis, "
    "demandes, conversation en cours{extra}). Le fichier s'ouvre avec un éditeur de texte ; "
    "sa première rubrique explique comment le lire."
)
EXPORT_TICKETS = ", demandes de rappel et leur historique"
EXPORT_FILE = "mes_donnees_hotline.json"
ERASE_CONFIRM = (
    "<b>Supprimer vos données ?</b>\n\n"
    "Seront effacés : votre profil (prénom, identifiant Telegram), le texte de vos questions "
    "et de vos remarques, votre conversation en cours, et dans vos demandes de rappel vos "
    "coordonnées et le texte de vos échanges.\n"
    "Seront conservés <b>sans aucun lien avec vous</b>, pour les statistiques de la hotline : "
    "le nombre de questions, les thèmes, les avis « Utile / Pas utile » et les étapes des "
    "demandes.\n\n"
    "Cette action est définitive."
)
ERASE_YES = "🗑 Oui, tout supprimer"
ERASE_NO = "Annuler"
ERASED = (
    "✅ Vos données ont été supprimées. Si vous écrivez de nouveau à l'assistant, "
    "une nouvelle conversation commencera."
)
ERASE_CANCELLED = "Entendu, rien n'a été supprimé."
ERASE_NOT_YOURS = "Ce bouton ne vous est pas destiné."
ERASE_STAFF = (
    "Vous êtes inscrit·e comme conseiller·ère ou membre de l'équipe : vos données servent au "
    "suivi des demandes. Demandez d'abord à l'équipe de vous retirer (hotline advisors remove), "
    "puis recommencez."
)
