"""The ticket board: the queue with waiting times, advisors and SLA breaches; event logs."""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web

from bot.backoffice import texts
from bot.backoffice.web import in_thread, render, services
from routing.errors import TicketNotFound

routes = web.RouteTableDef()


def duration(delta: timedelta) -> str:
    """Return a waiting time in French: "3 j 4 h", "2 h 05", "12 min"."""
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} j {hours} h"
    if hours:
        return f"{hours} h {minutes:02d}"
    return f"{minutes} min"


def _context() -> dict:
    return {
        "ticket_status": texts.TICKET_STATUS,
        "breach_labels": texts.BREACHES,
        "actors": texts.ACTORS,
        "event_labels": texts.EVENTS,
        "duration": duration,
    }


@routes.get("/demandes")
async def board(request: web.Request) -> web.Response:
    """Show the open tickets, oldest first, and the latest closed ones on request."""
    include_closed = request.query.get("toutes") == "1"
    lines = await in_thread(services(request).tickets.lines, include_closed)
    return render(request, "tickets.html", lines=lines, include_closed=include_closed, **_context())


@routes.get("/demandes/{number:\\d{1,9}}")
async def ticket_file(request: web.Request) -> web.Response:
    """Show one ticket and its event log (no contact details)."""
    try:
        found = await in_thread(services(request).tickets.file, int(request.match_info["number"]))
    except TicketNotFound:
        raise web.HTTPNotFound() from None
    return render(request, "ticket.html", file=found, **_context())
