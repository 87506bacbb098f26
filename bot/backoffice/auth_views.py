"""Sign-in with a one-time link, and sign-out."""

from __future__ import annotations

from aiohttp import web

from bot.backoffice import texts
from bot.backoffice.web import COOKIE, STAFF, in_thread, message, redirect, render, services
from bot.webguard.forms import read_form
from routing.errors import NotStaff, SignInRefused

routes = web.RouteTableDef()


@routes.get("/connexion")
async def sign_in_page(request: web.Request) -> web.Response:
    """Show a button that uses the link (a GET alone never spends it: link previews do GETs)."""
    token = request.query.get("jeton", "")
    if not token:
        return message(request, 401, texts.SIGN_IN_NEEDED)
    return render(request, "sign_in.html", token=token)


@routes.post("/connexion")
async def sign_in(request: web.Request) -> web.Response:
    """Spend the one-time link and open a session."""
    form = await read_form(request)
    backoffice = services(request)
    try:
        opened = await in_thread(backoffice.access.redeem, form.get("jeton", ""))
    except SignInRefused:
        return message(request, 403, texts.LINK_REFUSED)
    except NotStaff:
        return message(request, 403, texts.STAFF_ONLY)
    response = redirect("/")
    response.set_cookie(
        COOKIE,
        opened.token,
        max_age=int(backoffice.access.session_lifetime.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=backoffice.base_url.startswith("https://"),
        path="/",
    )
    return response


@routes.post("/deconnexion")
async def sign_out(request: web.Request) -> web.Response:
    """End the session and forget the cookie."""
    staff = request[STAFF]
    await in_thread(services(request).access.sign_out, request.cookies.get(COOKIE), staff.id)
    response = redirect("/connexion/fin")
    response.del_cookie(COOKIE, path="/")
    return response


@routes.get("/connexion/fin")
async def signed_out(request: web.Request) -> web.Response:
    """Say goodbye."""
    return message(request, 200, texts.FLASH["signed_out"])
