"""The home page (entries to review this week, what waits) and the staff action log."""

from __future__ import annotations

from collections import Counter

from aiohttp import web

from bot.backoffice import texts
from bot.backoffice.web import in_thread, paris_today, render, services
from knowledge.catalogue.filters import EntryFilter

routes = web.RouteTableDef()


@routes.get("/")
async def home(request: web.Request) -> web.Response:
    """Show what needs staff attention."""
    backoffice = services(request)
    today = paris_today()
    entries = await in_thread(backoffice.editor.find, EntryFilter(), today)
    overdue = await in_thread(backoffice.curation.overdue, today)
    # Counted by the database: the questions were clustered when they were stored.
    questions, subjects = await in_thread(backoffice.curation.gap_counts)
    under_review = await in_thread(backoffice.citations.open_reviews)
    return render(
        request,
        "home.html",
        counts=Counter(str(e.status) for e in entries),
        overdue=overdue,
        gap_groups=subjects,
        gap_questions=questions,
        under_review=under_review,
    )


@routes.get("/journal")
async def journal(request: web.Request) -> web.Response:
    """Show the latest staff actions."""
    lines = await in_thread(services(request).journal.latest, 200)
    return render(request, "journal.html", lines=lines, labels=texts.ACTIONS, texts=texts)
