"""The bot's fixed French texts, in one place so staff can review the wording."""

GROUP_LABELS = {
    "droit": "Cadre juridique",
    "methode": "Méthodes et outils",
    "theme": "Thèmes et retours d'expérience",
    "offre": "L'offre Territoires d'engagement",
}

# Short enough for a button (40 characters): a longer one would be cut by the label rule.
EXAMPLES = (
    "Budget participatif : par où commencer ?",
    "Conseils de quartier : obligatoires ?",
    "Personne ne vient à nos réunions ?",
)

WELCOME = (
    "Bonjour {name} 👋\n\n"
    "Je suis l'assistant de la <b>hotline participation citoyenne</b> (programme "
    "« Territoires d'engagement » de l'ANCT), pour les élus et les agents des collectivités.\n\n"
    "<b>Ce que je sais faire</b> : répondre aux questions courantes sur la participation des "
    "habitants (cadre juridique, méthodes, retours d'expérience) à partir d'une base de fiches "
    "relues, et vous mettre en relation avec un conseiller qui vous rappelle par téléphone ou "
    "en visio.\n"
    "<b>Ce que je ne fais pas</b> : je ne remplace pas un avis juridique et je ne traite pas "
    "les démarches personnelles (état civil, impôts...).\n\n"
    "<i>Confidentialité</i> : je conserve vos questions et vos avis pour améliorer les réponses. "
    "Détails, durée de conservation et suppression : /confidentialite\n\n"
    "Posez votre question en quelques mots, ou essayez un exemple :"
)

HELP_INTRO = (
    "<b>Comment m'utiliser</b>\n\n"
    "Écrivez votre question librement, même courte ou sans accents. Une photo ou un document "
    "avec votre question en légende convient aussi.\n\n"
    "<b>Commandes</b>"
)
HELP_ADVISORS = "<b>Conseillers</b>"
HELP_STAFF = "<b>Équipe</b>"
HELP_OUTRO = (
    "Après une réponse, dites-nous si elle vous a été utile : cela nous aide à améliorer la base."
)
UNKNOWN_COMMAND = "Je ne connais pas la commande {command}. Voici celles que vous pouvez utiliser."
GROUP_HELP = (
    "<b>Groupe des conseillers</b>\n\n"
    "Chaque nouvelle demande d'élu·e arrive ici sous forme de fiche, sans coordonnées. "
    "« 🙋 Prendre en charge » vous la confie : elle vous est alors envoyée en privé, avec les "
    "coordonnées et les boutons pour répondre, fixer le rendez-vous, libérer, transférer ou "
    "clore.\n\n"
    "<b>En privé avec le bot</b>\n{commands}"
)

PRIVACY = (
    "<b>Confidentialité</b>\n\n"
    "<b>Ce que nous conservons</b> :\n"
    "• votre identifiant Telegram, votre prénom et votre nom d'utilisateur ;\n"
    "• vos questions, les réponses proposées, vos avis (« Utile » / « Pas utile ») et "
    "remarques ;\n"
    "• si vous demandez un rappel : votre collectivité et votre fonction, vos coordonnées "
    "(téléphone ou e-mail), vos créneaux, les messages échangés avec le conseiller, le "
    "rendez-vous et votre note ;\n"
    "• l'étape de la conversation en cours, pour la reprendre après une interruption.\n"
    "<b>Pourquoi</b> : vous répondre, organiser le rappel par un conseiller, et permettre à "
    "l'équipe d'améliorer la base de fiches (statistiques).\n"
    "<b>Qui le voit</b> : l'équipe de la hotline (ANCT) et les conseillers. Vos coordonnées ne "
    "sont visibles que du conseiller qui prend votre demande en charge : jamais dans le groupe "
    "des conseillers, jamais dans les journaux techniques.\n"
    "<b>Combien de temps</b> : vos coordonnées sont effacées 90 jours après la clôture de votre "
    "demande ; vos questions sont détachées de votre identité au bout d'un an (365 jours).\n"
    "<b>Vos droits</b> : /mes_donnees pour recevoir toutes vos données (fichier JSON) ; "
    "/supprimer_mes_donnees pour en demander la suppression, effective aussitôt (les demandes "
    "sont alors gardées sans aucun lien avec vous, pour les statistiques)."
)

CLARIFY = "Votre question porte-t-elle sur :"
NONE_OF_THESE = "Aucune de ces réponses"
OUT_OF_SCOPE = (
    "Je n'ai pas trouvé de fiche qui réponde à cette question. La hotline couvre la "
    "<b>participation citoyenne</b> : instances (conseils de quartier, conseils citoyens...), "
    "procédures (concertation, consultation, référendum local), méthodes (budget participatif, "
    "réunions, ateliers) et l'offre Territoires d'engagement de l'ANCT.\n\n"
    "Vous pouvez reformuler, parcourir les /themes, ou parler à un conseiller."
)
ADVISOR_OFFER = (
    "Un conseiller de la cellule de conseil et d'orientation peut vous rappeler par téléphone "
    "ou en visio."
)
ADVISOR_RECORDED = (
    "✅ Votre demande n° {number} est enregistrée. Un conseiller de la cellule de conseil et "
    "d'orientation va la prendre en charge et vous recontacter."
)
READ_FULL = "📖 Lire la fiche complète"
USEFUL = "👍 Utile"
NOT_USEFUL = "👎 Pas utile"
TALK_TO_ADVISOR = "🧑‍💼 Parler à un conseiller"
THANKS_USEFUL = "Merci pour votre retour !"
ASK_MISSING = (
    "Merci. Qu'est-ce qui manquait dans cette réponse ? Écrivez-le en une phrase, "
    "ou appuyez sur « Passer »."
)
SKIP = "Passer"
COMMENT_THANKS = "Merci, votre remarque est transmise à l'équipe qui relit les fiches."
COMMENT_SKIPPED = "Entendu. Vous pouvez poser une autre question quand vous voulez."
THEMES = "Choisissez un thème :"
THEME_ENTRIES = "<b>{label}</b> : choisissez une fiche."
BACK = "⬅️ Thèmes"
NEXT_PAGE = "Suite ➡️"
PREVIOUS_PAGE = "⬅️ Précédent"
NOT_TEXT = (
    "Je ne sais lire que les messages écrits. Posez votre question en quelques mots, "
    "ou parcourez les /themes. Pour échanger de vive voix, utilisez /conseiller."
)
EDITED = "J'ai bien vu votre message modifié ; voici ma réponse à la nouvelle version."
SOURCES = "Sources"
SIMILAR = "Voir aussi : "
RELATED = "➡️"
RELATED_INTRO = "Fiches liées"
CHOSEN = "➡️ <b>{choice}</b>"
QUOTE = "<blockquote>{question}</blockquote>\n"
YOUR_OPINION = "Votre avis : "
ERROR_GENERIC = "Désolé, un problème technique m'empêche de répondre. Réessayez dans un instant."
ERROR_UNAVAILABLE = "Le service est momentanément indisponible, réessayez dans un instant."
ERROR_ENTRY_UNAVAILABLE = "Cette fiche n'est plus disponible. Posez votre question à nouveau."
ERROR_QUESTION = (
    "Ce bouton ne correspond plus à une question en cours. Posez votre question à nouveau."
)
ERROR_NOT_YOURS = "Ce bouton ne vous est pas destiné."


# Telegram side: closing the loop and the opt-out.
ANSWER_AVAILABLE = (
    "💡 Une réponse à votre question du {asked_on} est disponible.\n{quote}"
    "\n<b>{title}</b>\n{short_answer}\n\n"
    "<i>Pour ne plus recevoir ces messages : /notifications off</i>"
)
UNDER_REVIEW = "ℹ️ Fiche en cours de mise à jour suite à une évolution des textes"
