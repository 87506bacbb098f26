"""Entry Markdown to Telegram HTML, message splitting, and button payload sizes."""

from html.parser import HTMLParser

from bot.views.callbacks import Choice, EntryAction, Feedback
from bot.views.markdown_html import markdown_to_html, split_message
from bot.views.rendering import answer_entry, full_text
from knowledge.catalogue.service import SEED_DIR, read_entries
from knowledge.entries.records import Source
from tests.fakes import make_entry

ALLOWED = {"b", "i", "a", "code"}


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


def test_links_between_entries_are_shown_as_text():
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
