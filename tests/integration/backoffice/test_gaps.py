"""The gaps page: grouping, escaping, and the actions taken from a group; drafts listed."""

from __future__ import annotations

import re
from dataclasses import replace

from knowledge.entries.records import EntryStatus
from routing.answers.decision import DecisionKind
from routing.answers.hotline import Sender
from tests.fakes import make_entry
from tests.integration.backoffice.conftest import OFFICIAL, text_of

SOUP = "Comment organiser une fête de la soupe entre voisins ?"
SOUP_AGAIN = "organiser la fete de la soupe dans ma commune"
SCRIPT = "<script>alert('x')</script> fête de la soupe ?"
OTHER = "Quel est le tarif des cantines scolaires pour les enfants du village ?"


def group_sections(html: str) -> list[str]:
    """Split the gaps page into its group sections."""
    return re.findall(r'<section class="gap">(.*?)</section>', html, flags=re.S)


async def test_similar_unanswered_questions_are_grouped_with_their_count(staff, env):
    for text in (SOUP, SOUP_AGAIN, OTHER):
        env.ask(text)
    sections = group_sections(await text_of(await staff.get("/lacunes")))
    soup = [s for s in sections if "soupe" in s]
    assert len(soup) == 1
    assert "2 question(s)" in soup[0]
    assert any("cantines" in s and "1 question(s)" in s for s in sections)


async def test_a_question_with_html_is_shown_escaped(staff, env):
    env.ask(SCRIPT)
    html = await (await staff.get("/lacunes")).text()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<script>" not in html


async def test_answers_judged_not_useful_are_gaps_too(staff, env):
    hotline = env.container.hotline
    asked = hotline.ask(Sender(OFFICIAL), "Comment organiser un budget participatif ?")
    assert asked.decision.kind == DecisionKind.ANSWER
    hotline.feedback(Sender(OFFICIAL), asked.question_id, "budget-participatif", False)
    page = await text_of(await staff.get("/lacunes"))
    assert "Comment organiser un budget participatif ?" in page
    assert "« Pas utile »" in page


async def test_adding_a_group_to_an_entry_makes_the_bot_answer_and_empties_the_group(staff, env):
    ids = [env.ask(SOUP), env.ask(SOUP_AGAIN)]
    assert "soupe" in await text_of(await staff.get("/lacunes"))
    response = await staff.post(
        "/lacunes/ajouter", data=[("q", str(i)) for i in ids] + [("slug", "budget-participatif")]
    )
    assert response.status == 303
    entry = env.backoffice.editor.get("budget-participatif")
    assert SOUP in entry.questions
    assert SOUP_AGAIN in entry.questions
    decision = env.container.answers.answer(SOUP)
    assert decision.kind == DecisionKind.ANSWER
    assert decision.best.slug == "budget-participatif"
    assert "soupe" not in await text_of(await staff.get("/lacunes"))


async def test_a_new_draft_starts_from_a_group_and_is_listed_with_the_drafts(staff, env):
    ids = [env.ask(SOUP), env.ask(SOUP_AGAIN)]
    response = await staff.post(
        "/lacunes/brouillon", data=[("q", str(i)) for i in ids] + [("groupe", "theme")]
    )
    assert response.status == 303
    slug = response.headers["Location"].split("/fiches/")[1].split("?")[0]
    draft = env.backoffice.editor.get(slug)
    assert draft.status == EntryStatus.DRAFT
    assert draft.group == "theme"
    assert set(draft.questions) == {SOUP, SOUP_AGAIN}
    assert slug.startswith("comment-organiser-une-fete-de-la-soupe")
    page = await text_of(await staff.get("/lacunes"))
    assert f'href="/fiches/{slug}"' in page
    assert "2 question(s)" not in page


async def test_drafts_made_by_advisors_from_resolved_tickets_are_listed(staff, env):
    draft = replace(make_entry("retour-conseiller"), title="Brouillon d'un conseiller")
    with env.container.uow() as uow:
        uow.entries.save(replace(draft, status=EntryStatus.DRAFT), "conseiller")
        uow.commit()
    page = await text_of(await staff.get("/lacunes"))
    assert "Brouillon d'un conseiller" in page


async def test_dismissed_questions_leave_the_page(staff, env):
    question = env.ask(OTHER)
    assert "cantines" in await text_of(await staff.get("/lacunes"))
    response = await staff.post("/lacunes/ignorer", data={"q": str(question)})
    assert response.status == 303
    assert "cantines" not in await text_of(await staff.get("/lacunes"))


async def test_an_action_without_questions_or_with_an_unknown_entry_is_refused(staff, env):
    response = await staff.post("/lacunes/ajouter", data={"slug": "budget-participatif"})
    assert response.status == 400
    assert "aucune question sélectionnée" in await text_of(response)
    question = env.ask(OTHER)
    response = await staff.post("/lacunes/ajouter", data={"q": str(question), "slug": "inconnue"})
    assert response.status == 400
    response = await staff.post("/lacunes/brouillon", data={"q": str(question), "groupe": "x"})
    assert response.status == 400
    assert "cantines" in await text_of(await staff.get("/lacunes"))


async def test_phone_numbers_and_e_mails_in_questions_are_masked_and_never_copied(staff, env):
    question = env.ask("Rappelez-moi au 06 12 34 56 78 ou a.b@mairie.fr pour la fête de la soupe")
    page = await text_of(await staff.get("/lacunes"))
    assert "Rappelez-moi au [téléphone] ou [e-mail] pour la fête de la soupe" in page
    assert "06 12 34 56 78" not in page
    assert "a.b@mairie.fr" not in page
    await staff.post("/lacunes/ajouter", data={"q": str(question), "slug": "budget-participatif"})
    questions = env.backoffice.editor.get("budget-participatif").questions
    assert "Rappelez-moi au [téléphone] ou [e-mail] pour la fête de la soupe" in questions
