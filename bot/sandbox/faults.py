"""Fault injection: make the next calls of a Bot API method fail on purpose."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

FAULT_KINDS = ("429", "500", "delay", "drop")
ANY_METHOD = "*"


@dataclass
class Fault:
    """A rule applied to the next `remaining` matching calls."""

    kind: str
    method: str = ANY_METHOD
    remaining: int = 1
    retry_after: int = 5
    delay: float = 1.0

    def matches(self, method: str) -> bool:
        """Tell whether this rule applies to a call of method (case-insensitive)."""
        return self.method == ANY_METHOD or self.method.lower() == method.lower()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form used by the control API."""
        return asdict(self)


class FaultInjector:
    """Ordered fault rules; the first matching rule wins."""

    def __init__(self) -> None:
        self.rules: list[Fault] = []

    def add(
        self,
        kind: str,
        method: str = ANY_METHOD,
        count: int = 1,
        retry_after: int = 5,
        delay: float = 1.0,
    ) -> Fault:
        """Add a rule; raise ValueError with a French message when it makes no sense."""
        if kind not in FAULT_KINDS:
            raise ValueError(
                f"Type de panne inconnu : {kind!r} (attendu : {', '.join(FAULT_KINDS)})."
            )
        if count < 1:
            raise ValueError("« count » doit être un entier supérieur ou égal à 1.")
        if retry_after < 1:
            raise ValueError("« retry_after » doit être un entier supérieur ou égal à 1.")
        if not 0 <= delay <= 120:
            raise ValueError("« delay » doit être compris entre 0 et 120 secondes.")
        fault = Fault(kind, method or ANY_METHOD, count, retry_after, delay)
        self.rules.append(fault)
        return fault

    def take(self, method: str) -> Fault | None:
        """Consume one use of the first rule matching method, if any."""
        for fault in self.rules:
            if fault.matches(method):
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self.rules.remove(fault)
                return fault
        return None

    def clear(self) -> None:
        """Remove every rule."""
        self.rules.clear()

    def to_list(self) -> list[dict[str, Any]]:
        """Return the active rules in JSON form."""
        return [fault.to_dict() for fault in self.rules]
