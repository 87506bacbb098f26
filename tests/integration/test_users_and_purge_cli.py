"""`hotline users block|unblock|list --blocked` and `hotline purge` on a real database."""

from __future__ import annotations


def test_staff_block_list_and_unblock_a_person(hotline):
    assert "Personne n'est bloqué" in hotline("users", "list", "--blocked").output
    blocked = hotline("users", "block", "5001", "--reason", "messages insultants")
    assert blocked.exit_code == 0 and "5001 est bloqué" in blocked.output
    listed = hotline("users", "list", "--blocked").output
    assert "5001" in listed and "messages insultants" in listed and "pas encore prévenu" in listed
    assert "1 personne(s) bloquée(s)" in listed
    assert hotline("users", "unblock", "5001").exit_code == 0
    assert "Personne n'est bloqué" in hotline("users", "list", "--blocked").output


def test_unblocking_someone_who_is_not_blocked_says_so(hotline):
    result = hotline("users", "unblock", "424242")
    assert result.exit_code == 1
    assert "424242 n'est pas bloqué" in result.output


def test_a_user_id_must_be_a_number(hotline):
    result = hotline("users", "block", "camille")
    assert result.exit_code == 2 and "camille" in result.output


def test_purge_applies_the_retention_and_reports_what_it_did(hotline):
    result = hotline("purge")
    assert result.exit_code == 0
    assert "coordonnées 90 jours après la clôture, questions 365 jours" in result.output
    assert "questions anciennes détachées de leur auteur" in result.output
