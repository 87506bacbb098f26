"""Only the sandbox's own page and local programs may drive it, never another web page."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.sandbox.control.http import fail
from bot.webguard.site import SiteGuard, shown

SITE = web.AppKey("sandbox_site", SiteGuard)
# A cross-site page may send a "simple" request (form or text/plain body) without asking the
# browser's permission first; it cannot send application/json that way.
JSON_ONLY = "Le corps doit être du JSON, envoyé avec l’en-tête « Content-Type: application/json »."


def _wants_json(request: web.Request) -> bool:
    if not request.path.startswith("/control"):
        return False
    return request.method == "POST" or (
        request.method in ("PUT", "PATCH", "DELETE") and request.body_exists
    )


@web.middleware
async def own_site_only(request: web.Request, handler: Any) -> web.StreamResponse:
    """Refuse a foreign Host or Origin (403), and a control call whose body is not JSON (415)."""
    site = request.app[SITE]
    if not site.host_ok(request):
        host = shown(request.headers.get("Host", ""))
        return fail(
            403,
            f"Hôte « {host} » refusé : le bac à sable ne répond qu’à sa propre adresse "
            "(127.0.0.1, localhost ou [::1] avec son port).",
        )
    if not site.origin_ok(request):
        origin = shown(request.headers.get("Origin", ""))
        return fail(
            403,
            f"Origine « {origin} » refusée : seule la page du bac à sable peut le piloter "
            "depuis un navigateur.",
        )
    if _wants_json(request) and request.content_type != "application/json":
        return fail(415, JSON_ONLY)
    return await handler(request)
