"""Import semantics of the knowledge base, on an in-memory unit of work."""

import json
from pathlib import Path

from knowledge.catalogue.service import KnowledgeBase
from knowledge.entries.markdown_format import to_markdown
from knowledge.entries.records import entry_to_dict
from knowledge.search.index import IndexStore
from tests.fakes import FakeUnitOfWork, make_entry


def knowledge(tmp_path: Path, uow: FakeUnitOfWork | None = None) -> KnowledgeBase:
    return KnowledgeBase(uow or FakeUnitOfWork(), IndexStore(tmp_path / "index"))


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_importing_new_files_creates_entries_and_builds_the_index(tmp_path):
    folder = tmp_path / "in"
    write(folder, "a.md", to_markdown(make_entry("budget-participatif")))
    write(folder, "b.md", to_markdown(make_entry("ccspl")))
    kb = knowledge(tmp_path)
    report = kb.import_path(folder)
    assert sorted(report.created) == ["budget-participatif", "ccspl"]
    assert kb.index.exists()


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    path = write(tmp_path / "in", "a.md", to_markdown(make_entry()))
    kb = knowledge(tmp_path)
    kb.import_path(path)
    report = kb.import_path(path)
    assert report.unchanged == ["budget-participatif"] and not report.changed


def test_an_edited_file_updates_the_entry_and_bumps_its_version(tmp_path):
    kb = knowledge(tmp_path)
    path = write(tmp_path / "in", "a.md", to_markdown(make_entry()))
    kb.import_path(path)
    write(tmp_path / "in", "a.md", to_markdown(make_entry(title="Nouveau titre")))
    report = kb.import_path(path)
    assert report.updated == ["budget-participatif"]
    assert kb.get("budget-participatif").version == 2


def test_an_invalid_file_is_reported_and_nothing_of_it_is_written(tmp_path):
    folder = tmp_path / "in"
    write(folder, "good.md", to_markdown(make_entry("ccspl")))
    write(
        folder,
        "bad.md",
        to_markdown(make_entry("budget-participatif")).replace("group: methode", "group: x"),
    )
    kb = knowledge(tmp_path)
    report = kb.import_path(folder)
    assert report.created == ["ccspl"]
    assert [where for where, _ in report.invalid] == [str(folder / "bad.md")]
    assert [e.slug for e in kb.list()] == ["ccspl"]


def test_the_same_slug_twice_in_one_import_is_refused_the_second_time(tmp_path):
    folder = tmp_path / "in"
    write(folder, "a.md", to_markdown(make_entry()))
    write(folder, "b.md", to_markdown(make_entry(title="Autre")))
    report = knowledge(tmp_path).import_path(folder)
    assert report.created == ["budget-participatif"]
    assert "déjà" in report.invalid[0][1][0]


def test_jsonl_lines_import_independently(tmp_path):
    good = json.dumps(entry_to_dict(make_entry("ccspl")))
    path = write(tmp_path, "entries.jsonl", good + "\n{pas du json}\n")
    report = knowledge(tmp_path).import_path(path)
    assert report.created == ["ccspl"]
    assert report.invalid[0][0].endswith(":2")


def test_a_missing_path_is_reported_not_raised(tmp_path):
    report = knowledge(tmp_path).import_path(tmp_path / "absent")
    assert "introuvable" in report.invalid[0][1][0]


def test_seeding_happens_only_on_an_empty_base(tmp_path):
    folder = tmp_path / "seed"
    write(folder, "a.md", to_markdown(make_entry()))
    kb = knowledge(tmp_path)
    assert kb.ensure_seeded(folder).created == ["budget-participatif"]
    assert kb.ensure_seeded(folder) is None


def test_the_index_is_rebuilt_only_when_the_content_changed(tmp_path):
    kb = knowledge(tmp_path, FakeUnitOfWork([make_entry()]))
    assert kb.ensure_index() is True
    assert kb.ensure_index() is False
