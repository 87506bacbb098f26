"""French texts and keyboards of the ateliers interactifs and projets partagés."""

from __future__ import annotations

from datetime import datetime

from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views.appointment_time import french_date, french_day
from bot.views.callbacks import Atelier, Projet
from bot.views.notification_views import renders
from bot.views.rendering import Reply, escape, short_label
from bot.views.ticket_texts import ROLES
from routing.orientation.calendar import cycle_calendar
from routing.orientation.model import Cycle, Registration, SharedTheme
from routing.orientation.notices import OrientationKind

LABEL_MAX = 48
NO_CYCLE = (
    "Aucun cycle d'ateliers interactifs n'est ouvert aux inscriptions pour le moment. "
    "De nouveaux cycles ouvrent chaque saison : revenez voir avec /ateliers."
)
LIST_TITLE = (
    "<b>Ateliers interactifs</b> — quatre séances de 2 h en visio, entre élus et agents, "
    "gratuites. Cycles ouverts :"
)
ABOUT = "Gratuit, en visio, 2 h par séance ; une inscription par collectivité et par cycle."
ASK_COLLECTIVITE = "Pour vous inscrire : de quelle collectivité faites-vous partie ?"
ASK_ROLE = "Vous êtes :"
ASK_EMAIL = (
    "À quelle adresse e-mail l'équipe du programme peut-elle vous écrire au sujet du cycle ? "
    "Elle n'est visible que de l'équipe, jamais des autres participants."
)
COLLECTIVITE_INVALID = "Indiquez le nom de votre collectivité (entre 2 et 200 caractères)."
COMMITMENTS = (
    "<b>Avant de confirmer</b>, les participants s'engagent à :\n"
    "1. suivre les quatre séances ;\n"
    "2. venir avec une situation concrète de leur collectivité ;\n"
    "3. garder caméra et micro allumés pendant les séances."
)
ACCEPT = "✅ Je m'engage"
CANCEL = "Annuler"
WAITLIST = "📝 Liste d'attente"
RESTART = "Cette inscription n'est plus en cours. Recommencez avec /ateliers."
CANCELLED = "Inscription abandonnée. Les cycles ouverts restent visibles avec /ateliers."
TAKEN = (
    "Votre collectivité ({collectivite}) a déjà sa place dans ce cycle : elle est tenue par "
    "{holder}. Une seule inscription par collectivité et par cycle.\n\nVous pouvez prendre la "
    "liste d'attente : si la place de votre collectivité se libère, vous serez prévenu·e."
)
FULL = (
    "Ce cycle est complet ({capacity} places). Prenez la liste d'attente : si une place se "
    "libère, vous serez prévenu·e et aurez 48 heures pour la confirmer."
)
CONFIRMED = (
    "✅ <b>Inscription confirmée</b> : {theme}\n\nLes quatre séances (heure de Paris) :\n"
    "{sessions}\n\nLe lien de visio vous sera rappelé la veille et une heure avant chaque "
    "séance. Le fichier calendrier (.ics) suit."
)
WAITING = (
    "📝 Vous êtes sur la liste d'attente de <b>{theme}</b> (position {position}). Si une place "
    "se libère, vous serez prévenu·e ici."
)
ALREADY = "Vous êtes déjà inscrit·e à ce cycle ({status}). Voir /mes_inscriptions."
STATUS = {
    "confirmed": "place confirmée",
    "waiting": "liste d'attente",
    "offered": "place proposée, à confirmer",
    "cancelled": "annulée",
    "expired": "délai dépassé",
}
MINE_TITLE = "<b>Vos inscriptions aux ateliers</b>"
MINE_NONE = "Vous n'avez aucune inscription en cours. Voir les cycles ouverts : /ateliers"
ASK_CANCEL = (
    "Annuler votre inscription à <b>{theme}</b> ? Si vous teniez une place, elle sera proposée "
    "à la personne suivante."
)
YES_CANCEL, NO_KEEP = "Oui, annuler", "Non, garder"
KEPT = "Votre inscription est conservée."
CANCEL_DONE = "Votre inscription à <b>{theme}</b> est annulée."
OFFERED = (
    "🎉 Une place s'est libérée dans le cycle <b>{theme}</b> ! Vous avez jusqu'au {until} pour "
    "la confirmer ; ensuite elle sera proposée à la personne suivante.\n\n{sessions}"
)
CONFIRM_OFFER, DECLINE_OFFER = "✅ Je confirme ma place", "Je me désiste"
EXPIRED = (
    "⌛ Le délai pour confirmer votre place dans <b>{theme}</b> est passé : elle a été "
    "proposée à la personne suivante. Les cycles ouverts : /ateliers"
)
REMINDER_DAY = "⏰ Rappel : séance {number}/4 de l'atelier <b>{theme}</b> demain, {when}."
REMINDER_HOUR = "⏰ Dans une heure : séance {number}/4 de l'atelier <b>{theme}</b>, {when}."
VISIO = "Lien de visio : {link}\nCaméra et micro allumés, avec votre situation concrète."
ICS_CAPTION = "📅 Les quatre séances de « {theme} », à ajouter à votre agenda."
ICS_FILE = "atelier-{cycle}.ics"
SEE_CYCLES = "📅 Voir les ateliers ouverts"
SEE_PROJECTS = "🤝 Projets partagés"
PROJECTS_TITLE = (
    "<b>Projets partagés</b> — un accompagnement collectif sur un thème ciblé : 3 à 5 "
    "collectivités participantes, autant d'observatrices que souhaité ; chacune construit son "
    "propre plan d'action."
)
NO_PROJECT = "Aucun thème de projet partagé n'est ouvert pour le moment."
INTERESTED = "🙋 Je suis intéressé(e) : {title}"
ASK_KIND = "« {title} » : votre collectivité serait…"
KINDS = {"p": "participante", "o": "observatrice"}
INTEREST_SAVED = (
    "✅ Intérêt enregistré : {collectivite}, {kind}, pour « {title} ». L'équipe du programme "
    "vous recontactera pour former le groupe."
)
ASK_COLLECTIVITE_PROJECT = "De quelle collectivité faites-vous partie ?"
INTEREST_CANCELLED = "C'est noté : aucun intérêt n'a été enregistré. Les thèmes : /projets"
ERROR_CYCLE = "Ce cycle n'est plus ouvert aux inscriptions. Les cycles ouverts : /ateliers"
ERROR_REGISTRATION = "Cette inscription n'existe plus. Vos inscriptions : /mes_inscriptions"
ERROR_CHANGED = "Cette inscription a changé entre-temps. Vos inscriptions : /mes_inscriptions"
ERROR_THEME = "Ce thème n'est plus ouvert. Les thèmes ouverts : /projets"
ERROR_INVALID_CYCLE = "Cycle refusé : {reason}."


def short(text: str, limit: int = LABEL_MAX) -> str:
    """Shorten a label at a word boundary (never mid-word), with an ellipsis."""
    return short_label(text, limit)  # the one shortening rule of every button


def sessions_text(starts: list[datetime]) -> str:
    """The sessions as bullet lines in Paris time."""
    return "\n".join(f"• Séance {n} : {french_date(s)}" for n, s in enumerate(starts, 1))


def _starts(cycle: Cycle) -> list[datetime]:
    return [s.starts_at for s in cycle.sessions]


def _places(cycle: Cycle) -> str:
    if cycle.places_left <= 0:
        return "complet, liste d'attente possible"
    return f"{cycle.places_left} place{'s' if cycle.places_left > 1 else ''} sur {cycle.capacity}"


def cycles_list(cycles: list[Cycle]) -> Reply:
    """/ateliers: the open cycles with their dates and places left."""
    if not cycles:
        return Reply(NO_CYCLE)
    lines, keyboard = [LIST_TITLE, ""], InlineKeyboardBuilder()
    for cycle in cycles:
        first, last = cycle.sessions[0].starts_at, cycle.sessions[-1].starts_at
        lines.append(
            f"• <b>{escape(cycle.theme)}</b> — du {french_day(first)} au {french_day(last)} — "
            f"{_places(cycle)}"
        )
        keyboard.button(text=short(cycle.theme), callback_data=Atelier(a="v", c=cycle.id))
    keyboard.adjust(1)
    return Reply("\n".join(lines), keyboard.as_markup())


def cycle_detail(cycle: Cycle) -> Reply:
    """One cycle: description, the four dates, places, deadline; "S'inscrire"."""
    text = (
        f"<b>{escape(cycle.theme)}</b>\n\n{escape(cycle.description)}\n\n"
        f"{sessions_text(_starts(cycle))}\n\n{ABOUT}\nPlaces : {_places(cycle)}. "
        f"Inscriptions jusqu'au {french_date(cycle.deadline)}."
    )
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text="✍️ S'inscrire", callback_data=Atelier(a="r", c=cycle.id))
    keyboard.button(text="⬅️ Tous les ateliers", callback_data=Atelier(a="l"))
    keyboard.adjust(1)
    return Reply(text, keyboard.as_markup())


def _with_cancel(*buttons: tuple[str, Atelier], cancel=None) -> InlineKeyboardBuilder:
    keyboard = InlineKeyboardBuilder()
    for label, data in buttons:
        keyboard.button(text=label, callback_data=data)
    keyboard.button(text=CANCEL, callback_data=cancel or Atelier(a="x"))
    keyboard.adjust(1)
    return keyboard


def role_prompt() -> Reply:
    """Élu·e, agent·e or other."""
    choices = [(label, Atelier(a="role", v=value)) for value, label in ROLES.items()]
    return Reply(ASK_ROLE, _with_cancel(*choices).as_markup())


def text_prompt(text: str, project: bool = False) -> Reply:
    """A typed-answer step, with "Annuler" (of the registration, or of the interest)."""
    return Reply(text, _with_cancel(cancel=Projet(a="x") if project else None).as_markup())


def commitments(cycle_id: int, waitlist: bool) -> Reply:
    """The three commitments to accept."""
    return Reply(
        COMMITMENTS,
        _with_cancel((ACCEPT, Atelier(a="k", c=cycle_id, v="w" * waitlist))).as_markup(),
    )


def blocked(status: str, cycle: Cycle, collectivite: str, holder: str) -> Reply:
    """Taken by the collectivité, or full: offer the waiting list."""
    if status == "taken":
        text = TAKEN.format(
            collectivite=escape(collectivite), holder=escape(holder or "un·e collègue")
        )
    else:
        text = FULL.format(capacity=cycle.capacity)
    return Reply(text, _with_cancel((WAITLIST, Atelier(a="w", c=cycle.id))).as_markup())


def confirmed(cycle: Cycle) -> Reply:
    """The place is confirmed, with the dates."""
    return Reply(
        CONFIRMED.format(theme=escape(cycle.theme), sessions=sessions_text(_starts(cycle)))
    )


def waiting(cycle: Cycle, position: int) -> Reply:
    """On the waiting list."""
    return Reply(WAITING.format(theme=escape(cycle.theme), position=position))


def already(registration: Registration) -> Reply:
    """Already in this cycle."""
    return Reply(ALREADY.format(status=STATUS[registration.status]))


def mine(pairs: list[tuple[Registration, Cycle]], positions: dict[int, int]) -> Reply:
    """/mes_inscriptions: each active registration, with a cancel button."""
    if not pairs:
        return Reply(MINE_NONE)
    lines, keyboard = [MINE_TITLE, ""], InlineKeyboardBuilder()
    for registration, cycle in pairs:
        status = STATUS[registration.status]
        if positions.get(registration.id):
            status += f" (position {positions[registration.id]})"
        lines.append(
            f"• <b>{escape(cycle.theme)}</b> — {status} — première séance "
            f"{french_date(cycle.sessions[0].starts_at)}"
        )
        if registration.status == "offered":
            keyboard.button(text=CONFIRM_OFFER, callback_data=Atelier(a="o", r=registration.id))
        label = short(f"Annuler : {cycle.theme}")
        keyboard.button(text=label, callback_data=Atelier(a="c", r=registration.id))
    keyboard.adjust(1)
    return Reply("\n".join(lines), keyboard.as_markup())


def ask_cancel(registration: Registration, cycle: Cycle) -> Reply:
    """Confirm a cancellation."""
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=YES_CANCEL, callback_data=Atelier(a="cy", r=registration.id))
    keyboard.button(text=NO_KEEP, callback_data=Atelier(a="cn", r=registration.id))
    return Reply(ASK_CANCEL.format(theme=escape(cycle.theme)), keyboard.as_markup())


def offered(payload: dict) -> Reply:
    """A place freed up: confirm or decline within 48 hours."""
    starts = [datetime.fromisoformat(s) for s in payload["sessions"]]
    text = OFFERED.format(
        theme=escape(payload["theme"]),
        until=french_date(datetime.fromisoformat(payload["until"])),
        sessions=sessions_text(starts),
    )
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=CONFIRM_OFFER, callback_data=Atelier(a="o", r=payload["registration"]))
    keyboard.button(text=DECLINE_OFFER, callback_data=Atelier(a="c", r=payload["registration"]))
    keyboard.adjust(1)
    return Reply(text, keyboard.as_markup())


def reminder(payload: dict) -> Reply:
    """The day before or an hour before a session, with the visio link."""
    template = REMINDER_DAY if payload["which"] == "day" else REMINDER_HOUR
    head = template.format(
        number=payload["number"],
        theme=escape(payload["theme"]),
        when=french_date(datetime.fromisoformat(payload["at"])),
    )
    return Reply(f"{head}\n{VISIO.format(link=escape(payload['link']))}")


def entry_buttons(keyboard: InlineKeyboardBuilder, slug: str, cycles: list[Cycle]) -> None:
    """Buttons an answer carries towards the matching cycles or the projets partagés."""
    if slug == "projets-partages":
        keyboard.button(text=SEE_PROJECTS, callback_data=Projet(a="l"))
    if slug == "ateliers-interactifs" or len(cycles) > 1:
        keyboard.button(text=SEE_CYCLES, callback_data=Atelier(a="l"))
    elif cycles:
        label = short(f"📅 Atelier : {cycles[0].theme}")
        keyboard.button(text=label, callback_data=Atelier(a="v", c=cycles[0].id))


def projects(themes: list[SharedTheme]) -> Reply:
    """/projets: the open themes with "Je suis intéressé(e)"."""
    if not themes:
        return Reply(f"{PROJECTS_TITLE}\n\n{NO_PROJECT}")
    lines, keyboard = [PROJECTS_TITLE, ""], InlineKeyboardBuilder()
    for theme in themes:
        lines.append(f"• <b>{escape(theme.title)}</b> — {escape(theme.description)}")
        keyboard.button(
            text=short(INTERESTED.format(title=theme.title), 60),
            callback_data=Projet(a="i", t=theme.id),
        )
    keyboard.adjust(1)
    return Reply("\n".join(lines), keyboard.as_markup())


def kind_prompt(theme: SharedTheme) -> Reply:
    """Participant or observer."""
    keyboard = InlineKeyboardBuilder()
    for key, label in KINDS.items():
        keyboard.button(text=label.capitalize(), callback_data=Projet(a="k", t=theme.id, k=key))
    return Reply(ASK_KIND.format(title=escape(theme.title)), keyboard.as_markup())


def interest_saved(theme: SharedTheme, collectivite: str, kind: str) -> Reply:
    """The interest is recorded."""
    return Reply(
        INTEREST_SAVED.format(
            collectivite=escape(collectivite), kind=KINDS[kind], title=escape(theme.title)
        )
    )


# -- outbox notifications ------------------------------------------------------------------
def _confirmed_notice(payload: dict, now: datetime) -> Reply:
    starts = [datetime.fromisoformat(s) for s in payload["sessions"]]
    data = cycle_calendar(payload["cycle"], payload["theme"], starts, payload["link"])
    name = ICS_FILE.format(cycle=payload["cycle"])
    return Reply(ICS_CAPTION.format(theme=escape(payload["theme"])), document=(name, data))


def _expired_notice(payload: dict, now: datetime) -> Reply:
    return Reply(EXPIRED.format(theme=escape(payload["theme"])))


def register_renderers() -> None:
    """Register the orientation notifications with the outbox renderer (idempotent)."""
    renders(OrientationKind.CONFIRMED)(_confirmed_notice)
    renders(OrientationKind.OFFERED)(lambda payload, now: offered(payload))
    renders(OrientationKind.EXPIRED)(_expired_notice)
    renders(OrientationKind.REMINDER)(lambda payload, now: reminder(payload))
