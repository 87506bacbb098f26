"""`hotline ateliers add|list|show|close|export` on a real SQLite database."""

from __future__ import annotations

import csv
import io

SESSIONS = ["2027-03-23 18:00", "2027-03-30 18:00", "2027-04-06 18:00", "2027-04-13 18:00"]


def add(hotline, *extra: str):
    args = [
        "ateliers",
        "add",
        "--theme",
        "Gestion des tensions",
        "--link",
        "https://v.example.org/g",
    ]
    for session in SESSIONS:
        args += ["--session", session]
    return hotline(*args, "--deadline", "2027-03-16 12:00", *extra)


def test_staff_add_list_show_close_and_export_a_cycle_in_paris_time(hotline):
    created = add(hotline, "--capacity", "12")
    assert created.exit_code == 0, created.output
    number = created.output.split("n° ")[1].split()[0]
    listed = hotline("ateliers", "list")
    assert "Gestion des tensions" in listed.output and "0/12" in listed.output
    shown = hotline("ateliers", "show", number)
    # 18:00 in Paris both sides of the change to summer time on 28 March.
    assert "Séance 1 : 23/03/2027 18:00" in shown.output
    assert "Séance 2 : 30/03/2027 18:00" in shown.output
    closed = hotline("ateliers", "close", number)
    assert "clos" in closed.output
    assert "clos" in hotline("ateliers", "list").output
    exported = hotline("ateliers", "export", number)
    header = next(csv.reader(io.StringIO(exported.output), delimiter=";"))
    assert header[:3] == ["statut", "collectivite", "role"] and header[-1] == "complet"


def test_a_cycle_with_three_sessions_or_a_bad_link_is_refused_in_french(hotline):
    args = ["ateliers", "add", "--theme", "Trois séances", "--link", "https://v.example.org/t"]
    for session in SESSIONS[:3]:
        args += ["--session", session]
    refused = hotline(*args, "--deadline", "2027-03-16 12:00")
    assert refused.exit_code == 1 and "exactement quatre séances" in refused.output
    no_link = add(hotline, "--link", "visio chez nous")
    assert no_link.exit_code == 1 and "https://" in no_link.output
    bad_date = add(hotline, "--deadline", "demain")
    assert bad_date.exit_code == 1 and "n'est pas une date" in bad_date.output
    assert "Aucun cycle n° 999" in hotline("ateliers", "show", "999").output
