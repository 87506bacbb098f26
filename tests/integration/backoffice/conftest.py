"""Fixtures of the back-office tests: a seeded database copied per test, a signed-in browser."""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app.container import Container, build_container
from bot.backoffice.server import build_backoffice_app
from bot.backoffice.services import BackOffice
from bot.settings import Settings
from routing.answers.hotline import Sender
from routing.records import Role

STAFF, ADVISOR, OFFICIAL = 900, 901, 902
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class Env:
    """A container on a private copy of the seeded database, with people of every role."""

    container: Container
    backoffice: BackOffice

    def ask(self, text: str, user_id: int = OFFICIAL) -> int:
        """Ask the bot a question as an official (the real decision); return its id."""
        return self.container.hotline.ask(Sender(user_id, "Camille"), text).question_id


@dataclass
class Browser:
    """A test client signed in as someone, which adds the CSRF token to every form."""

    client: TestClient
    csrf: str

    async def get(self, path: str, **kwargs):
        """GET a page."""
        return await self.client.get(path, **kwargs)

    async def post(self, path: str, data=None, csrf: str | None = None, **kwargs):
        """POST a form with this session's CSRF token (or the one given)."""
        fields = list((data or {}).items()) if isinstance(data, dict) else list(data or [])
        fields.append(("csrf", self.csrf if csrf is None else csrf))
        return await self.client.post(path, data=fields, allow_redirects=False, **kwargs)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory):
    """A seeded data directory (database and index), built once and copied by each test."""
    data = tmp_path_factory.mktemp("backoffice-template")
    container = build_container(Settings(data_dir=data, database_url=None))
    container.close()
    return data


@pytest.fixture
def env(seeded_template, tmp_path):
    """A fresh copy of the seeded database with a staff member, an advisor and an official."""
    data = tmp_path / "var"
    shutil.copytree(seeded_template, data)
    container = build_container(Settings(data_dir=data, database_url=None))
    with container.uow() as uow:
        uow.users.set_role(STAFF, Role.STAFF, "Sophie")
        uow.users.set_role(ADVISOR, Role.ADVISOR, "Alice")
        uow.users.set_role(OFFICIAL, Role.OFFICIAL, "Camille")
        uow.commit()
    yield Env(container, container.backoffice)
    container.close()


@pytest.fixture
async def client(env):
    """A test client of the back-office application, signed in as nobody."""
    async with TestClient(TestServer(build_backoffice_app(env.backoffice))) as test_client:
        yield test_client


async def sign_in(client: TestClient, backoffice: BackOffice, user_id: int) -> Browser:
    """Sign in through a one-time link, as staff do, and return the browser."""
    token = backoffice.access.issue_link(user_id)
    response = await client.post("/connexion", data={"jeton": token}, allow_redirects=False)
    assert response.status == 303, await response.text()
    home = await client.get("/")
    match = CSRF.search(await home.text())
    assert match, "the home page carries the CSRF token"
    return Browser(client, match.group(1))


@pytest.fixture
async def staff(client, env) -> Browser:
    """A browser signed in as the staff member."""
    return await sign_in(client, env.backoffice, STAFF)


async def text_of(response) -> str:
    """Return a page's text with HTML entities decoded (French apostrophes are escaped)."""
    return html.unescape(await response.text())
