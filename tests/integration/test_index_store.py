"""Index builds are swapped in atomically and readers follow the swap."""

import contextlib

from knowledge.search.engine import Searcher
from knowledge.search.index import FORMAT_FILE, IndexStore
from knowledge.search.synonyms import SynonymTable
from tests.fakes import make_entry


def test_a_searcher_sees_a_rebuilt_index_without_being_restarted(tmp_path):
    store = IndexStore(tmp_path)
    store.build([make_entry("budget-participatif")])
    searcher = Searcher(store, SynonymTable([]))
    assert searcher.search("budget participatif").candidates[0].slug == "budget-participatif"
    store.build([make_entry("ccspl", title="La commission consultative des services publics")])
    assert searcher.search("commission consultative").candidates[0].slug == "ccspl"


def test_only_the_current_and_previous_builds_are_kept(tmp_path):
    store = IndexStore(tmp_path)
    for _ in range(4):
        store.build([make_entry()])
    builds = sorted(p.name for p in tmp_path.glob("build-*"))
    assert len(builds) == 2
    assert store.current().name in builds


def test_a_failed_build_leaves_the_current_index_in_place(tmp_path):
    store = IndexStore(tmp_path)
    store.build([make_entry()])
    before = store.current()

    def broken():
        yield make_entry("ccspl")
        raise RuntimeError("disk full")

    with contextlib.suppress(RuntimeError):
        store.build(broken())
    assert store.current() == before
    assert len(list(tmp_path.glob("build-*"))) == 1


def test_a_folder_without_any_build_reports_no_index(tmp_path):
    store = IndexStore(tmp_path)
    assert not store.exists()
    assert store.fingerprint() is None


def test_a_build_of_an_older_layout_is_reported_missing_so_that_it_is_rebuilt(tmp_path):
    store = IndexStore(tmp_path)
    store.build([make_entry()])
    assert store.exists()
    (store.current() / FORMAT_FILE).write_text("1", encoding="utf-8")
    assert not store.exists()


def test_the_statistics_count_an_entry_once_whatever_the_fields_a_term_is_in(tmp_path):
    store = IndexStore(tmp_path)
    store.build([make_entry(), make_entry("ccspl", title="La commission consultative")])
    figures = store.statistics()
    assert figures.documents == 2
    # "budget" is in the first entry's title, questions and text; the copy has it too.
    assert figures.frequencies["budget"] == 2
    assert figures.frequencies["commiss"] == 1
    assert {"reglement", "participatif", "commission"} <= figures.vocabulary
