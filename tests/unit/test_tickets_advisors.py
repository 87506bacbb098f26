"""The advisors' directory: registration, skills and one-time invitations."""

from datetime import timedelta

import pytest

from routing.errors import InvalidInvitation, NotAllowed, UnknownAdvisor, UnknownSkill
from routing.records import Role
from routing.tickets.advisors import CODE_LENGTH, hash_code, normalise_code
from tests.unit.tickets_world import ALICE, BOB, OFFICIAL, SAM, STRANGER, World


@pytest.fixture
def world() -> World:
    return World()


def test_registered_advisors_are_listed_by_name_with_their_role(world):
    listed = world.advisors.list()
    assert [(a.name, a.role) for a in listed] == [
        ("Alice", Role.ADVISOR),
        ("Bob", Role.ADVISOR),
        ("Sam", Role.STAFF),
    ]
    assert world.advisors.role_of(ALICE) == Role.ADVISOR
    assert world.advisors.role_of(STRANGER) == Role.OFFICIAL


def test_the_list_counts_the_open_tickets_each_advisor_holds(world):
    world.claimed(ALICE)
    world.claimed(ALICE)
    counts = {a.user_id: a.open_tickets for a in world.advisors.list()}
    assert counts == {ALICE: 2, BOB: 0, SAM: 0}


def test_skills_are_knowledge_base_slugs_or_groups(world):
    advisor = world.advisors.set_skills(BOB, ["Droit", "budget-participatif", "droit"])
    assert advisor.skills == ("budget-participatif", "droit")
    with pytest.raises(UnknownSkill) as caught:
        world.advisors.set_skills(BOB, ["jardinage"])
    assert caught.value.skill == "jardinage"
    with pytest.raises(UnknownAdvisor):
        world.advisors.set_skills(STRANGER, ["droit"])


def test_removing_an_advisor_takes_their_role_away(world):
    world.claimed(BOB)
    assert world.advisors.remove(BOB) == 1
    assert world.advisors.role_of(BOB) == Role.OFFICIAL
    assert world.advisors.get(BOB) is None
    with pytest.raises(UnknownAdvisor):
        world.advisors.remove(BOB)


def test_an_invitation_code_makes_the_person_an_advisor_once(world):
    code = world.advisors.create_invitation(SAM)
    assert len(normalise_code(code)) == CODE_LENGTH
    joined = world.advisors.join(STRANGER, "Zoé", code.lower().replace("-", " "))
    assert (joined.name, joined.role) == ("Zoé", Role.ADVISOR)
    assert world.advisors.role_of(STRANGER) == Role.ADVISOR
    with pytest.raises(InvalidInvitation):
        world.advisors.join(OFFICIAL, "Jeanne", code)


def test_only_the_hash_of_the_code_is_stored(world):
    code = world.advisors.create_invitation(None, "staff")
    stored = world.uow.committed.advisors.invitations
    assert list(stored) == [hash_code(code)]
    assert code not in repr(stored) and normalise_code(code) not in repr(stored)


def test_an_expired_or_unknown_code_is_refused(world):
    code = world.advisors.create_invitation(SAM)
    world.clock.advance(timedelta(days=7))
    with pytest.raises(InvalidInvitation):
        world.advisors.join(STRANGER, "Zoé", code)
    with pytest.raises(InvalidInvitation):
        world.advisors.join(STRANGER, "Zoé", "AAAA-BBBB-CCCC")
    with pytest.raises(InvalidInvitation):
        world.advisors.join(STRANGER, "Zoé", "")
    assert world.advisors.role_of(STRANGER) == Role.OFFICIAL


def test_only_staff_can_create_invitations_from_the_chat(world):
    with pytest.raises(NotAllowed):
        world.advisors.create_invitation(ALICE)
    with pytest.raises(NotAllowed):
        world.advisors.create_invitation(STRANGER)


def test_a_staff_member_joining_with_an_advisor_code_stays_staff(world):
    code = world.advisors.create_invitation(SAM, "advisor")
    assert world.advisors.join(SAM, "Sam", code).role == Role.STAFF
