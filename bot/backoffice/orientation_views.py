"""Ateliers and projets partagés pages: cycles, registrations, attendance, CSV, interests."""

from __future__ import annotations

from aiohttp import web

from bot.backoffice.web import HEADERS, in_thread, message, redirect, render, services
from bot.webguard.forms import read_form
from routing.orientation.model import (
    DEFAULT_CAPACITY,
    SESSIONS_PER_CYCLE,
    CycleDraft,
    CycleUnavailable,
    InvalidCycle,
)
from routing.orientation.staff import CSV_ROLE, OrientationStaff, local_time

routes = web.RouteTableDef()
STATUS = {
    "confirmed": "Place confirmée",
    "offered": "Place proposée (48 h)",
    "waiting": "Liste d'attente",
    "expired": "Délai dépassé",
    "cancelled": "Annulée",
}


def _staff(request: web.Request) -> OrientationStaff:
    return services(request).orientation


def _cycle_id(request: web.Request) -> int:
    raw = request.match_info["cycle"]
    if not raw.isdigit():
        raise web.HTTPNotFound()
    return int(raw)


def _draft(posted, tz: str) -> CycleDraft:
    """Read the cycle form (times typed in Paris time)."""
    starts = tuple(
        local_time(str(posted.get(f"seance{n}", "")), tz) for n in range(1, SESSIONS_PER_CYCLE + 1)
    )
    capacity = str(posted.get("capacite", DEFAULT_CAPACITY)).strip()
    if not capacity.isdigit():
        raise InvalidCycle("la capacité doit être un nombre")
    topics = tuple(t.strip() for t in str(posted.get("fiches", "")).split(",") if t.strip())
    return CycleDraft(
        theme=str(posted.get("theme", "")),
        description=str(posted.get("description", "")).strip(),
        starts=starts,
        visio_link=str(posted.get("lien", "")),
        deadline=local_time(str(posted.get("limite", "")), tz),
        capacity=int(capacity),
        topics=topics,
    )


@routes.get("/ateliers")
async def cycles_page(request: web.Request) -> web.Response:
    """Every cycle, and the form to create one."""
    cycles = await in_thread(_staff(request).cycles)
    return render(request, "ateliers.html", cycles=cycles, done=request.query.get("ok", ""))


@routes.post("/ateliers")
async def create_cycle(request: web.Request) -> web.Response:
    """Create a cycle from the form."""
    staff = _staff(request)
    try:
        draft = _draft(await read_form(request), staff.tz.key)
        cycle = await in_thread(staff.create, draft)
    except InvalidCycle as error:
        return message(request, 400, f"Cycle refusé : {error.reason}.")
    return redirect(f"/ateliers/{cycle.id}?ok=created")


@routes.get("/ateliers/{cycle}")
async def cycle_page(request: web.Request) -> web.Response:
    """A cycle: edit form, registrations with waiting list, attendance checklists."""
    staff = _staff(request)
    try:
        roster = await in_thread(staff.roster, _cycle_id(request))
    except CycleUnavailable:
        raise web.HTTPNotFound() from None
    now = staff.clock.now()
    return render(
        request,
        "atelier.html",
        roster=roster,
        cycle=roster.cycle,
        local=staff.local,
        form_time=lambda t: t.astimezone(staff.tz).strftime("%Y-%m-%dT%H:%M"),
        past=[s for s in roster.cycle.sessions if s.starts_at <= now],
        holders=[r for r in roster.registrations if r.status == "confirmed"],
        waiting=[r for r in roster.registrations if r.status == "waiting"],
        labels=STATUS,
        roles=CSV_ROLE,
        done=request.query.get("ok", ""),
    )


@routes.post("/ateliers/{cycle}/modifier")
async def update_cycle(request: web.Request) -> web.Response:
    """Save the edited cycle (moved sessions get new reminders)."""
    staff, cycle_id = _staff(request), _cycle_id(request)
    try:
        draft = _draft(await read_form(request), staff.tz.key)
        await in_thread(staff.update, cycle_id, draft)
    except InvalidCycle as error:
        return message(request, 400, f"Cycle refusé : {error.reason}.")
    except CycleUnavailable:
        raise web.HTTPNotFound() from None
    return redirect(f"/ateliers/{cycle_id}?ok=saved")


@routes.post("/ateliers/{cycle}/clore")
async def close_cycle(request: web.Request) -> web.Response:
    """Stop registrations."""
    cycle_id = _cycle_id(request)
    try:
        await in_thread(_staff(request).close, cycle_id)
    except CycleUnavailable:
        raise web.HTTPNotFound() from None
    return redirect(f"/ateliers/{cycle_id}?ok=closed")


@routes.post("/ateliers/{cycle}/supprimer")
async def delete_cycle(request: web.Request) -> web.Response:
    """Delete a cycle nobody registered for."""
    try:
        await in_thread(_staff(request).delete, _cycle_id(request))
    except InvalidCycle as error:
        return message(request, 400, f"Suppression refusée : {error.reason}.")
    except CycleUnavailable:
        raise web.HTTPNotFound() from None
    return redirect("/ateliers?ok=deleted")


@routes.post("/ateliers/{cycle}/presences/{number}")
async def attendance(request: web.Request) -> web.Response:
    """The checklist after a session: ticked people attended, the others did not."""
    cycle_id, number = _cycle_id(request), request.match_info["number"]
    posted = await read_form(request)
    present = {int(v) for v in posted.getall("present", []) if str(v).isdigit()}
    try:
        await in_thread(
            _staff(request).set_attendance,
            cycle_id,
            int(number) if number.isdigit() else 0,
            present,
        )
    except InvalidCycle as error:
        return message(request, 400, error.reason)
    except CycleUnavailable:
        raise web.HTTPNotFound() from None
    return redirect(f"/ateliers/{cycle_id}?ok=attendance")


@routes.get("/ateliers/{cycle}/export.csv")
async def export(request: web.Request) -> web.Response:
    """The roster and attendance as a CSV file."""
    cycle_id = _cycle_id(request)
    try:
        body = await in_thread(_staff(request).export_csv, cycle_id)
    except CycleUnavailable:
        raise web.HTTPNotFound() from None
    headers = {**HEADERS, "Content-Disposition": f'attachment; filename="atelier-{cycle_id}.csv"'}
    # A byte-order mark, as the reports' exports, so spreadsheets read the accents right.
    return web.Response(
        body=("\ufeff" + body).encode("utf-8"),
        content_type="text/csv",
        charset="utf-8",
        headers=headers,
    )


@routes.get("/projets")
async def projects_page(request: web.Request) -> web.Response:
    """Interests per projet partagé theme, participants grouped by 3 to 5."""
    interests = await in_thread(_staff(request).interests)
    return render(request, "projets.html", themes=interests, done=request.query.get("ok", ""))


@routes.post("/projets")
async def add_theme(request: web.Request) -> web.Response:
    """Open a new projet partagé theme."""
    posted = await read_form(request)
    slug = str(posted.get("slug", "")).strip().lower()
    title = str(posted.get("titre", "")).strip()
    if not (slug.replace("-", "").isalnum() and 2 <= len(slug) <= 80 and 3 <= len(title) <= 200):
        return message(
            request, 400, "Indiquez un identifiant (lettres, chiffres, tirets) et un titre."
        )
    await in_thread(_staff(request).add_theme, slug, title, str(posted.get("description", "")))
    return redirect("/projets?ok=added")
