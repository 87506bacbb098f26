"""The `hotline` command end to end, on a SQLite file and a whoosh index in a temp dir."""

import json

from click.testing import CliRunner

from bot.cli.main import cli
from knowledge.catalogue.service import SEED_DIR

JSONL_KEYS = {
    "slug",
    "title",
    "group",
    "short_answer",
    "body",
    "questions",
    "keywords",
    "sources",
    "cites",
    "status",
    "reviewed_on",
    "review_by",
    "version",
}

# The seed content, counted rather than written down, so adding an entry changes no test.
SEEDED = len(list(SEED_DIR.glob("*.md")))


def test_a_fresh_data_directory_is_seeded_by_the_first_command(hotline):
    result = hotline("kb", "list")
    assert result.exit_code == 0
    assert "budget-participatif" in result.output
    assert f"{SEEDED} fiche(s)" in result.output


def test_ask_prints_the_decision_the_answer_and_the_other_candidates(hotline):
    result = hotline("ask", "Les conseils de quartier sont-ils obligatoires ?")
    assert result.exit_code == 0
    assert "Décision : Réponse" in result.output
    assert "80 000" in result.output
    assert "Sources :" in result.output and "L2143-1" in result.output
    assert "Fiches candidates :" in result.output


def test_answer_jsonl_writes_one_decision_per_line_in_order(hotline):
    lines = [
        {"id": "a", "text": "je veux parler a un conseiller"},
        {"id": "b", "text": "recette de la ratatouille"},
        {"id": "c", "text": "budget participatif petite commune"},
    ]
    stdin = "\n".join(json.dumps(line) for line in lines) + "\nnot json\n"
    result = hotline("answer", "--jsonl", input=stdin)
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["id"] for a in answers] == ["a", "b", "c"]
    assert [a["decision"] for a in answers] == ["escalate", "out_of_scope", "answer"]
    assert answers[2]["results"][0]["slug"] == "budget-participatif"
    assert all(0 <= r["score"] <= 1 for a in answers for r in a["results"])
    assert len(answers[2]["results"]) <= 5


def test_export_jsonl_gives_the_documented_keys(hotline):
    result = hotline("kb", "export", "--format", "jsonl")
    objects = [json.loads(line) for line in result.output.splitlines()]
    assert len(objects) == SEEDED
    assert all(set(o) == JSONL_KEYS for o in objects)


def test_markdown_export_reimports_as_unchanged(hotline, tmp_path):
    assert hotline("kb", "export", "--out", str(tmp_path)).exit_code == 0
    result = hotline("kb", "import", str(tmp_path))
    assert f"{SEEDED} fiche(s) inchangées" in result.output
    assert "0 fichier(s) invalide(s)" in result.output


def test_import_reports_created_updated_and_invalid_files(hotline, tmp_path):
    hotline("kb", "export", "--out", str(tmp_path))
    seeded = hotline("kb", "show", "ccspl").output
    version = int(seeded.split(", v", 1)[1].split("]", 1)[0])
    edited = tmp_path / "ccspl.md"
    edited.write_text(edited.read_text().replace("title: ", "title: (révisé) ", 1))
    new = (tmp_path / "ccspl.md").read_text().replace("slug: ccspl", "slug: nouvelle-fiche")
    (tmp_path / "nouvelle-fiche.md").write_text(new)
    (tmp_path / "cassee.md").write_text("---\nslug: cassee\n---\ncorps")
    result = hotline("kb", "import", str(tmp_path))
    assert result.exit_code == 1
    assert "1 fiche(s) créées : nouvelle-fiche" in result.output
    assert "1 fiche(s) mises à jour : ccspl" in result.output
    assert "1 fichier(s) invalide(s)" in result.output
    assert "cassee.md" in result.output and "title" in result.output
    shown = hotline("kb", "show", "ccspl")
    assert "(révisé)" in shown.output and f"v{version + 1}]" in shown.output


def test_show_an_unknown_slug_is_a_clear_message_not_a_traceback(hotline):
    result = hotline("kb", "show", "n-existe-pas")
    assert result.exit_code == 1
    assert "Aucune fiche avec le slug « n-existe-pas »" in result.output


def test_check_reports_a_broken_link_in_files(hotline, tmp_path):
    hotline("kb", "export", "--out", str(tmp_path))
    page = tmp_path / "ccspl.md"
    page.write_text(page.read_text() + "\nVoir [ceci](fiche:fiche-fantome).\n")
    result = hotline("kb", "check", str(tmp_path))
    assert result.exit_code == 1
    assert "fiche-fantome" in result.output


def test_reindex_rebuilds_and_counts_published_entries(hotline):
    result = hotline("kb", "reindex")
    assert result.exit_code == 0 and "fiche(s) publiée(s)" in result.output


def test_kb_eval_prints_the_figures_and_the_misses(hotline, tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps(
            {"id": "1", "text": "Comment créer un CMJ ?", "expect": "conseil-municipal-des-jeunes"}
        )
        + "\n"
        + json.dumps({"id": "2", "text": "Recette de la ratatouille", "expect": "ccspl"})
        + "\n"
    )
    result = hotline("kb", "eval", str(questions))
    assert "miss 2" in result.output
    assert "hit@1=0.5" in result.output


def test_invalid_settings_are_reported_in_french(tmp_path):
    env = {"HOTLINE_DATA_DIR": str(tmp_path), "HOTLINE_ANSWER_THRESHOLD": "2"}
    result = CliRunner().invoke(cli, ["kb", "list"], env=env)
    assert result.exit_code == 1
    assert "Réglages invalides" in result.output and "HOTLINE_ANSWER_THRESHOLD" in result.output


def test_db_upgrade_is_idempotent(hotline):
    assert hotline("db", "upgrade").exit_code == 0
    assert "Schéma à jour" in hotline("db", "upgrade").output
