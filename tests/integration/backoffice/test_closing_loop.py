"""Closing the loop: officials are told once when an edit answers their earlier question."""

from __future__ import annotations

from datetime import timedelta

from click.testing import CliRunner
from sqlalchemy import select

from bot.cli.main import cli
from bot.views.answer_notices import render_answer_notice
from knowledge.entries.forms import form_from_entry
from knowledge.entries.markdown_format import to_markdown
from routing.curation.closing_loop import ANSWER_NOTICE, paris_date
from routing.safety.staff_access import StaffMember
from storage.tickets.models import OutboxRow
from tests.integration.backoffice.conftest import OFFICIAL, STAFF, text_of

SOUP = "Comment organiser une fête de la soupe entre voisins ?"
SOPHIE = StaffMember(STAFF, "Sophie", "csrf")


def notices(env) -> list[OutboxRow]:
    """Return the answer notices in the outbox."""
    with env.container.session_factory() as session:
        return list(session.scalars(select(OutboxRow).where(OutboxRow.kind == ANSWER_NOTICE)))


def add_soup_question(env):
    """Edit the budget entry so that it answers the soup question."""
    return env.backoffice.curation.save(SOPHIE, "budget-participatif", soup_form(env))


def soup_form(env) -> dict:
    entry = env.backoffice.editor.get("budget-participatif")
    return form_from_entry(entry) | {
        "questions": "\n".join([*entry.questions, "organiser une fête de la soupe entre voisins"]),
    }


async def test_an_edit_tells_the_official_whose_question_it_now_answers(staff, env):
    question = env.ask(SOUP)
    response = await staff.post("/fiches/budget-participatif", data=soup_form(env))
    page = await text_of(await staff.get(response.headers["Location"]))
    assert "1 personne(s) prévenue(s)" in page
    [row] = notices(env)
    assert row.chat_id == OFFICIAL
    entry = env.backoffice.editor.get("budget-participatif")
    assert row.payload["slug"] == "budget-participatif"
    assert row.payload["short_answer"] == entry.short_answer
    assert row.payload["question_id"] == question
    reply = render_answer_notice(row.payload)
    today = paris_date(env.backoffice.access.now())
    assert f"Une réponse à votre question du {today} est disponible" in reply.text
    assert "/notifications off" in reply.text


def test_an_official_is_told_only_once(env):
    env.ask(SOUP)
    assert add_soup_question(env).told == 1
    env.backoffice.curation.archive(SOPHIE, "budget-participatif")
    assert env.backoffice.curation.publish(SOPHIE, "budget-participatif").told == 0
    assert len(notices(env)) == 1


def test_several_questions_of_one_person_make_one_message(env):
    env.ask(SOUP)
    env.ask("organiser une fête de la soupe entre voisins ?")
    assert add_soup_question(env).told == 1
    assert len(notices(env)) == 1


def test_an_official_who_turned_notices_off_is_not_told(env):
    env.ask(SOUP)
    env.backoffice.notifier.set_enabled(OFFICIAL, False)
    assert env.backoffice.notifier.enabled(OFFICIAL) is False
    assert add_soup_question(env).told == 0
    assert notices(env) == []
    env.backoffice.notifier.set_enabled(OFFICIAL, True)
    assert env.backoffice.notifier.enabled(OFFICIAL) is True


def test_questions_answered_by_another_entry_or_too_old_are_left_alone(env):
    env.ask("Les conseils de quartier sont-ils obligatoires ?")  # already answered
    notifier = env.backoffice.notifier
    env.ask(SOUP)
    notifier.lookback = timedelta(0)  # the question is now older than the window
    assert add_soup_question(env).told == 0
    assert notices(env) == []


def test_a_draft_tells_nobody_until_it_is_published(env):
    env.ask(SOUP)
    curation = env.backoffice.curation
    curation.archive(SOPHIE, "budget-participatif")
    assert add_soup_question(env).told == 0
    assert curation.publish(SOPHIE, "budget-participatif").told == 1


def test_kb_import_closes_the_loop_too(env, tmp_path):
    env.ask(SOUP)
    entry = env.backoffice.editor.get("budget-participatif")
    file = tmp_path / "budget-participatif.md"
    edited = to_markdown(entry).replace(
        "questions:\n", "questions:\n- organiser une fête de la soupe entre voisins\n", 1
    )
    file.write_text(edited, encoding="utf-8")
    settings = env.container.settings
    result = CliRunner().invoke(
        cli,
        ["kb", "import", str(file)],
        env={"HOTLINE_DATA_DIR": str(settings.data_dir), "HOTLINE_DATABASE_URL": ""},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "1 fiche(s) mises à jour" in result.output
    assert "1 personne(s) prévenue(s)" in result.output
    assert [row.chat_id for row in notices(env)] == [OFFICIAL]
