"""Reports with server-side SVG charts, and the CSV export of each table."""

from __future__ import annotations

import csv
import io

from aiohttp import web

from bot.backoffice.svg import bar_chart, line_chart
from bot.backoffice.web import HEADERS, in_thread, render, services
from routing.curation.reports import Report

routes = web.RouteTableDef()
PERIODS = (7, 30, 90, 365)


def _days(request: web.Request) -> int:
    value = request.query.get("jours", "30")
    return int(value) if value.isdigit() and int(value) in PERIODS else 30


def charts(report: Report) -> dict:
    """Draw the chart of each table that has one."""
    per_day = report.tables["questions_par_jour"].rows
    days = [row[0][5:] for row in per_day]  # MM-DD is enough under a chart
    decisions = report.tables["decisions"].rows
    feedback = report.tables["avis"].rows
    tickets = report.tables["tickets_par_jour"].rows
    ratings = report.tables["satisfaction"].rows[:5]
    return {
        "questions_par_jour": bar_chart(days, [row[1] for row in per_day], "Questions par jour"),
        "decisions": bar_chart(
            [row[0] for row in decisions], [row[1] for row in decisions], "Décisions du bot"
        ),
        "avis": bar_chart([row[0] for row in feedback], [row[1] for row in feedback], "Avis"),
        "tickets_par_jour": line_chart(
            days,
            {"ouvertes": [r[1] for r in tickets], "résolues": [r[2] for r in tickets]},
            "Demandes ouvertes et résolues",
        ),
        "satisfaction": bar_chart(
            [row[0] for row in ratings], [row[1] for row in ratings], "Notes données"
        ),
    }


@routes.get("/rapports")
async def reports_page(request: web.Request) -> web.Response:
    """Show every table of the period with its chart."""
    days = _days(request)
    report = await in_thread(services(request).reports.report, days)
    return render(
        request, "reports.html", report=report, charts=charts(report), days=days, periods=PERIODS
    )


@routes.get("/rapports/{name:[a-z_]+}.csv")
async def report_csv(request: web.Request) -> web.Response:
    """Export one table as CSV (semicolons and UTF-8 with BOM, as French spreadsheets expect)."""
    days = _days(request)
    report = await in_thread(services(request).reports.report, days)
    table = report.tables.get(request.match_info["name"])
    if table is None:
        raise web.HTTPNotFound()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    filename = f"{table.name}_{report.start.isoformat()}_{report.end.isoformat()}.csv"
    return web.Response(
        body=("\ufeff" + buffer.getvalue()).encode("utf-8"),
        headers={
            **HEADERS,
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{filename}"',
        },
    )
