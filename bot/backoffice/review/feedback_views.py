"""The "Retours" page: remarks on answers and ticket ratings, filtered, and their CSV export."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from aiohttp import web

from bot.backoffice import texts
from bot.backoffice.web import HEADERS, in_thread, jj_mm_aaaa, render, services
from routing.review.feedback import KINDS

routes = web.RouteTableDef()
PERIODS = (7, 30, 90, 365)


@dataclass(frozen=True)
class Wanted:
    """The filters of the page, as read (and checked) from the query string."""

    slug: str
    kind: str
    days: int | None

    def query(self) -> str:
        """Return the query string that repeats these filters (for the CSV link)."""
        return f"fiche={self.slug}&type={self.kind}&jours={self.days or ''}"


def _wanted(request: web.Request) -> Wanted:
    query = request.query
    slug = query.get("fiche", "")[:120]
    kind = query.get("type", "")
    days = query.get("jours", "")
    return Wanted(
        slug if slug.replace("-", "").isalnum() else "",
        kind if kind in KINDS else "",
        int(days) if days.isdigit() and int(days) in PERIODS else None,
    )


async def _remarks(request: web.Request, wanted: Wanted):
    backoffice = services(request)
    remarks = await in_thread(
        backoffice.feedback.remarks, wanted.slug or None, wanted.kind or None, wanted.days
    )
    entries = await in_thread(backoffice.editor.knowledge.list)
    return remarks, {e.slug: e.title for e in entries}


@routes.get("/retours")
async def feedback_page(request: web.Request) -> web.Response:
    """List remarks and ratings, newest first."""
    wanted = _wanted(request)
    remarks, titles = await _remarks(request, wanted)
    return render(
        request,
        "feedback.html",
        remarks=remarks,
        titles=titles,
        wanted=wanted,
        periods=PERIODS,
        kinds=texts.FEEDBACK_KINDS,
    )


@routes.get("/retours.csv")
async def feedback_csv(request: web.Request) -> web.Response:
    """Export the listed remarks and ratings (semicolons, UTF-8 with BOM, like the reports)."""
    wanted = _wanted(request)
    remarks, titles = await _remarks(request, wanted)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["date", "type", "fiche", "avis", "note", "demande", "commentaire"])
    for remark in remarks:
        opinion = "" if remark.useful is None else ("utile" if remark.useful else "pas utile")
        writer.writerow(
            [
                jj_mm_aaaa(remark.at),
                texts.FEEDBACK_KINDS[remark.kind],
                titles.get(remark.slug, remark.slug or ""),
                opinion,
                remark.stars or "",
                remark.ticket_id or "",
                remark.text,
            ]
        )
    return web.Response(
        body=("\ufeff" + buffer.getvalue()).encode("utf-8"),
        headers={
            **HEADERS,
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": 'attachment; filename="retours.csv"',
        },
    )
