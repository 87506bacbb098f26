"""Entry Markdown to Telegram HTML, message splitting, and button payload sizes."""

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.views.callbacks import Choice, EntryAction, Feedback
from bot.views.markdown_html import markdown_to_html, render_markdown, split_message
from bot.views.rendering import (
    answer_entry,
    clarify,
    escape,
    full_text,
    short_label,
    with_choice,
)
from knowledge.catalogue.service import SEED_DIR, read_entries
from knowledge.entries.records import Source
from tests.fakes import make_entry

ALLOWED = {"b", "i", "a", "code", "blockquote", "pre", "s"}


class TagChecker(HTMLParser):
    """Fail on tags Telegram refuses or on unbalanced tags."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        assert tag in ALLOWED, tag
        self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open.pop() == tag, tag


def well_formed(text: str) -> bool:
    checker = TagChecker()
    checker.feed(text)
    checker.close()
    return not checker.open


def test_headings_bold_lists_and_links_become_telegram_html():
    html = markdown_to_html("## Étapes\n\n- **Règlement** adopté\n- voir [CGCT](https://x.fr)")
    assert html == (
        '<b>Étapes</b>\n\n• <b>Règlement</b> adopté\n• voir <a href="https://x.fr">CGCT</a>'
    )


def test_html_in_content_is_escaped_not_interpreted():
    assert markdown_to_html("<script>alert(1)</script> & co") == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
    )


def test_links_between_entries_are_shown_as_italics():
    assert markdown_to_html("[la consultation](fiche:consultation-locale)") == (
        "<i>la consultation</i>"
    )


def test_a_javascript_link_is_not_made_clickable():
    assert "<a" not in markdown_to_html("[x](javascript:alert(1))")


def test_long_text_is_split_at_paragraphs_under_the_limit():
    text = "\n\n".join(f"<b>Partie {i}</b>\n" + "mot " * 300 for i in range(12))
    parts = split_message(text, limit=4096)
    assert len(parts) > 1
    assert all(len(p) <= 4096 and well_formed(p) for p in parts)
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")


def test_every_shipped_entry_renders_to_well_formed_parts():
    for _where, entry in read_entries(SEED_DIR):
        for part in full_text(entry):
            assert len(part) <= 4096 and well_formed(part), entry.slug
        assert well_formed(answer_entry(entry, 123456789).text), entry.slug


def test_user_controlled_titles_and_sources_are_escaped():
    entry = make_entry(title="<b>x</b> & y", sources=(Source("<i>", 'https://a.fr?q=1&r="2"'),))
    text = answer_entry(entry, 1).text
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in text
    assert 'href="https://a.fr?q=1&amp;r=&quot;2&quot;"' in text


def test_button_payloads_stay_under_64_bytes_for_the_longest_slug():
    slug = "x" * 48  # the longest slug validation allows
    big = 2**31 - 1
    for payload in (
        EntryAction(a="f", s=slug, q=big),
        Feedback(q=big, s=slug, u=0),
        Choice(q=big, s=slug),
    ):
        assert len(payload.pack().encode()) <= 64, payload


# -- issue 11: entries reflowed, no Markdown left, labels cut between words -----------------
LEFTOVERS = (r"\*\*", "__", r"\]\(", r"(?m)^\s*#", r"\|", r"(?m)^\s*[*+-] ", "fiche:")


def plain(html_text: str) -> str:
    """What the reader sees once Telegram has applied the tags."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def test_no_shipped_entry_leaves_markdown_syntax_in_its_full_text():
    for _where, entry in read_entries(SEED_DIR):
        text = plain("\n\n".join(full_text(entry)))
        found = [pattern for pattern in LEFTOVERS if re.search(pattern, text)]
        assert found == [], (entry.slug, found)


def test_bold_and_links_that_span_source_lines_come_out_whole_and_paragraphs_reflow():
    source = "Une **enveloppe\nvotée** et un [guide\npratique](https://x.fr/g).\nSuite."
    assert markdown_to_html(source) == (
        'Une <b>enveloppe votée</b> et un <a href="https://x.fr/g">guide pratique</a>. Suite.'
    )


def test_headings_nested_and_numbered_lists_tables_and_quotes_have_telegram_forms():
    source = (
        "# Titre\n\nTexte.\n\n1. un\n2. deux\n   - sous-point\n\n"
        "| Qui | Quoi |\n|---|---|\n| Maire | Décide |\n\n> Citation\n> suite"
    )
    assert markdown_to_html(source) == (
        "<b>Titre</b>\n\nTexte.\n\n1. un\n2. deux\n   • sous-point\n\n"
        "• Qui — Quoi\n• Maire — Décide\n\n<blockquote>Citation suite</blockquote>"
    )


def test_links_to_other_entries_are_collected_once_in_order():
    rendered = render_markdown("[a](fiche:x) puis [b](fiche:y) et [a encore](fiche:x)")
    assert rendered.linked == ["x", "y"]
    assert rendered.html == "<i>a</i> puis <i>b</i> et <i>a encore</i>"


def test_a_single_line_longer_than_a_message_is_cut_between_words_with_tags_balanced():
    line = "<b>" + "mot " * 800 + "</b> " + '<a href="https://x.fr">lien</a> ' + "fin " * 600
    parts = split_message(line, limit=1000)
    assert len(parts) > 1
    assert all(len(p) <= 1000 and well_formed(p) for p in parts)
    assert plain(" ".join(parts)).split() == plain(line).split()


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Parler à un conseiller de la cellule de conseil",
            "Parler à un conseiller de la cellule…",
        ),
        (
            "Moyens humains et financiers (AMO, coûts, financements)",
            "Moyens humains et financiers…",
        ),
        (
            "Le café citoyen : un thé pour discuter ensemble",
            "Le café citoyen : un thé pour discuter…",
        ),
        ("Une réunion publique dans la salle des fêtes de", "Une réunion publique dans la salle…"),
        ("Court", "Court"),
    ],
)
def test_labels_are_shortened_between_words_never_on_a_dangling_word(title, expected):
    assert short_label(title) == expected


@given(st.lists(st.text(alphabet="abcdéè()", min_size=1, max_size=15), min_size=1, max_size=12))
def test_a_shortened_label_is_whole_words_of_the_title_then_an_ellipsis(words):
    title = " ".join(words)
    label = short_label(title, limit=30)
    assert len(label) <= 30
    if label != title:
        kept = label.removesuffix("…").split()
        assert label.endswith("…")
        if len(title.split()[0]) < 30:  # else no word boundary is short enough
            assert kept == title.split()[: len(kept)]


def test_the_clarify_question_lists_full_titles_and_buttons_stay_short():
    long_title = "Moyens humains et financiers d'une démarche participative (AMO, coûts)"
    reply = clarify([make_entry(slug="a", title=long_title)], 7)
    assert f"1. {escape(long_title)}" in reply.text
    [label, _none] = [b.text for row in reply.markup.inline_keyboard for b in row]
    assert label.endswith("…") and len(label) <= 40


def test_the_choice_shown_after_a_press_is_escaped():
    assert (
        with_choice("<b>Question</b>", "<script>") == "<b>Question</b>\n\n➡️ <b>&lt;script&gt;</b>"
    )
