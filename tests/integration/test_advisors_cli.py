"""`hotline advisors ...` on a SQLite file, and the ticket services the container builds."""

from datetime import UTC, datetime

from bot.app.container import build_container
from bot.settings import Settings
from knowledge.entries.records import EntryStatus
from routing.tickets.business_hours import FixedClock
from routing.tickets.model import Channel, IntakeRequest, OfficialRole


def test_staff_register_an_advisor_and_see_them_listed(hotline):
    result = hotline("advisors", "add", "1001", "--name", "Alice Martin")
    assert result.exit_code == 0
    assert "Alice Martin (1001) inscrit comme conseiller" in result.output
    assert hotline("advisors", "add", "1002", "--name", "Sam", "--role", "staff").exit_code == 0
    listed = hotline("advisors", "list").output
    assert "Alice Martin" in listed and "conseiller" in listed and "équipe" in listed
    assert "2 conseiller(s)" in listed


def test_skills_must_be_slugs_or_groups_of_the_knowledge_base(hotline):
    hotline("advisors", "add", "1003", "--name", "Bob")
    result = hotline("advisors", "skills", "1003", "budget-participatif", "droit")
    assert result.exit_code == 0
    assert "Bob : budget-participatif, droit" in result.output
    assert "Bob : budget-participatif, droit" in hotline("advisors", "skills", "1003").output
    refused = hotline("advisors", "skills", "1003", "jardinage")
    assert refused.exit_code == 1
    assert "« jardinage » n'est ni une fiche" in refused.output


def test_removing_an_unknown_advisor_says_so_in_french(hotline):
    result = hotline("advisors", "remove", "999999")
    assert result.exit_code == 1
    assert "999999 n'est pas un conseiller inscrit" in result.output


def test_a_removed_advisor_disappears_from_the_list(hotline):
    hotline("advisors", "add", "1004", "--name", "Claire")
    assert hotline("advisors", "remove", "1004").exit_code == 0
    assert "Claire" not in hotline("advisors", "list").output


def test_invite_prints_a_one_time_code_to_send_to_the_bot(hotline):
    result = hotline("advisors", "invite", "--role", "staff")
    assert result.exit_code == 0
    assert "Code d'invitation (équipe) :" in result.output
    assert "/rejoindre " in result.output and "valable jusqu'au" in result.output


def test_a_bad_role_is_refused_by_the_command_line(hotline):
    result = hotline("advisors", "add", "1005", "--name", "X", "--role", "chef")
    assert result.exit_code == 2


def test_the_container_wires_the_ticket_services_on_the_injected_clock(tmp_path):
    clock = FixedClock(datetime(2026, 12, 1, 9, tzinfo=UTC))
    settings = Settings(data_dir=tmp_path, database_url=None, advisors_chat_id=-100)
    container = build_container(settings, clock=clock)
    try:
        assert container.clock is clock and container.tickets.clock is clock
        container.advisors.add(10, "Alice")
        with container.uow() as uow:
            uow.users.seen(1, "Jeanne", None)
            uow.commit()
        question = "Peut-on confier le choix des jeux du square aux enfants du conseil municipal ?"
        opened = container.tickets.open_ticket(
            IntakeRequest(
                1,
                question,
                "Commune de Saint-Exemple",
                OfficialRole.ELU,
                Channel.PHONE,
                "0612345678",
                None,
                [],
                True,
            )
        )
        assert opened.ticket.topic_slugs  # found by the answer engine
        assert [i.kind for i in container.outbox.due(clock.now())] == ["group_card"]
        container.tickets.claim(opened.ticket.id, 10)
        container.tickets.close(opened.ticket.id, 10, "Oui, c'est possible.", add_to_kb=True)
        slug = container.tickets.events(opened.ticket.id)[-1].detail
        assert container.knowledge.get(slug).status == EntryStatus.DRAFT
        container.knowledge.reindex()
        found = container.answers.answer(question)
        assert slug not in [c.slug for c in found.candidates]  # drafts are never searched
    finally:
        container.close()
