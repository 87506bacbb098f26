"""In a real browser, a page of another site cannot drive the sandbox; the sandbox page can."""

from __future__ import annotations

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from playwright.async_api import async_playwright

from bot.sandbox import DEFAULT_OFFICIAL_ID, SandboxServer
from tests.browser.chromium import CHROMIUM

if CHROMIUM is None:
    pytest.skip(
        "no Chromium binary on PATH (chromium or chromium-browser); "
        "install Debian's package with `sudo make system-deps`",
        allow_module_level=True,
    )

# What a hostile page can do without the browser asking the server first: a "simple" POST.
ATTACK = """
async (target) => {
  const results = [];
  for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
    try {
      await fetch(target, {method: "POST", mode: "no-cors", headers: {"Content-Type": type},
                           body: JSON.stringify({text: "/start"})});
      results.push("sent");
    } catch (error) {
      results.push("blocked");
    }
  }
  try {  // A JSON POST needs the server's consent (preflight), which it never gives.
    await fetch(target, {method: "POST", headers: {"Content-Type": "application/json"},
                         body: JSON.stringify({text: "/start"})});
    results.push("read");
  } catch (error) {
    results.push("blocked");
  }
  return results;
}
"""
# The sandbox page's own way of calling the control API (app.js, api()).
OWN_CALL = """
async () => {
  const response = await fetch("/control/chats/%d/messages", {
    method: "POST", headers: {"Content-Type": "application/json"},
    body: JSON.stringify({text: "Bonjour depuis la page"}),
  });
  return response.status;
}
"""


async def test_another_site_in_the_browser_cannot_post_but_the_sandbox_page_can():
    async def evil_page(request: web.Request) -> web.Response:
        return web.Response(text="<html><body>Jeu concours</body></html>", content_type="text/html")

    evil_app = web.Application()
    evil_app.router.add_get("/", evil_page)
    async with (
        SandboxServer(port=0) as sandbox,
        TestServer(evil_app, host="127.0.0.1") as evil,
        async_playwright() as playwright,
    ):
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            page = await browser.new_page()
            await page.goto(str(evil.make_url("/")))
            target = f"{sandbox.base_url}/control/chats/{DEFAULT_OFFICIAL_ID}/messages"
            results = await page.evaluate(ATTACK, target)
            assert official_messages(sandbox) == [], f"the other site's {results} got through"
            assert results[-1] == "blocked"  # the JSON one was stopped by the browser itself
            await page.goto(sandbox.base_url + "/")
            assert await page.evaluate(OWN_CALL % DEFAULT_OFFICIAL_ID) == 201
        finally:
            await browser.close()
        texts = [message["text"] for message in official_messages(sandbox)]
    assert texts == ["Bonjour depuis la page"]


def official_messages(sandbox: SandboxServer) -> list[dict]:
    return sandbox.state.chats[DEFAULT_OFFICIAL_ID].transcript()["messages"]
