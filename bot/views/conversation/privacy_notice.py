"""/confidentialite: who processes what, why, on which legal basis, how long, and the rights."""

from __future__ import annotations

from bot.views.rendering import escape

NOTICE = (
    "<b>Confidentialité</b>\n\n"
    "<b>Responsable du traitement</b> : {controller}\n"
    "<b>Contact pour vos données</b> : {contact}\n"
    "<b>Base légale</b> : mission d'intérêt public confiée à l'ANCT (RGPD, article 6.1.e) : "
    "accompagner les collectivités dans la participation citoyenne.\n\n"
    "<b>Ce que nous conservons</b> :\n"
    "• votre identifiant Telegram, votre prénom et votre nom d'utilisateur ;\n"
    "• vos questions, les réponses proposées, vos avis (« Utile » / « Pas utile ») et "
    "remarques ;\n"
    "• si vous demandez un rappel : votre collectivité et votre fonction, vos coordonnées "
    "(téléphone ou e-mail), vos créneaux, les messages échangés avec le conseiller, le "
    "rendez-vous et votre note ; elles servent à préremplir votre demande suivante, que vous "
    "pouvez modifier ;\n"
    "• l'étape de la conversation en cours, pour la reprendre après une interruption.\n"
    "<b>Pourquoi</b> : vous répondre, organiser le rappel par un conseiller, et améliorer la "
    "base de fiches (statistiques).\n"
    "<b>Qui le voit</b> : l'équipe de la hotline et les conseillers. Vos coordonnées ne sont "
    "visibles que du conseiller qui prend votre demande en charge : jamais dans le groupe des "
    "conseillers, jamais dans les journaux techniques. Les messages transitent par Telegram, "
    "qui applique sa propre politique de confidentialité.\n"
    "<b>Combien de temps</b> : vos coordonnées sont effacées {contact_days} jours après la "
    "clôture de votre demande ; vos questions sont détachées de votre identité au bout de "
    "{conversation_days} jours.\n\n"
    "<b>Vos droits</b> : accès, rectification, effacement, limitation et opposition.\n"
    "• /mes_donnees : recevoir toutes vos données (fichier) ;\n"
    "• /supprimer_mes_donnees : les effacer, aussitôt (les demandes sont alors gardées sans "
    "aucun lien avec vous, pour les statistiques) ;\n"
    "• pour les autres droits, écrivez à {contact}.\n"
    "Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation "
    'à la CNIL : <a href="https://www.cnil.fr/fr/plaintes">cnil.fr</a>.'
)


def privacy_notice(controller: str, contact: str, contact_days: int, conversation_days: int):
    """The /confidentialite message, from the settings' controller, contact and retention."""
    return NOTICE.format(
        controller=escape(controller),
        contact=escape(contact),
        contact_days=contact_days,
        conversation_days=conversation_days,
    )
