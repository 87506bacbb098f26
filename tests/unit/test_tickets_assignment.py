"""Which advisor a new ticket's card suggests."""

from datetime import UTC, datetime

from routing.records import Role
from routing.tickets.assignment import suggest
from routing.tickets.model import Advisor


def advisor(user_id, skills=(), open_tickets=0, last=None, role=Role.ADVISOR, active=True):
    return Advisor(user_id, f"A{user_id}", role, active, tuple(skills), last, open_tickets)


def at(hour: int) -> datetime:
    return datetime(2026, 12, 1, hour, tzinfo=UTC)


def test_nobody_is_suggested_when_no_advisor_is_registered():
    assert suggest([], ["budget-participatif"]) is None
    assert suggest([advisor(1, active=False)], []) is None


def test_an_advisor_skilled_in_the_topic_is_preferred_even_if_busier():
    team = [advisor(1, open_tickets=0), advisor(2, skills=["budget-participatif"], open_tickets=3)]
    assert suggest(team, ["budget-participatif"]).user_id == 2


def test_a_skill_on_the_group_of_the_topic_counts_too():
    team = [advisor(1), advisor(2, skills=["droit"], open_tickets=2)]
    assert suggest(team, ["conseils-de-quartier"], ["droit"]).user_id == 2


def test_among_the_skilled_the_one_with_fewest_open_tickets_wins():
    team = [
        advisor(1, skills=["droit"], open_tickets=2),
        advisor(2, skills=["droit"], open_tickets=1),
        advisor(3, open_tickets=0),
    ]
    assert suggest(team, [], ["droit"]).user_id == 2


def test_without_any_skill_match_the_least_loaded_advisor_is_suggested():
    team = [advisor(1, open_tickets=2), advisor(2, open_tickets=1)]
    assert suggest(team, ["budget-participatif"]).user_id == 2


def test_on_equal_load_the_advisor_assigned_longest_ago_is_next_round_robin():
    team = [advisor(1, last=at(10)), advisor(2, last=at(9)), advisor(3, last=at(11))]
    assert suggest(team, []).user_id == 2
    team.append(advisor(4, last=None))
    assert suggest(team, []).user_id == 4


def test_staff_are_suggested_only_when_no_advisor_is_registered():
    staff = advisor(9, role=Role.STAFF)
    assert suggest([staff, advisor(5, open_tickets=4)], []).user_id == 5
    assert suggest([staff], []).user_id == 9


def test_inactive_advisors_are_never_suggested():
    team = [advisor(1, skills=["droit"], active=False), advisor(2, open_tickets=5)]
    assert suggest(team, [], ["droit"]).user_id == 2
