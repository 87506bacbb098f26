"""The gaps page: questions the bot could not settle, grouped by subject, and the drafts."""

from __future__ import annotations

from aiohttp import web

from bot.backoffice.web import STAFF, in_thread, message, paris_today, redirect, render, services
from bot.webguard.forms import read_form
from knowledge.catalogue.filters import EntryFilter
from knowledge.catalogue.service import EntryNotFound
from knowledge.entries.records import EntryStatus
from knowledge.entries.validation import InvalidEntry

routes = web.RouteTableDef()


@routes.get("/lacunes")
async def gaps_page(request: web.Request) -> web.Response:
    """Show the gap groups, the entries to add them to, and the drafts."""
    curation = services(request).curation
    number = request.query.get("page", "1")
    gaps = await in_thread(curation.gaps, int(number) if number.isdigit() else 1)
    entries = await in_thread(services(request).editor.find, EntryFilter(), paris_today())
    drafts = [e for e in entries if e.status == EntryStatus.DRAFT]
    targets = [e for e in entries if e.status != EntryStatus.ARCHIVED]
    return render(
        request,
        "gaps.html",
        gap_groups=gaps.groups,
        gaps=gaps,
        drafts=drafts,
        targets=targets,
        done=request.query.get("ok", ""),
    )


async def _selected(request: web.Request) -> tuple[list[int], dict]:
    posted = await read_form(request)
    ids = [int(v) for v in posted.getall("q", []) if str(v).isdigit()]
    return ids, posted


@routes.post("/lacunes/ajouter")
async def add_to_entry(request: web.Request) -> web.Response:
    """Add the selected questions to an entry as alternate questions."""
    ids, posted = await _selected(request)
    slug = str(posted.get("slug", ""))
    try:
        published = await in_thread(
            services(request).curation.add_to_entry, request[STAFF], ids, slug
        )
    except EntryNotFound:
        return message(request, 400, f"Aucune fiche « {slug} ».")
    except InvalidEntry as error:
        return message(request, 400, "; ".join(error.reasons))
    return redirect(f"/fiches/{slug}?ok=added&n={published.told}")


@routes.post("/lacunes/brouillon")
async def start_draft(request: web.Request) -> web.Response:
    """Start a draft entry from the selected questions."""
    ids, posted = await _selected(request)
    try:
        entry = await in_thread(
            services(request).curation.start_draft,
            request[STAFF],
            ids,
            str(posted.get("groupe", "")),
        )
    except InvalidEntry as error:
        return message(request, 400, "; ".join(error.reasons))
    return redirect(f"/fiches/{entry.slug}?ok=draft")


@routes.post("/lacunes/ignorer")
async def dismiss(request: web.Request) -> web.Response:
    """Take the selected questions off the list."""
    ids, _posted = await _selected(request)
    try:
        await in_thread(services(request).curation.dismiss, request[STAFF], ids)
    except InvalidEntry as error:
        return message(request, 400, "; ".join(error.reasons))
    return redirect("/lacunes?ok=dismissed")
