"""The sandbox page in headless Chromium: an official asks the real bot and reads the answer."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.browser.chromium import CHROMIUM

if CHROMIUM is None:
    pytest.skip(
        "no Chromium binary on PATH (chromium or chromium-browser); "
        "install Debian's package with `sudo make system-deps`",
        allow_module_level=True,
    )

WAIT = 15_000  # ms; a ceiling for slow machines, not a speed requirement
TITLE = "Mettre en place un budget participatif, même dans une petite commune"


async def ask(page, question: str):
    """Type a question in the official's pane, send it, return the pane."""
    pane = page.get_by_test_id("official-pane")
    # The page picks the official once it has read the sandbox state.
    await expect(page.get_by_test_id("official-id")).to_have_value("5001", timeout=WAIT)
    await pane.get_by_test_id("composer-input").fill(question)
    await pane.get_by_test_id("composer-send").click()
    return pane


async def test_an_official_asks_on_the_page_and_sees_the_answer_and_its_buttons(page):
    pane = await ask(page, "comment lancer un budget participatif")
    asked = pane.get_by_test_id("user-message").filter(has_text="lancer un budget participatif")
    await expect(asked).to_have_count(1, timeout=WAIT)
    answer = pane.get_by_test_id("bot-message").filter(has_text=TITLE)
    await expect(answer).to_have_count(1, timeout=WAIT)
    # The title comes as a bold entity and is rendered as such, not as literal tags.
    await expect(answer.locator("strong").first).to_have_text(TITLE)
    await expect(answer.get_by_test_id("message-text")).to_contain_text("appel à idées")
    await expect(answer.get_by_test_id("message-text")).not_to_contain_text("<b>")
    await expect(answer.get_by_test_id("inline-button")).to_have_text(
        ["📖 Lire la fiche complète", "👍 Utile", "👎 Pas utile", "🧑‍💼 Parler à un conseiller"]
    )
    assert await pane.get_by_test_id("composer-input").input_value() == ""


async def test_reading_the_full_entry_from_the_page_shows_every_part(page, hotline):
    pane = await ask(page, "comment lancer un budget participatif")
    answer = pane.get_by_test_id("bot-message").filter(has_text=TITLE)
    await expect(answer).to_have_count(1, timeout=WAIT)
    transcript = await hotline.transcript()
    before, shown = transcript["revision"], {m["message_id"] for m in transcript["messages"]}
    await answer.get_by_role("button", name="Lire la fiche complète").click()
    # What the bot sent, read from the sandbox; the answer itself is only edited (its "Lire la
    # fiche complète" button goes), so it is not a new part.
    parts = [m for m in await hotline.replies(before) if m["message_id"] not in shown]
    assert len(parts) >= 2
    await expect(answer.get_by_role("button", name="Lire la fiche complète")).to_have_count(0)
    bot_messages = pane.get_by_test_id("bot-message")
    await expect(bot_messages).to_have_count(1 + len(parts), timeout=WAIT)
    step = bot_messages.filter(has_text="Étape 1 : délibérer et fixer l'enveloppe")
    await expect(step).to_have_count(1)
    # The full text ends with a bold "Sources" heading (the short answer has it in italics).
    await expect(bot_messages.last.locator("strong", has_text="Sources")).to_have_count(1)
    await expect(bot_messages.last).to_contain_text("Porto Alegre (Brésil), premier budget")


async def test_markup_typed_by_the_official_is_shown_literally(page):
    pane = await ask(page, "<b>budget</b> participatif & <script>alert(1)</script>")
    asked = pane.get_by_test_id("user-message").last
    await expect(asked.get_by_test_id("message-text")).to_have_text(
        "<b>budget</b> participatif & <script>alert(1)</script>", timeout=WAIT
    )
    await expect(pane.get_by_test_id("bot-message")).to_have_count(1, timeout=WAIT)
    assert await asked.locator("script, b").count() == 0
