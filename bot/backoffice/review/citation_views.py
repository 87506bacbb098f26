"""The "Textes cités" page: articles and their entries, reported changes, re-checks."""

from __future__ import annotations

from aiohttp import web

from bot.backoffice import texts
from bot.backoffice.web import STAFF, in_thread, message, paris_today, redirect, render, services
from bot.webguard.forms import read_form
from knowledge.catalogue.service import EntryNotFound
from knowledge.entries.validation import InvalidEntry

routes = web.RouteTableDef()
SLUG = "{slug:[a-z0-9-]{1,120}}"


@routes.get("/textes")
async def cited_texts(request: web.Request) -> web.Response:
    """List the cited articles with the entries relying on them and their check dates."""
    query = request.query.get("q", "").strip()[:200]
    citations = services(request).citations
    found = await in_thread(citations.cited_texts, query or None)
    flagged = request.query.get("signalees", "")
    flash = texts.REVIEW_FLASH.format(count=int(flagged)) if flagged.isdigit() else ""
    return render(request, "cited_texts.html", cited=found, query=query, flash=flash, errors=[])


@routes.post("/textes/signaler")
async def report_change(request: web.Request) -> web.Response:
    """Put every entry citing an article under review, with the note saying what changed."""
    posted = await read_form(request)
    text, article = posted.get("text", ""), posted.get("article", "")
    citations = services(request).citations
    try:
        slugs = await in_thread(
            citations.report_change, request[STAFF], text, article, posted.get("note", "")
        )
    except InvalidEntry as error:
        # Show the article the person was looking at, with the reason next to its form.
        query = f"{text} {article}".strip()
        found = await in_thread(citations.cited_texts, query)
        return render(
            request,
            "cited_texts.html",
            status=400,
            cited=found,
            query=query,
            flash="",
            errors=error.reasons,
        )
    return redirect(f"/textes?signalees={len(slugs)}")


@routes.post(f"/fiches/{SLUG}/verifier")
async def mark_checked(request: web.Request) -> web.Response:
    """Record that a staff member checked an entry against its texts today."""
    slug = request.match_info["slug"]
    try:
        await in_thread(
            services(request).citations.mark_checked, request[STAFF], slug, paris_today()
        )
    except EntryNotFound:
        raise web.HTTPNotFound() from None
    except InvalidEntry as error:
        return message(request, 400, "; ".join(error.reasons))
    return redirect(f"/fiches/{slug}?ok=verified")
