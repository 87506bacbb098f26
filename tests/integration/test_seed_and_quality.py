"""The shipped knowledge base, loaded into SQLite and indexed in a temp dir, answers well."""

from datetime import date

import pytest
import yaml

from knowledge.catalogue.service import SEED_DIR, read_entries
from knowledge.entries.checks import check_entries
from routing.answers.decision import DecisionKind
from routing.curation.evaluation import score
from tests.conftest import REPO, SHARED, load_jsonl


def evaluate(container, questions):
    items = []
    for question in questions:
        decision = container.answers.answer(question["text"])
        items.append((question, str(decision.kind), [c.slug for c in decision.candidates]))
    return score(items)


def test_every_catalogue_topic_has_a_published_entry_with_that_exact_slug(seeded_container):
    catalogue = SHARED / "kb" / "topics.yaml"
    if not catalogue.exists():
        pytest.skip("../shared/kb/topics.yaml is not beside this checkout")
    topics = set(yaml.safe_load(catalogue.read_text(encoding="utf-8")))
    slugs = {e.slug for e in seeded_container.knowledge.list()}
    assert topics <= slugs


def test_the_seed_content_passes_every_check():
    items = list(read_entries(SEED_DIR))
    problems = check_entries(items, date(2026, 11, 25))
    assert problems == []


def test_seed_entries_cite_sources_and_offer_six_or_more_phrasings(seeded_container):
    for entry in seeded_container.knowledge.list():
        assert entry.sources, entry.slug
        assert len(entry.questions) >= 6, entry.slug
        assert len(entry.short_answer) <= 700, entry.slug


def test_dev_set_figures_reach_the_targets(seeded_container):
    dev = SHARED / "eval" / "dev.jsonl"
    if not dev.exists():
        pytest.skip("../shared/eval/dev.jsonl is not beside this checkout")
    figures = evaluate(seeded_container, load_jsonl(dev)).figures
    assert figures["hit@1"] >= 0.95
    assert figures["answered_right"] >= 0.92
    assert figures["helped"] >= 0.95
    assert figures["wrong_answer"] <= 0.02
    assert figures["escalate_recall"] == 1.0
    assert figures["out_of_scope_ok"] >= 0.95
    assert figures["small_talk_ok"] >= 0.95


def test_an_independent_set_worded_differently_comes_close(seeded_container):
    # Written without looking at the dev set nor the entries: long stories, typos, slang.
    figures = evaluate(seeded_container, load_jsonl(REPO / "tests/data/validation.jsonl")).figures
    assert figures["hit@1"] >= 0.9
    assert figures["helped"] >= 0.9
    assert figures["wrong_answer"] <= 0.03
    assert figures["escalate_recall"] >= 0.95
    assert figures["out_of_scope_ok"] >= 0.9
    assert figures["small_talk_ok"] >= 0.95


def test_a_typo_ridden_question_without_accents_is_still_answered(seeded_container):
    decision = seeded_container.answers.answer("budjet particpatif dans une petite comune")
    assert decision.kind == DecisionKind.ANSWER
    assert decision.best.slug == "budget-participatif"
