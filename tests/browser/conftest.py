"""Browser fixtures: the real bot polling a sandbox, and headless Debian Chromium via Playwright."""

from __future__ import annotations

import pytest
from playwright.async_api import async_playwright

from bot.app.container import build_container
from bot.settings import Settings
from tests.browser.chromium import CHROMIUM
from tests.e2e.harness import running_bot


@pytest.fixture(scope="module")
def browser_container(tmp_path_factory):
    """One seeded database per test module (building it is the slow part)."""
    container = build_container(Settings(data_dir=tmp_path_factory.mktemp("browser")))
    yield container
    container.close()


@pytest.fixture
async def hotline(browser_container):
    """The real aiogram bot polling a fresh sandbox, as `make run` starts them."""
    async with running_bot(browser_container) as harness:
        yield harness


@pytest.fixture
async def page(hotline):
    """A headless Chromium page on the sandbox, failing the test on any JavaScript error."""
    errors: list[str] = []
    async with async_playwright() as playwright:
        # The system browser (Debian package), never a downloaded one: no `playwright install`.
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            context = await browser.new_context(locale="fr-FR")
            page = await context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            await page.goto(hotline.server.base_url + "/")
            yield page
        finally:
            await browser.close()
    assert errors == [], f"JavaScript errors on the sandbox page: {errors}"
