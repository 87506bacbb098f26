"""/mes_donnees for a French reader: French keys and values, dates in Paris time, a short guide."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
GUIDE = (
    "Ce fichier contient toutes les données que la hotline participation citoyenne conserve "
    "sur vous, rubrique par rubrique. Les dates sont à l'heure de Paris (JJ/MM/AAAA HH:MM). "
    "« [effacé] » signale un texte déjà effacé. Pour toute question : /confidentialite."
)
KEYS = {
    "user_id": "identifiant_telegram",
    "generated_at": "fichier_créé_le",
    "retention_days": "durées_de_conservation_en_jours",
    "contact_details_after_resolution": "coordonnées_après_clôture_de_la_demande",
    "conversations": "questions_avant_anonymisation",
    "profile": "profil",
    "id": "numéro",
    "first_name": "prénom",
    "username": "nom_d_utilisateur",
    "role": "rôle",
    "created_at": "créé_le",
    "last_seen_at": "dernière_visite_le",
    "questions": "questions",
    "text": "texte",
    "decision": "suite_donnée",
    "confidence": "confiance",
    "candidates": "fiches_proches",
    "chosen_slug": "fiche_choisie",
    "feedback": "avis",
    "question_id": "numéro_de_question",
    "slug": "fiche",
    "useful": "utile",
    "comment": "remarque",
    "advisor_requests": "demandes_de_conseiller",
    "origin": "origine",
    "conversation_states": "conversation_en_cours",
    "key": "clé",
    "state": "étape",
    "data": "données",
    "at": "le",
    "tickets": "demandes_de_rappel",
    "number": "numéro",
    "status": "état",
    "question": "question",
    "collectivite": "collectivité",
    "channel": "moyen_de_rappel",
    "phone": "téléphone",
    "email": "e_mail",
    "slots": "créneaux_souhaités",
    "consent": "accord_pour_être_recontacté",
    "claimed_at": "prise_en_charge_le",
    "resolved_at": "traitée_le",
    "appointment": "rendez_vous",
    "appointment_link": "lien_de_la_visio",
    "resolution": "réponse_du_conseiller",
    "rating": "note",
    "rating_comment": "commentaire_de_la_note",
    "events": "historique",
    "kind": "événement",
    "detail": "détail",
    "advisor": "profil_de_conseiller",
    "display_name": "nom_affiché",
    "active": "actif",
    "skills": "compétences",
    "answer_notifications": "avis_de_nouvelle_réponse",
    "wanted": "souhaités",
    "sent": "envoyés",
    "backoffice": "back_office",
    "sign_in_links": "liens_de_connexion",
    "used_at": "utilisé_le",
    "sessions": "sessions",
    "ended_at": "terminée_le",
    "actions": "actions",
    "action": "action",
    "target": "objet",
    "block": "blocage",
    "reason": "motif",
    "blocked_at": "bloqué_le",
    "undelivered_messages": "messages_non_remis",
    "method": "méthode",
    "payload": "contenu",
    "delivered_at": "remis_le",
    # Ateliers and shared projects.
    "orientation_profile": "profil_ateliers_et_projets",
    "ateliers": "inscriptions_aux_ateliers",
    "projets_partages": "projets_partagés",
    "updated_at": "mis_à_jour_le",
    "attendance": "présence_par_séance",
    "theme_id": "thème",
    # The conversation in progress (the bot's own working data).
    "known": "informations_de_la_dernière_demande",
    "offered": "créneaux_proposés",
    "chosen": "créneaux_choisis",
    "editing": "modification_en_cours",
    "last_question": "dernière_question",
    "pending": "message_en_attente",
    "ticket_id": "numéro_de_demande",
    "stars": "note",
}
VALUES = {
    "decision": {
        "answer": "réponse donnée",
        "clarify": "choix de fiches proposé",
        "escalate": "orientée vers un conseiller",
        "out_of_scope": "hors du champ de la hotline",
    },
    "status": {
        "new": "en attente d'un conseiller",
        "claimed": "prise en charge",
        "scheduled": "rendez-vous prévu",
        "waiting_official": "en attente de votre réponse",
        "resolved": "traitée",
        "cancelled": "annulée",
        "confirmed": "inscription confirmée",
        "waiting": "sur liste d'attente",
        "offered": "place proposée",
        "expired": "proposition expirée",
    },
    "role": {
        "official": "élu·e ou agent·e",
        "elu": "élu·e",
        "agent": "agent·e de la collectivité",
        "autre": "autre",
        "advisor": "conseiller·ère",
        "staff": "équipe",
    },
    "channel": {"telephone": "téléphone", "visio": "visio"},
    "kind": {
        "created": "demande créée",
        "claimed": "prise en charge",
        "released": "remise dans la file",
        "transferred": "transférée",
        "booked": "rendez-vous proposé",
        "confirmed": "rendez-vous confirmé",
        "reslot_asked": "autre créneau demandé",
        "relayed_to_advisor": "message au conseiller",
        "relayed_to_official": "message du conseiller",
        "detail_added": "précision ajoutée",
        "resolved": "traitée",
        "cancelled": "annulée",
        "rated": "notée",
        "reminded": "rappel envoyé",
        "sla_reminded": "relance de l'équipe",
        "draft_created": "brouillon de fiche proposé",
        "participant": "participant·e",
        "observer": "observateur·rice",
    },
}
# The same English key means something else in some places.
IN_CONTEXT = {("projets_partages", "kind"): "participation"}
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def french_export(data: dict[str, Any]) -> dict[str, Any]:
    """The export with a guide first, then French keys, French values and Paris dates."""
    return {"à_lire": GUIDE, **_french(data)}


def _french(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {_key(key, k): _french(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_french(item, key) for item in value]
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, str):
        if _MOMENT.match(value):
            return french_moment(value)
        return VALUES.get(key, {}).get(value, value)
    return value


def _key(parent: str, key: str) -> str:
    return IN_CONTEXT.get((parent, key)) or KEYS.get(key, key)


def french_moment(value: str) -> str:
    """An ISO date-time (naive means UTC) as JJ/MM/AAAA HH:MM in Paris; other text unchanged."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")
