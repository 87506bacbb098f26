"""Knowledge-base pages: list and filters, edit with preview, validation, publish, history."""

from __future__ import annotations

from knowledge.catalogue.editing import TO_WRITE
from knowledge.entries.forms import form_from_entry
from knowledge.entries.records import EntryStatus
from routing.answers.decision import DecisionKind
from tests.integration.backoffice.conftest import text_of

NEW_SUBJECT = "Comment organiser une fête de la soupe entre voisins ?"


def form_of(entry, **changes) -> dict:
    """Return the edit form of an entry, with some fields changed."""
    fields = form_from_entry(entry) | {
        "action": "enregistrer",
    }
    fields.update(changes)
    return fields


async def test_the_list_searches_without_accents_and_filters_by_group_and_status(staff):
    page = await text_of(await staff.get("/fiches?q=referendum"))
    assert "referendum-local" in page
    assert "budget-participatif" not in page
    droit = await text_of(await staff.get("/fiches?groupe=droit"))
    assert "referendum-local" in droit
    assert "budget-participatif" not in droit
    drafts = await text_of(await staff.get("/fiches?statut=draft"))
    assert "0 fiche(s)" in drafts


async def test_the_list_shows_entries_past_their_review_date(staff, env):
    entry = env.backoffice.editor.get("budget-participatif")
    form = form_of(entry, reviewed_on="2020-01-01", review_by="2021-01-01")
    await staff.post("/fiches/budget-participatif", data=form)
    overdue = await text_of(await staff.get("/fiches?relecture=1"))
    assert "budget-participatif" in overdue
    assert "1 fiche(s)" in overdue
    home = await text_of(await staff.get("/"))
    assert "À relire cette semaine" in home
    assert "01/01/2021" in home


async def test_an_edit_is_saved_re_indexed_and_then_found_by_the_decision_function(staff, env):
    answers = env.container.answers
    assert answers.answer(NEW_SUBJECT).kind != DecisionKind.ANSWER
    entry = env.backoffice.editor.get("budget-participatif")
    form = form_of(entry, questions="\n".join([*entry.questions, NEW_SUBJECT]))
    response = await staff.post("/fiches/budget-participatif", data=form)
    assert response.status == 303
    assert response.headers["Location"].startswith("/fiches/budget-participatif?ok=saved")
    saved = env.backoffice.editor.get("budget-participatif")
    assert saved.version == entry.version + 1
    assert NEW_SUBJECT in saved.questions
    decision = answers.answer(NEW_SUBJECT)
    assert decision.kind == DecisionKind.ANSWER
    assert decision.best.slug == "budget-participatif"
    page = await text_of(await staff.get(response.headers["Location"]))
    assert "Fiche enregistrée et index mis à jour." in page


async def test_an_invalid_edit_shows_the_reasons_in_french_and_saves_nothing(staff, env):
    entry = env.backoffice.editor.get("budget-participatif")
    form = form_of(entry, title="", questions="", review_by="bientôt", short_answer="x" * 800)
    response = await staff.post("/fiches/budget-participatif", data=form)
    assert response.status == 400
    page = await text_of(response)
    assert "champ « title » manquant" in page
    assert "au moins une question alternative est attendue" in page
    assert "date AAAA-MM-JJ attendue" in page
    assert "réponse courte trop longue" in page
    # The form keeps what was typed, so nothing is lost.
    assert "bientôt" in page
    assert env.backoffice.editor.get("budget-participatif") == entry
    assert len(env.backoffice.editor.history("budget-participatif")) == 1


async def test_the_preview_renders_markdown_escaped_and_saves_nothing(staff, env):
    entry = env.backoffice.editor.get("budget-participatif")
    body = "## Étapes\n\n**Vote** des <script>alert(1)</script>"
    form = form_of(entry, body=body, action="apercu")
    response = await staff.post("/fiches/budget-participatif", data=form)
    assert response.status == 200
    html = await response.text()
    assert "<b>Étapes</b>" in html
    assert "<b>Vote</b> des &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    assert env.backoffice.editor.get("budget-participatif") == entry


async def test_publish_and_archive_change_what_the_bot_answers_with(staff, env):
    question = "Comment organiser un budget participatif ?"
    answers = env.container.answers
    assert answers.answer(question).best.slug == "budget-participatif"
    response = await staff.post("/fiches/budget-participatif/archiver")
    assert response.status == 303
    assert env.backoffice.editor.get("budget-participatif").status == EntryStatus.ARCHIVED
    assert all(c.slug != "budget-participatif" for c in answers.answer(question).candidates)
    await staff.post("/fiches/budget-participatif/publier")
    assert env.backoffice.editor.get("budget-participatif").status == EntryStatus.PUBLISHED
    assert answers.answer(question).best.slug == "budget-participatif"


async def test_a_draft_still_to_write_cannot_be_published(staff, env):
    await staff.post("/lacunes/brouillon", data={"q": str(env.ask(NEW_SUBJECT)), "groupe": "theme"})
    draft = env.backoffice.curation.drafts()[0]
    assert draft.short_answer == TO_WRITE
    response = await staff.post(f"/fiches/{draft.slug}/publier")
    assert response.status == 400
    assert "encore à rédiger" in await text_of(response)
    assert env.backoffice.editor.get(draft.slug).status == EntryStatus.DRAFT


async def test_history_shows_versions_with_a_diff_and_restores_an_old_one(staff, env):
    entry = env.backoffice.editor.get("budget-participatif")
    seeded, edited = entry.version, entry.version + 1
    await staff.post("/fiches/budget-participatif", data=form_of(entry, title="Nouveau titre"))
    history = await text_of(await staff.get("/fiches/budget-participatif/historique"))
    assert f"v{edited}" in history
    assert "Sophie (900)" in history
    diff = await text_of(
        await staff.get(f"/fiches/budget-participatif/diff?de={seeded}&a={edited}")
    )
    assert f"- title: {entry.title}" in diff
    assert "+ title: Nouveau titre" in diff
    response = await staff.post(
        "/fiches/budget-participatif/restaurer", data={"version": str(seeded)}
    )
    assert response.status == 303
    restored = env.backoffice.editor.get("budget-participatif")
    assert restored.title == entry.title
    assert restored.version == edited + 1
    assert restored.status == EntryStatus.PUBLISHED


async def test_an_unknown_entry_or_version_is_a_french_404(staff):
    assert (await staff.get("/fiches/nexiste-pas")).status == 404
    response = await staff.get("/fiches/budget-participatif/diff?de=1&a=99")
    assert response.status == 404
    assert "Page introuvable" in await text_of(response)


def test_saving_the_same_content_writes_no_new_version(env):
    editor = env.backoffice.editor
    entry = editor.get("budget-participatif")
    form = form_of(entry)
    assert editor.save("budget-participatif", form, "test").changed is False
    assert editor.get("budget-participatif").version == entry.version
    assert len(editor.history("budget-participatif")) == 1
