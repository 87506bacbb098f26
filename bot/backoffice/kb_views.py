"""Knowledge-base pages: list and filters, edit with preview, publish, archive, history."""

from __future__ import annotations

from aiohttp import web
from markupsafe import Markup

from bot.backoffice import texts
from bot.backoffice.web import STAFF, in_thread, message, paris_today, redirect, render, services
from bot.views.markdown_html import markdown_to_html
from bot.webguard.forms import read_form
from knowledge.catalogue.filters import EntryFilter
from knowledge.catalogue.service import EntryNotFound
from knowledge.entries.checks import entry_warnings
from knowledge.entries.forms import FIELDS, form_from_entry
from knowledge.entries.guards import NotPublishable, publication_problems
from knowledge.entries.validation import InvalidEntry
from routing.curation.service import Published

routes = web.RouteTableDef()
SLUG = "{slug:[a-z0-9-]{1,120}}"


def flash(request: web.Request) -> str:
    """Return the confirmation to show after a redirect, from the query string."""
    text = texts.FLASH.get(request.query.get("ok", ""), "")
    told = request.query.get("n", "")
    if text and told.isdigit() and int(told):
        text += texts.TOLD.format(count=int(told))
    return text


def done(slug: str, code: str, published: Published | None = None) -> web.Response:
    """Redirect to the entry page with a confirmation."""
    if published is not None and not published.saved.changed:
        code = "unchanged"
    told = published.told if published else 0
    return redirect(f"/fiches/{slug}?ok={code}&n={told}")


def preview_html(markdown: str) -> Markup:
    """Render entry Markdown as the bot shows it (every piece of text escaped first)."""
    return Markup(markdown_to_html(markdown))


async def edit_page(
    request: web.Request,
    entry,
    form: dict,
    errors: list[str],
    status: int = 200,
    preview=None,
    refused: NotPublishable | None = None,
) -> web.Response:
    """Render the edit page: the form, what blocks publication next to its field, feedback."""
    counts, remarks = await in_thread(services(request).feedback.of_entry, entry.slug)
    # A refusal names the fields of the refused version; otherwise the stored entry's problems.
    blocking = refused.by_field if refused else NotPublishable(publication_problems(entry)).by_field
    return render(
        request,
        "kb_edit.html",
        status=status,
        entry=entry,
        form=form,
        flash=flash(request) if status == 200 and preview is None else "",
        preview=preview,
        errors=[] if refused else errors,
        refused=refused is not None,
        blocking=blocking,
        warnings=entry_warnings(entry, paris_today()),
        counts=counts,
        remarks=remarks,
    )


@routes.get("/fiches")
async def entry_list(request: web.Request) -> web.Response:
    """List entries with search and filters."""
    query = request.query
    wanted = EntryFilter(
        text=query.get("q", "")[:200],
        group=query.get("groupe", ""),
        status=query.get("statut", ""),
        overdue=query.get("relecture") == "1",
    )
    entries = await in_thread(services(request).editor.find, wanted, paris_today())
    return render(request, "kb_list.html", entries=entries, wanted=wanted)


async def _entry_or_404(request: web.Request, slug: str):
    try:
        return await in_thread(services(request).editor.get, slug)
    except EntryNotFound:
        raise web.HTTPNotFound() from None


@routes.get(f"/fiches/{SLUG}")
async def entry_page(request: web.Request) -> web.Response:
    """Show the edit form of an entry."""
    entry = await _entry_or_404(request, request.match_info["slug"])
    return await edit_page(request, entry, form_from_entry(entry), [])


@routes.post(f"/fiches/{SLUG}")
async def entry_save(request: web.Request) -> web.Response:
    """Preview or save the edit form; an invalid form is shown again with its reasons."""
    slug = request.match_info["slug"]
    entry = await _entry_or_404(request, slug)
    posted = await read_form(request)
    form = {name: posted[name] for name in FIELDS if name in posted}
    backoffice = services(request)
    try:
        if posted.get("action") == "apercu":
            edited = await in_thread(backoffice.editor.preview, slug, form)
            body = preview_html(edited.body)
            return await edit_page(request, entry, form, [], preview=(edited, body))
        published = await in_thread(backoffice.curation.save, request[STAFF], slug, form)
    except NotPublishable as refused:
        return await edit_page(request, entry, form, [], status=400, refused=refused)
    except InvalidEntry as error:
        return await edit_page(request, entry, form, error.reasons, status=400)
    return done(slug, "saved", published)


@routes.post(f"/fiches/{SLUG}/publier")
async def entry_publish(request: web.Request) -> web.Response:
    """Publish an entry."""
    return await _status_change(request, "publish", "published")


@routes.post(f"/fiches/{SLUG}/archiver")
async def entry_archive(request: web.Request) -> web.Response:
    """Archive an entry."""
    return await _status_change(request, "archive", "archived")


async def _status_change(request: web.Request, action: str, code: str) -> web.Response:
    slug = request.match_info["slug"]
    entry = await _entry_or_404(request, slug)
    curation = services(request).curation
    try:
        published = await in_thread(getattr(curation, action), request[STAFF], slug)
    except NotPublishable as refused:
        form = form_from_entry(entry)
        return await edit_page(request, entry, form, [], status=400, refused=refused)
    except InvalidEntry as error:
        return await edit_page(request, entry, form_from_entry(entry), error.reasons, status=400)
    return done(slug, code, published)


@routes.get(f"/fiches/{SLUG}/historique")
async def entry_history(request: web.Request) -> web.Response:
    """List the versions of an entry."""
    slug = request.match_info["slug"]
    entry = await _entry_or_404(request, slug)
    versions = await in_thread(services(request).editor.history, slug)
    return render(request, "kb_history.html", entry=entry, versions=versions)


@routes.get(f"/fiches/{SLUG}/diff")
async def entry_diff(request: web.Request) -> web.Response:
    """Show what changed between two versions."""
    slug = request.match_info["slug"]
    entry = await _entry_or_404(request, slug)
    try:
        old, new = int(request.query.get("de", "")), int(request.query.get("a", ""))
        lines = await in_thread(services(request).editor.diff, slug, old, new)
    except (ValueError, EntryNotFound):
        return message(request, 404, texts.NOT_FOUND)
    return render(request, "kb_diff.html", entry=entry, lines=lines, old=old, new=new)


@routes.post(f"/fiches/{SLUG}/restaurer")
async def entry_restore(request: web.Request) -> web.Response:
    """Make an earlier version current again."""
    slug = request.match_info["slug"]
    await _entry_or_404(request, slug)
    posted = await read_form(request)
    try:
        version = int(posted.get("version", ""))
        published = await in_thread(
            services(request).curation.restore, request[STAFF], slug, version
        )
    except (ValueError, EntryNotFound):
        return message(request, 404, texts.NOT_FOUND)
    except InvalidEntry as error:
        return message(request, 400, "; ".join(error.reasons))
    return done(slug, "restored", published)
