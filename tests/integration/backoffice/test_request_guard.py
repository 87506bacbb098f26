"""The back-office answers only at its own address and reads forms of text fields only."""

from __future__ import annotations

import io

import aiohttp
import pytest

from tests.integration.backoffice.conftest import STAFF, text_of

ARCHIVE = "/fiches/budget-participatif/archiver"


def multipart(*fields: tuple[str, str | bytes, str | None]) -> aiohttp.FormData:
    """A multipart form; a field with a file name is sent as a file."""
    form = aiohttp.FormData(default_to_multipart=True)
    for name, value, filename in fields:
        if filename is None:
            form.add_field(name, value)
        else:
            form.add_field(
                name,
                io.BytesIO(value.encode() if isinstance(value, str) else value),
                filename=filename,
                content_type="text/plain",
            )
    return form


@pytest.mark.parametrize("path", ["/", "/connexion?jeton=abc", "/static/backoffice.css"])
async def test_a_foreign_host_is_refused_on_every_page(client, path):
    response = await client.get(path, headers={"Host": f"evil.example:{client.port}"})
    assert response.status == 403
    assert "ne répond qu'à sa propre adresse" in await text_of(response)


async def test_a_foreign_host_cannot_sign_in_or_post_a_form(client, env, staff):
    token = env.backoffice.access.issue_link(STAFF)
    evil = {"Host": "evil.example"}
    response = await client.post("/connexion", data={"jeton": token}, headers=evil)
    assert response.status == 403
    before = env.backoffice.editor.get("budget-participatif")
    response = await staff.post(ARCHIVE, headers=evil)
    assert response.status == 403
    assert env.backoffice.editor.get("budget-participatif") == before
    # The link was not spent by the refused request.
    assert (
        await client.post("/connexion", data={"jeton": token}, allow_redirects=False)
    ).status == 303


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}"])
async def test_its_local_names_on_its_port_are_answered(client, host):
    response = await client.get(
        "/connexion?jeton=abc", headers={"Host": host.format(port=client.port)}
    )
    assert response.status == 200
    response = await client.get("/", headers={"Host": f"localhost:{client.port + 1}"})
    assert response.status == 403


async def test_behind_a_reverse_proxy_the_public_host_is_answered(client, env):
    env.backoffice.base_url = "https://hotline.example.fr"
    for host in ("hotline.example.fr", "hotline.example.fr:443", "HOTLINE.example.fr"):
        response = await client.get("/connexion?jeton=abc", headers={"Host": host})
        assert response.status == 200, host
    # The proxy may also pass its own upstream address on.
    response = await client.get("/connexion?jeton=abc")
    assert response.status == 200
    response = await client.get("/connexion?jeton=abc", headers={"Host": "hotline.example.fr:8443"})
    assert response.status == 403


async def test_a_csrf_field_sent_as_a_file_gets_a_400_in_french(staff, env):
    before = env.backoffice.editor.get("budget-participatif")
    form = multipart(("csrf", staff.csrf, "csrf.txt"))
    response = await staff.client.post(ARCHIVE, data=form, allow_redirects=False)
    assert response.status == 400
    page = await text_of(response)
    assert "le champ « csrf » doit être du texte, pas un fichier" in page
    assert env.backoffice.editor.get("budget-participatif") == before


async def test_a_sign_in_token_sent_as_a_file_gets_a_400_in_french(client, env):
    token = env.backoffice.access.issue_link(STAFF)
    response = await client.post("/connexion", data=multipart(("jeton", token, "jeton.txt")))
    assert response.status == 400
    assert "le champ « jeton » doit être du texte" in await text_of(response)
    assert "Set-Cookie" not in response.headers


async def test_a_multipart_form_of_text_fields_still_works(client, env, staff):
    response = await staff.client.post(
        ARCHIVE, data=multipart(("csrf", staff.csrf, None)), allow_redirects=False
    )
    assert response.status == 303
    assert env.backoffice.editor.get("budget-participatif").status == "archived"


@pytest.mark.parametrize(
    ("content_type", "body", "status", "text"),
    [
        (
            "multipart/form-data; boundary=xyz",
            b"--xyz\r\nContent-Disposition: form-data\r\n\r\nsans nom\r\n--xyz--\r\n",
            400,
            "illisible",
        ),
        ("application/x-www-form-urlencoded; charset=nonsense", b"csrf=abc", 400, "illisible"),
        (
            "multipart/form-data; boundary=xyz",
            b'--xyz\r\nContent-Disposition: form-data; name="csrf"\r\n'
            b"Content-Type: application/octet-stream\r\n\r\nabc\r\n--xyz--\r\n",
            400,
            "le champ « csrf » doit être du texte",
        ),
    ],
    ids=["part-without-name", "unknown-charset", "binary-part"],
)
async def test_unreadable_forms_get_a_clear_french_answer_never_a_500(
    staff, content_type, body, status, text
):
    for path in (ARCHIVE, "/connexion"):
        response = await staff.client.post(
            path, data=body, headers={"Content-Type": content_type}, allow_redirects=False
        )
        assert response.status == status, path
        assert text in await text_of(response), path


@pytest.mark.parametrize("token", ["%FF%FE", "%C3%A9t%C3%A9", "caf%C3%A9" * 40])
async def test_a_token_that_is_not_ascii_is_refused_never_a_500(staff, token):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    response = await staff.client.post(ARCHIVE, data=f"csrf={token}", headers=headers)
    assert response.status == 403
    assert "Formulaire refusé" in await text_of(response)
    response = await staff.client.post("/connexion", data=f"jeton={token}", headers=headers)
    assert response.status == 403
