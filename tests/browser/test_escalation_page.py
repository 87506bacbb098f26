"""The sandbox page as a newcomer uses it: official, advisors' group and advisor side by side."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from bot.sandbox import DEFAULT_OFFICIAL_ID
from tests.browser.chromium import CHROMIUM
from tests.e2e import escalation_desk

if CHROMIUM is None:
    pytest.skip(
        "no Chromium binary on PATH (chromium or chromium-browser); "
        "install Debian's package with `sudo make system-deps`",
        allow_module_level=True,
    )

WAIT = 15_000  # ms; a ceiling for slow machines, not a speed requirement

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk


@pytest.fixture
async def hotline(desk):
    """The page fixture's bot: the escalation desk's (advisors registered, group configured)."""
    return desk.harness


async def test_a_newcomer_claims_a_ticket_from_the_group_pane_and_reads_it_as_the_advisor(
    desk, page
):
    number = await desk.open_ticket(DEFAULT_OFFICIAL_ID)
    group = page.get_by_test_id("group-pane")
    advisor = page.get_by_test_id("advisor-pane")
    await expect(advisor).to_contain_text("Alice", timeout=WAIT)  # the group's first member
    card = group.get_by_test_id("bot-message").filter(has_text=f"Demande n° {number}")
    await expect(card).to_have_count(1, timeout=WAIT)
    await expect(card).not_to_contain_text("06 12 34 56 78")
    await card.get_by_role("button", name="Prendre en charge").click()
    await expect(card).to_contain_text("Suivie par Alice Martin", timeout=WAIT)
    ticket = advisor.get_by_test_id("bot-message").filter(has_text="Vous avez pris en charge")
    await expect(ticket).to_have_count(1, timeout=WAIT)
    await expect(ticket).to_contain_text("06 12 34 56 78")
    # The advisor answers from their pane; the official's pane receives it.
    await ticket.get_by_role("button", name="Répondre").click()
    await expect(advisor.get_by_test_id("bot-message").last).to_contain_text(
        "Écrivez votre message", timeout=WAIT
    )
    await advisor.get_by_test_id("composer-input").fill("Je vous appelle demain à 10h.")
    await advisor.get_by_test_id("composer-send").click()
    official = page.get_by_test_id("official-pane")
    await expect(official.get_by_test_id("bot-message").last).to_contain_text(
        "Je vous appelle demain à 10h.", timeout=WAIT
    )
