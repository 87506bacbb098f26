"""French (and one English) texts for small talk, other languages, follow-ups and rephrasing."""

# Small talk, by kind (routing/answers/data/small_talk.yaml). Short, in kind, and pointing to
# what the bot does; kinds that may come from a newcomer show the /start examples.
SMALL_TALK = {
    "greeting": (
        "Bonjour 👋 Je suis l'assistant de la hotline participation citoyenne. Posez-moi votre "
        "question en quelques mots, ou essayez un exemple :"
    ),
    "thanks": "Avec plaisir ! Une autre question ? Écrivez-la simplement ici.",
    "goodbye": "Au revoir et bonne continuation ! Je reste disponible ici quand vous voulez.",
    "identity": (
        "Je suis l'assistant automatique de la <b>hotline participation citoyenne</b> "
        "(programme « Territoires d'engagement » de l'ANCT). Je réponds aux élus et aux agents "
        "à partir de fiches relues par l'équipe, et je peux vous mettre en relation avec un "
        "conseiller (/conseiller). Essayez par exemple :"
    ),
    "abilities": (
        "Je réponds aux questions sur la participation des habitants : cadre juridique "
        "(référendum local, concertation, pétition...), méthodes (budget participatif, réunions, "
        "ateliers) et l'offre Territoires d'engagement. Écrivez votre question librement, "
        "parcourez les /themes, ou demandez un conseiller avec /conseiller. Par exemple :"
    ),
    "acknowledgement": "Très bien. Si vous avez une autre question, écrivez-la simplement ici.",
    "unclear": (
        "Je n'ai pas bien compris. Écrivez votre question en une phrase (par exemple la "
        "situation que vous rencontrez), ou essayez un exemple :"
    ),
}
# The kinds whose reply shows the example questions of /start.
WITH_EXAMPLES = frozenset({"greeting", "identity", "abilities", "unclear"})

OTHER_LANGUAGE = {
    "en": (
        "This service answers in French only: it helps French local officials with citizen "
        "participation. Please write your question in French, or ask for an advisor with "
        "/conseiller."
    ),
}
OTHER_LANGUAGE_DEFAULT = (
    "Ce service répond uniquement en français. Pouvez-vous écrire votre question en français ? "
    "Pour parler à un conseiller : /conseiller"
)

FOLLOW_UP = (
    "Votre demande <b>n° {number}</b> est <b>{status}</b>.\n<i>{question}</i>\n\n"
    "Vous pouvez y ajouter une précision, ou suivre toutes vos demandes avec /mes_demandes."
)
ADD_TO_REQUEST = "Ajouter à ma demande n° {number}"

# After "Aucune de ces réponses": rephrase first, a human next (Rasa's two-stage fallback).
NONE_FITS = (
    "Dommage. Vous pouvez reformuler votre question avec d'autres mots (la situation concrète, "
    "le projet concerné), ou en parler à un conseiller."
)
REPHRASE = "Reformuler"
TALK_TO_ADVISOR = "Parler à un conseiller"
REPHRASE_PROMPT = (
    "D'accord : écrivez votre question autrement, par exemple en décrivant la situation ou ce "
    "que vous voulez faire."
)
