"""Our evaluation figures agree with the shared scoring script."""

import importlib.util
import json

import pytest

from routing.curation.evaluation import score
from tests.conftest import SHARED

QUESTIONS = [
    {"id": "1", "text": "a", "expect": "x"},
    {"id": "2", "text": "b", "expect": "y"},
    {"id": "3", "text": "c", "expect": ["z", "@escalate"]},
    {"id": "4", "text": "d", "expect": "@escalate"},
    {"id": "5", "text": "e", "expect": "@out_of_scope"},
    {"id": "6", "text": "f", "expect": "w"},
]
ANSWERS = [
    {"id": "1", "decision": "answer", "results": [{"slug": "x"}]},
    {"id": "2", "decision": "answer", "results": [{"slug": "x"}, {"slug": "y"}]},
    {"id": "3", "decision": "escalate", "results": []},
    {"id": "4", "decision": "clarify", "results": [{"slug": "x"}]},
    {"id": "5", "decision": "escalate", "results": []},
    {"id": "6", "decision": "clarify", "results": [{"slug": "a"}, {"slug": "w"}]},
]


def test_figures_match_the_shared_score_script():
    script = SHARED / "eval" / "score.py"
    if not script.exists():
        pytest.skip("../shared/eval/score.py is not beside this checkout")
    spec = importlib.util.spec_from_file_location("shared_score", script)
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    expected = shared.score(QUESTIONS, ANSWERS)
    ours = score(
        (q, a["decision"], [r["slug"] for r in a["results"]])
        for q, a in zip(QUESTIONS, ANSWERS, strict=True)
    )
    for key, value in ours.figures.items():
        assert expected[key] == value, key
    assert [m.id for m in ours.misses] == [m["id"] for m in expected["misses"]]
    assert json.dumps(ours.figures)  # figures are plain JSON numbers


def test_a_confident_wrong_answer_counts_as_wrong():
    result = score([({"id": "1", "text": "", "expect": "x"}, "answer", ["y"])])
    assert result.figures["wrong_answer"] == 1.0
