"""Gaps at scale: questions filed once when stored, pages reading stored clusters only."""

from __future__ import annotations

import random
import re
import string

from sqlalchemy import func, select

from knowledge.entries.forms import form_from_entry
from routing.answers.decision import Decision, DecisionKind
from routing.answers.hotline import Sender
from routing.curation.gap_upkeep import ANSWERED
from routing.safety.staff_access import StaffMember
from storage.curation.models import GapClusterRow, GapItemRow, GapResolutionRow
from tests.integration.backoffice.conftest import OFFICIAL, STAFF, text_of
from tests.integration.backoffice.test_gaps import group_sections

PLANTER = 7777
SOUP = "Comment organiser une fête de la soupe entre voisins ?"
SOUP_AGAIN = "organiser la fete de la soupe dans ma commune"
CANTEEN = "Quel est le tarif des cantines scolaires pour les enfants du village ?"
SOPHIE = StaffMember(STAFF, "Sophie", "csrf")
OUT = Decision(DecisionKind.OUT_OF_SCOPE, 0.1, (), "aucune fiche proche")


VOCABULARY = [
    "subvention",
    "piscine",
    "toiture",
    "gymnase",
    "cantine",
    "voirie",
    "parking",
    "eclairage",
    "marche",
    "cimetiere",
    "ecole",
    "crèche",
    "bibliotheque",
    "stade",
    "salle",
    "fontaine",
    "pont",
    "chemin",
    "foret",
    "riviere",
    "eglise",
]


def planted(number: int) -> str:
    """A long question full of e-mail-like and phone-like junk, 4,000 characters.

    The word run without "@" and the phone-like digit groups are what made the old e-mail
    pattern quadratic; each question speaks of other words, so they make many subjects.
    """
    words = " ".join(VOCABULARY[(number * 7 + i * 3) % len(VOCABULARY)] for i in range(4))
    junk = f"x{number}" + "a" * 300 + " b.c@d " + "06 12 34 56 7 " * 20 + "+33 1 " * 30
    contact = "jean.dupont@mairie-exemple.fr 06 12 34 56 78 "
    return ((f"{words} {contact}" + junk) * 8)[:4000]


def card(page: str) -> str:
    """Return the gaps card of the home page, as text."""
    return re.sub(
        r"<[^>]+>",
        "",
        re.search(r'class="card" href="/lacunes">(.*?)</a>', page, flags=re.S).group(1),
    )


def store_planted(env, count: int) -> None:
    hotline = env.container.hotline
    for number in range(count):
        hotline.store(Sender(PLANTER, "X"), planted(number), OUT)


def items(env) -> dict[int, tuple[int, bool, str]]:
    """Return question id: (cluster, open, text) of every filed gap question."""
    with env.container.session_factory() as session:
        rows = session.scalars(select(GapItemRow))
        return {r.question_id: (r.cluster_id, r.open, r.text) for r in rows}


async def test_four_hundred_planted_long_questions_leave_both_pages_usable(staff, env):
    store_planted(env, 400)
    soup = env.ask(SOUP)
    home = await staff.get("/")
    assert home.status == 200
    assert card(await text_of(home)).startswith("401 question(s) sans bonne réponse, en ")
    response = await staff.get("/lacunes")
    assert response.status == 200
    page = await text_of(response)
    sections = group_sections(page)
    # The junk shares its e-mail- and phone-like tokens: one subject, listed in part.
    [junk] = [s for s in sections if "400 question(s)" in s]
    assert "… et 380 autre(s) question(s) sur ce sujet" in junk
    assert any("soupe" in s for s in sections)
    assert "jean.dupont@mairie-exemple.fr" not in page
    assert "06 12 34 56 78" not in page
    assert "[e-mail]" in page and "[téléphone]" in page
    filed = items(env)
    assert all(len(text) <= 501 for _c, _o, text in filed.values())
    assert soup in filed and filed[soup][1] is True


async def test_many_subjects_are_listed_twenty_a_page(staff, env):
    rng = random.Random(13)
    hotline = env.container.hotline
    for _subject in range(45):
        words = " ".join("".join(rng.choices(string.ascii_lowercase, k=9)) for _w in range(3))
        hotline.store(Sender(OFFICIAL), f"{words} ?", OUT)
    first = await text_of(await staff.get("/lacunes"))
    assert len(group_sections(first)) == 20
    assert "45 question(s) en 45 sujet(s) · page 1 sur 3" in first
    assert "/lacunes?page=2" in first
    last = await text_of(await staff.get("/lacunes?page=3"))
    assert len(group_sections(last)) == 5
    assert "/lacunes?page=2" in last and "/lacunes?page=4" not in last


async def test_similar_questions_join_one_stored_cluster_and_different_ones_another(env):
    soup, soup_again, canteen = env.ask(SOUP), env.ask(SOUP_AGAIN), env.ask(CANTEEN)
    filed = items(env)
    assert filed[soup][0] == filed[soup_again][0]
    assert filed[canteen][0] != filed[soup][0]
    with env.container.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(GapClusterRow)) == 2


async def test_greetings_thanks_and_small_talk_decisions_are_never_gaps(staff, env):
    ids = [env.ask(text) for text in ("bonjour", "Merci beaucoup !", "ok", "Bonne journée")]
    small_talk = Decision("small_talk", 0.0, (), "politesse")
    talk = env.container.hotline.store(Sender(OFFICIAL), "Comment ça va le bot ?", small_talk)
    filed = items(env)
    assert not set(ids) & set(filed) and talk.question_id not in filed
    page = await text_of(await staff.get("/lacunes"))
    assert "Aucune lacune" in page
    assert card(await text_of(await staff.get("/"))).startswith("0 question(s)")


async def test_a_clarification_settled_by_one_click_leaves_the_list(staff, env):
    hotline = env.container.hotline
    asked = hotline.ask(Sender(OFFICIAL), "concertation")
    assert asked.decision.kind == DecisionKind.CLARIFY
    other = hotline.ask(Sender(OFFICIAL), "concertation préalable")
    assert "concertation" in await text_of(await staff.get("/lacunes"))
    hotline.choose(Sender(OFFICIAL), asked.question_id, asked.decision.best.slug)
    hotline.choose(Sender(OFFICIAL), other.question_id, None)  # "none of them": still a gap
    filed = items(env)
    assert filed[asked.question_id][1] is False
    if other.question_id in filed:
        assert filed[other.question_id][1] is True
    with env.container.session_factory() as session:
        resolution = session.get(GapResolutionRow, asked.question_id)
        assert (resolution.action, resolution.user_id) == ("choisie", OFFICIAL)


async def test_a_not_useful_judgement_after_a_click_puts_the_question_back(env):
    hotline = env.container.hotline
    asked = hotline.ask(Sender(OFFICIAL), "concertation")
    slug = asked.decision.best.slug
    hotline.choose(Sender(OFFICIAL), asked.question_id, slug)
    hotline.feedback(Sender(OFFICIAL), asked.question_id, slug, False)
    assert items(env)[asked.question_id][1] is True


async def test_questions_a_saved_entry_now_answers_leave_the_list_at_save_time(staff, env):
    soup, canteen = env.ask(SOUP), env.ask(CANTEEN)
    form = soup_form(env)
    response = await staff.post("/fiches/budget-participatif", data=form)
    assert response.status == 303
    filed = items(env)
    assert filed[soup][1] is False and filed[canteen][1] is True
    with env.container.session_factory() as session:
        resolution = session.get(GapResolutionRow, soup)
        assert (resolution.action, resolution.slug) == (ANSWERED, "budget-participatif")
    page = await text_of(await staff.get("/lacunes"))
    assert "soupe" not in page and "cantines" in page


async def test_a_group_larger_than_the_page_shows_how_many_more_it_holds(staff, env):
    hotline = env.container.hotline
    for number in range(35):
        hotline.store(Sender(OFFICIAL), f"fête de la soupe entre voisins numéro {number}", OUT)
    page = await text_of(await staff.get("/lacunes"))
    [section] = group_sections(page)
    assert "35 question(s)" in section
    assert "… et 15 autre(s) question(s) sur ce sujet" in section
    assert len(re.findall(r'name="q"', section)) == 20


async def test_an_absurd_page_number_shows_an_empty_page_not_an_error(staff, env):
    env.ask(CANTEEN)
    for page in ("999999999999999999999999", "abc", "0"):
        assert (await staff.get(f"/lacunes?page={page}")).status == 200


async def test_erasing_a_person_removes_their_questions_from_the_gaps_list(env):
    question = env.ask("Rappelez-moi au 06 12 34 56 78 pour la fête de la soupe")
    assert question in items(env)
    env.container.privacy.erase(OFFICIAL)
    assert question not in items(env)


async def test_a_save_re_decides_only_the_questions_close_to_the_entry(staff, env):
    store_planted(env, 60)
    rng = random.Random(5)
    for _subject in range(60):
        words = " ".join("".join(rng.choices(string.ascii_lowercase, k=9)) for _w in range(3))
        env.container.hotline.store(Sender(OFFICIAL), f"{words} ?", OUT)
    soup = env.ask(SOUP)
    answers = env.backoffice.notifier.answers
    decided = []
    answer = answers.answer
    answers.answer = lambda text, *args: decided.append(text) or answer(text, *args)
    try:
        published = env.backoffice.curation.save(SOPHIE, "budget-participatif", soup_form(env))
    finally:
        answers.answer = answer
    assert published.told == 1  # the soup question's author is told
    assert items(env)[soup][1] is False
    assert 0 < len(decided) <= 4  # the soup question (for the notice and the list), not 121


def soup_form(env) -> dict:
    """The edit form of the budget entry with a question on the soup party added."""
    entry = env.backoffice.editor.get("budget-participatif")
    return form_from_entry(entry) | {
        "questions": "\n".join([*entry.questions, "organiser une fête de la soupe entre voisins"]),
        "action": "enregistrer",
    }
