"""The sandbox's parse_mode=HTML parser follows Telegram's rules and messages."""

from __future__ import annotations

import pytest

from bot.sandbox.botapi.formatting import EntityParseError, parse_html


def test_nested_tags_become_sorted_entities_with_utf16_offsets() -> None:
    text, entities = parse_html("😀 <b>Bonjour <i>à vous</i></b>")
    assert text == "😀 Bonjour à vous"
    assert entities == [
        {"offset": 3, "length": 14, "type": "bold"},
        {"offset": 11, "length": 6, "type": "italic"},
    ]


def test_only_four_named_entities_are_decoded_and_others_stay_literal() -> None:
    text, _ = parse_html("&lt;b&gt; &amp; &quot; &#233; &#x1F44D; &nbsp; AT&T")
    assert text == '<b> & " é 👍 &nbsp; AT&T'


def test_links_code_blocks_spoilers_and_quotes_map_to_telegram_entity_types() -> None:
    source = (
        '<a href="https://example.org/?a=1&amp;b=2">guide</a> '
        '<pre><code class="language-python">x = 1</code></pre> '
        '<span class="tg-spoiler">s</span> <tg-spoiler>t</tg-spoiler> '
        "<blockquote expandable>q</blockquote> <s>r</s> <u>u</u> <code>c</code>"
    )
    _, entities = parse_html(source)
    by_type = {entity["type"]: entity for entity in entities}
    assert by_type["text_link"]["url"] == "https://example.org/?a=1&b=2"
    assert by_type["pre"]["language"] == "python"
    assert "code" in by_type
    assert [e["type"] for e in entities].count("spoiler") == 2
    assert {"expandable_blockquote", "strikethrough", "underline"} <= by_type.keys()


def test_surrounding_whitespace_is_trimmed_and_entities_follow() -> None:
    assert parse_html("  <b> gras </b>  ") == ("gras", [{"offset": 0, "length": 4, "type": "bold"}])


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<p>x</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("é<div>", 'Unsupported start tag "div" at byte offset 2'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
    ],
)
def test_malformed_markup_is_rejected_with_telegram_description(source: str, message: str) -> None:
    with pytest.raises(EntityParseError) as error:
        parse_html(source)
    assert str(error.value) == f"can't parse entities: {message}"
