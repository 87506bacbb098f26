"""Answer-quality figures on a labelled question set (same definitions as eval/score.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Miss:
    """A question the hotline did not handle as expected."""

    id: str
    text: str
    expect: str
    decision: str
    got: list[str]


@dataclass
class Scores:
    """The figures of one evaluation run."""

    questions: int = 0
    figures: dict[str, float | None] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    def line(self) -> str:
        """Return the figures on one line, as score.py prints them."""
        return " ".join(
            f"{k}={v}" for k, v in {"questions": self.questions, **self.figures}.items()
        )


def score(items: Iterable[tuple[dict, str, list[str]]]) -> Scores:
    """Score (question, decision, ranked slugs) triples; question has id, text and expect."""
    n_in = hit1 = hit3 = right = helped = wrong = n_esc = esc_ok = n_oos = oos_ok = 0
    n_talk = talk_ok = 0
    result = Scores()
    for question, decision, slugs in items:
        result.questions += 1
        expected = question["expect"]
        alts = expected if isinstance(expected, list) else [expected]
        first, want = alts[0], {x for x in alts if not x.startswith("@")}
        ok_esc = "@escalate" in alts and decision == "escalate"
        ok_oos = "@out_of_scope" in alts and decision in ("out_of_scope", "escalate")
        top = bool(slugs) and slugs[0] in want
        good = decision == "answer" and top
        ok_in = good or (decision == "clarify" and bool(want & set(slugs[:3])))
        ok_talk = "@small_talk" in alts and decision == "small_talk"
        ok = ok_esc or ok_oos or ok_talk or ok_in
        if first == "@escalate":
            n_esc += 1
            esc_ok += ok
        elif first == "@out_of_scope":
            n_oos += 1
            oos_ok += ok
        elif first == "@small_talk":
            n_talk += 1
            talk_ok += ok
        else:
            n_in += 1
            hit1 += top
            hit3 += bool(want & set(slugs[:3]))
            right += good
            helped += ok
            wrong += decision == "answer" and not top and not ok
        if not ok:
            result.misses.append(
                Miss(str(question.get("id")), question.get("text", ""), first, decision, slugs[:3])
            )

    def ratio(x: int, n: int) -> float | None:
        return round(x / n, 3) if n else None

    result.figures = {
        "hit@1": ratio(hit1, n_in),
        "hit@3": ratio(hit3, n_in),
        "answered_right": ratio(right, n_in),
        "helped": ratio(helped, n_in),
        "wrong_answer": ratio(wrong, n_in),
        "escalate_recall": ratio(esc_ok, n_esc),
        "out_of_scope_ok": ratio(oos_ok, n_oos),
        "small_talk_ok": ratio(talk_ok, n_talk),
    }
    return result
