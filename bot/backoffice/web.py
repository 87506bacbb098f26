"""The back-office web application: templates, sign-in check and CSRF check on every request."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from pathlib import Path

from aiohttp import web
from jinja2 import Environment, PackageLoader, select_autoescape

from bot.backoffice import texts
from bot.backoffice.services import BackOffice
from bot.views import texts as bot_texts
from bot.webguard.forms import FormRefused, read_form
from bot.webguard.site import SiteGuard
from routing.curation.reports import PARIS
from routing.errors import NotStaff
from routing.records import aware
from routing.safety.staff_access import StaffMember

log = logging.getLogger(__name__)

COOKIE = "hotline_backoffice"
SERVICES = web.AppKey("backoffice", BackOffice)
STAFF = web.RequestKey("staff", StaffMember)
PUBLIC_PREFIXES = ("/connexion", "/static/")
STATIC = Path(__file__).parent / "static"
HEADERS = {
    # No script at all, styles from our own file only; inline SVG needs neither.
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # The sign-in address carries a token: never send it on in a Referer header.
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

_env = Environment(
    loader=PackageLoader("bot.backoffice", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(
    groups=bot_texts.GROUP_LABELS, status_labels=texts.STATUS_LABELS, reasons=texts.GAP_REASONS
)


def jj_mm_aaaa(value) -> str:
    """Format a date, or a moment as its Paris date, as JJ/MM/AAAA."""
    if isinstance(value, datetime):
        value = aware(value).astimezone(PARIS)
    return value.strftime("%d/%m/%Y") if value else ""


_env.filters["jj_mm_aaaa"] = jj_mm_aaaa
_env.filters["paris"] = lambda t: aware(t).astimezone(PARIS).strftime("%d/%m/%Y %H:%M") if t else ""


def paris_today():
    """Return today's date in Paris."""
    return datetime.now(PARIS).date()


def render(request: web.Request, template: str, status: int = 200, **context) -> web.Response:
    """Render a template with the signed-in staff member and their CSRF token."""
    staff = request.get(STAFF)
    html = _env.get_template(template).render(
        staff=staff, csrf=staff.csrf_token if staff else "", today=paris_today(), **context
    )
    return web.Response(text=html, status=status, content_type="text/html", headers=HEADERS)


def redirect(location: str) -> web.Response:
    """Return a "303 See Other" to a page of the back-office (after a form)."""
    return web.Response(status=303, headers={**HEADERS, "Location": location})


def message(request: web.Request, status: int, text: str) -> web.Response:
    """Render a page that only says something (an error, a refusal)."""
    return render(request, "message.html", status=status, text=text)


def services(request: web.Request) -> BackOffice:
    """Return the back-office services of the application."""
    return request.app[SERVICES]


async def in_thread(function, *args):
    """Run a blocking service call (database, index build) without stalling the bot."""
    return await asyncio.to_thread(function, *args)


@web.middleware
async def own_host_only(request: web.Request, handler):
    """Answer only requests addressed to the back-office's own address (no DNS rebinding).

    Its address is the one it listens on (with 127.0.0.1, localhost and [::1] on that port)
    and the host of its base URL, HOTLINE_BACKOFFICE_BASE_URL behind a reverse proxy. The
    Origin is not checked: with "Referrer-Policy: no-referrer" browsers send "Origin: null"
    with our own forms; the CSRF token and the SameSite cookie cover cross-site forms.
    """
    base_url = services(request).base_url
    if not SiteGuard(urls=[base_url]).host_ok(request):
        log.warning("back-office request refused: foreign Host header on %s", request.path)
        return message(request, 403, texts.FOREIGN_HOST.format(url=base_url))
    return await handler(request)


@web.middleware
async def staff_only(request: web.Request, handler):
    """Let through only live sessions of people whose DB role is still staff; check CSRF."""
    if request.path.startswith(PUBLIC_PREFIXES):
        return await handler(request)
    access = services(request).access
    try:
        staff = await in_thread(access.authenticate, request.cookies.get(COOKIE))
    except NotStaff:
        return message(request, 403, texts.STAFF_ONLY)
    if staff is None:
        return message(request, 401, texts.SIGN_IN_NEEDED)
    request[STAFF] = staff
    if request.method not in ("GET", "HEAD"):
        form = await read_form(request)
        if not staff.csrf_ok(form.get("csrf")):
            log.warning("back-office form refused: bad CSRF token on %s", request.path)
            return message(request, 403, texts.CSRF_REFUSED)
    return await handler(request)


@web.middleware
async def friendly_errors(request: web.Request, handler):
    """Turn 404s into a French page; never show a traceback."""
    try:
        return await handler(request)
    except FormRefused as refused:
        return message(request, refused.status, refused.message)
    except web.HTTPNotFound:
        return message(request, 404, texts.NOT_FOUND)
    except web.HTTPException:
        raise
    except Exception as error:
        # The type only: exception texts can carry what people wrote.
        log.error("back-office page %s failed: %s", request.path, type(error).__name__)
        return message(request, 500, bot_texts.ERROR_GENERIC)
