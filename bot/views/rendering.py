"""Turn service results into Telegram messages: escaped HTML text and inline keyboards."""

from __future__ import annotations

import html
from dataclasses import dataclass

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views import texts
from bot.views.callbacks import Advisor, Choice, EntryAction, Example, Feedback, Theme
from bot.views.markdown_html import render_markdown, split_message
from knowledge.entries.records import Entry
from routing.answers.decision import DecisionKind
from routing.answers.hotline import Asked

THEME_PAGE = 8
LABEL_LIMIT = 40  # what a phone shows of a one-button row without cutting it itself
# Never end a shortened label on one of these: "parler à un…" reads as a cut.
_DANGLING = {"à", "a", "au", "aux", "de", "des", "du", "en", "et", "la", "le", "les", "ou"}
_DANGLING |= {"par", "pour", "sa", "se", "son", "sur", "un", "une", "vos", "votre"}


@dataclass(frozen=True)
class Reply:
    """One message to send: HTML text and optional buttons; with `document` (file name,
    bytes) it is sent as that file, the text as its caption."""

    text: str
    markup: InlineKeyboardMarkup | None = None
    document: tuple[str, bytes] | None = None


def escape(text: str) -> str:
    """Escape user or content text for an HTML message."""
    return html.escape(text, quote=False)


def short_label(text: str, limit: int = LABEL_LIMIT) -> str:
    """Shorten a button label at a word boundary, with "…" when something was left out."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    words = text[: limit - 1].split(" ")  # room for the "…"
    if text[limit - 1] != " ":
        words.pop()  # the last word was cut
    whole = list(words)
    while words and (
        _dangling(words[-1])
        or not any(c.isalnum() for c in words[-1])
        or " ".join(words).count("(") > " ".join(words).count(")")  # "(A…" reads as a cut
    ):
        words.pop()
    # Only small words, or a word longer than the label: keep what there is.
    kept = " ".join(words or whole).rstrip(" ,;:–—-«") or text[: limit - 1]
    return f"{kept}…"


def _dangling(word: str) -> bool:
    # "d'une", "l'", "qu'un": an elided article or preposition is as dangling as "une".
    tail = word.lower().replace("’", "'").rsplit("'", 1)[-1]
    return tail in _DANGLING or tail == ""


def with_choice(html_text: str, choice: str) -> str:
    """A prompt's text followed by the choice made, once its buttons are gone."""
    return f"{html_text}\n\n{texts.CHOSEN.format(choice=escape(choice))}"


def welcome(first_name: str) -> Reply:
    """The /start message with the example questions as buttons."""
    keyboard = InlineKeyboardBuilder()
    for number, example in enumerate(texts.EXAMPLES):
        keyboard.button(text=short_label(example), callback_data=Example(n=number))
    keyboard.adjust(1)
    name = escape(first_name) if first_name else ""
    return Reply(
        texts.WELCOME.format(name=name).replace("Bonjour  ", "Bonjour "), keyboard.as_markup()
    )


def answer_entry(entry: Entry, question_id: int) -> Reply:
    """The short answer with its sources and the follow-up buttons."""
    lines = [f"<b>{escape(entry.title)}</b>", "", escape(entry.short_answer)]
    if entry.under_review:
        lines += ["", f"<i>{texts.UNDER_REVIEW}</i>"]
    if entry.sources:
        lines += ["", f"<i>{texts.SOURCES}</i>"]
        lines += [f"• {_source(s.label, s.url)}" for s in entry.sources[:5]]
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=texts.READ_FULL, callback_data=EntryAction(a="f", s=entry.slug, q=question_id)
    )
    if question_id:
        keyboard.button(text=texts.USEFUL, callback_data=Feedback(q=question_id, s=entry.slug, u=1))
        keyboard.button(
            text=texts.NOT_USEFUL, callback_data=Feedback(q=question_id, s=entry.slug, u=0)
        )
    keyboard.button(text=texts.TALK_TO_ADVISOR, callback_data=Advisor(q=question_id))
    keyboard.adjust(1, 2, 1) if question_id else keyboard.adjust(1)
    return Reply("\n".join(lines), keyboard.as_markup())


def _source(label: str, url: str | None) -> str:
    if url:
        return f'<a href="{html.escape(url, quote=True)}">{escape(label)}</a>'
    return escape(label)


def decision_reply(asked: Asked) -> Reply:
    """The reply to a free-text question, by decision."""
    decision, entries = asked.decision, asked.entries
    best = decision.best
    if decision.kind == DecisionKind.ANSWER and best and best.slug in entries:
        return answer_entry(entries[best.slug], asked.question_id)
    if decision.kind == DecisionKind.CLARIFY:
        choices = [entries[c.slug] for c in decision.choices(3) if c.slug in entries]
        if choices:
            return clarify(choices, asked.question_id)
    if decision.kind == DecisionKind.ESCALATE:
        return advisor_offer(asked.question_id, texts.ADVISOR_OFFER)
    return advisor_offer(asked.question_id, texts.OUT_OF_SCOPE)


def clarify(choices: list[Entry], question_id: int) -> Reply:
    """Ask which of the close entries the question is about: full titles above, buttons below."""
    keyboard = InlineKeyboardBuilder()
    lines = [texts.CLARIFY, ""]
    for number, entry in enumerate(choices, start=1):
        lines.append(f"{number}. {escape(entry.title)}")
        label = short_label(f"{number}. {entry.title}")
        keyboard.button(text=label, callback_data=Choice(q=question_id, s=entry.slug))
    keyboard.button(text=texts.NONE_OF_THESE, callback_data=Choice(q=question_id, s="-"))
    keyboard.adjust(1)
    return Reply("\n".join(lines), keyboard.as_markup())


def advisor_offer(question_id: int, text: str) -> Reply:
    """Offer to talk to an advisor."""
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=texts.TALK_TO_ADVISOR, callback_data=Advisor(q=question_id))
    return Reply(text, keyboard.as_markup())


def full_text(entry: Entry, related: dict[str, str] | None = None) -> list[str]:
    """The whole entry as one or more messages under Telegram's size limit.

    `related` (slug to title) lists the linked entries by their full titles at the end, numbered
    like the buttons of `related_buttons`.
    """
    sources = "\n".join(f"• {_source(s.label, s.url)}" for s in entry.sources)
    body = render_markdown(entry.body).html
    document = f"<b>{escape(entry.title)}</b>\n\n{body}"
    if entry.under_review:
        document = f"<b>{escape(entry.title)}</b>\n<i>{texts.UNDER_REVIEW}</i>\n\n{body}"
    if sources:
        document += f"\n\n<b>{texts.SOURCES}</b>\n{sources}"
    if related:
        titles = [f"{n}. {escape(title)}" for n, title in enumerate(related.values(), start=1)]
        document += "\n\n" + "\n".join([f"<b>{texts.RELATED_INTRO}</b>", *titles])
    return split_message(document)


def linked_entries(entry: Entry) -> list[str]:
    """The slugs of the entries an entry's text links to (`fiche:slug`), in order."""
    return render_markdown(entry.body).linked


def related_buttons(titles: dict[str, str]) -> InlineKeyboardMarkup | None:
    """One numbered button per linked entry (slug to title), opening its short answer."""
    if not titles:
        return None
    keyboard = InlineKeyboardBuilder()
    for number, (slug, title) in enumerate(titles.items(), start=1):
        label = short_label(f"{texts.RELATED} {number}. {title}")
        keyboard.button(text=label, callback_data=EntryAction(a="s", s=slug))
    keyboard.adjust(1)
    return keyboard.as_markup()


def theme_groups(groups: dict[str, list[Entry]]) -> Reply:
    """The list of groups of the knowledge base."""
    keyboard = InlineKeyboardBuilder()
    for group, entries in groups.items():
        label = f"{texts.GROUP_LABELS.get(group, group)} ({len(entries)})"
        keyboard.button(text=label, callback_data=Theme(g=group))
    keyboard.adjust(1)
    return Reply(texts.THEMES, keyboard.as_markup())


def theme_entries(group: str, entries: list[Entry], page: int) -> Reply:
    """One page of the entries of a group."""
    pages = max(1, -(-len(entries) // THEME_PAGE))
    page = min(max(page, 0), pages - 1)
    keyboard = InlineKeyboardBuilder()
    shown = entries[page * THEME_PAGE : (page + 1) * THEME_PAGE]
    for number, entry in enumerate(shown, start=page * THEME_PAGE + 1):
        label = short_label(f"{number}. {entry.title}")
        keyboard.button(text=label, callback_data=EntryAction(a="t", s=entry.slug))
    keyboard.adjust(1)
    navigation = InlineKeyboardBuilder()
    if page > 0:
        navigation.button(text=texts.PREVIOUS_PAGE, callback_data=Theme(g=group, p=page - 1))
    navigation.button(text=texts.BACK, callback_data=Theme(g=""))
    if page < pages - 1:
        navigation.button(text=texts.NEXT_PAGE, callback_data=Theme(g=group, p=page + 1))
    keyboard.attach(navigation)
    label = escape(texts.GROUP_LABELS.get(group, group))
    suffix = f" ({page + 1}/{pages})" if pages > 1 else ""
    titles = [f"{n}. {escape(e.title)}" for n, e in enumerate(shown, start=page * THEME_PAGE + 1)]
    text = texts.THEME_ENTRIES.format(label=label) + suffix
    return Reply("\n".join([text, "", *titles]), keyboard.as_markup())
