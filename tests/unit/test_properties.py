"""Property-based tests: the decision function, button payloads and the intake parsers."""

from __future__ import annotations

import contextlib
import inspect
from datetime import UTC, datetime, timedelta

import phonenumbers
from aiogram.filters.callback_data import CallbackData
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.views import callbacks
from bot.views.appointment_time import UnreadableTime, parse_appointment
from knowledge.search.engine import Candidate, SearchResult
from knowledge.search.ranking import Features
from routing.answers.decision import DecisionKind, Signals, Thresholds, decide
from routing.errors import InvalidContact
from routing.tickets.contact import parse_email, parse_phone

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CALLBACK_CLASSES = [
    kind
    for _name, kind in inspect.getmembers(callbacks, inspect.isclass)
    if issubclass(kind, CallbackData) and kind is not CallbackData
]

unit = st.floats(min_value=0, max_value=1, allow_nan=False)
features = st.builds(Features, bm25=unit, coverage=unit, fuzzy=unit, known=unit)
candidates = st.lists(
    st.builds(
        Candidate,
        slug=st.text(min_size=1, max_size=20),
        title=st.text(max_size=20),
        group=st.sampled_from(["droit", "methode", "theme", "offre"]),
        score=unit,
        features=features,
    ),
    max_size=6,
).map(lambda found: tuple(sorted(found, key=lambda c: -c.score)))


@st.composite
def thresholds(draw) -> Thresholds:
    clarify, answer = sorted((draw(unit), draw(unit)))
    return Thresholds(answer=answer, clarify=clarify, margin=draw(unit))


signals = st.builds(
    Signals,
    asks_for_human=st.booleans(),
    small_talk=st.sampled_from(["", "", "greeting", "thanks"]),
    language=st.sampled_from(["fr", "fr", "en"]),
    follows_up=st.booleans(),
    in_scope=unit,
)


@FAST
@given(candidates, signals, thresholds(), st.text())
def test_any_search_result_gets_a_valid_decision(found, said, limits, text):
    result = SearchResult(text=text, terms=tuple(text.split()), candidates=found)
    decision = decide(result, said, limits)
    assert decision.kind in set(DecisionKind)
    assert 0 <= decision.confidence <= 1
    assert decision.candidates == found
    if said.small_talk:
        assert decision.kind == DecisionKind.SMALL_TALK
    elif said.follows_up:
        assert decision.kind == DecisionKind.FOLLOW_UP
    elif said.asks_for_human:
        assert decision.kind == DecisionKind.ESCALATE
    elif said.language != "fr" or not found:
        assert decision.kind == DecisionKind.OUT_OF_SCOPE
    elif decision.kind == DecisionKind.ANSWER:
        assert decision.confidence >= limits.answer


@FAST
@given(st.sampled_from(CALLBACK_CLASSES), st.text(max_size=80), st.booleans())
def test_random_button_data_never_breaks_decoding(kind, text, with_prefix):
    data = f"{kind.__prefix__}:{text}" if with_prefix else text
    # ValueError (pydantic's included) and TypeError are what aiogram raises for data that
    # is not this button; anything else would crash the filter.
    with contextlib.suppress(ValueError, TypeError):
        kind.unpack(data)


# The widest values each field takes in the bot: ids up to 2**31, slugs up to 48 characters
# (entry validation), short action names and values, Unix times for confirmations.
ID = st.integers(min_value=0, max_value=2**31 - 1)
SLUG = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=48)
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8)
VALUE = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", max_size=12)
TEXT_FIELDS = {
    "s": SLUG,
    "a": WORD,
    "v": VALUE,
    "g": st.sampled_from(["", "droit", "methode", "theme", "offre"]),
}
NUMBER_FIELDS = {
    "u": st.integers(min_value=0, max_value=1),
    "ok": st.integers(min_value=0, max_value=1),
    "n": st.integers(min_value=0, max_value=99),
    "p": st.integers(min_value=0, max_value=999),
}


def field_values(annotation, name: str) -> st.SearchStrategy:
    if annotation is int or annotation == "int":
        return NUMBER_FIELDS.get(name, ID)
    return TEXT_FIELDS.get(name, WORD)


def payloads(kind) -> st.SearchStrategy:
    fields = {name: field_values(info.annotation, name) for name, info in kind.model_fields.items()}
    return st.builds(kind, **fields)


@FAST
@given(st.sampled_from(CALLBACK_CLASSES).flatmap(payloads))
def test_every_button_payload_packs_under_64_bytes_and_round_trips(payload):
    packed = payload.pack()
    assert len(packed.encode("utf-8")) <= 64, packed
    assert type(payload).unpack(packed) == payload


def test_every_button_class_of_the_bot_is_found_and_has_only_numbers_and_words():
    assert callbacks.EraseMyData in CALLBACK_CLASSES and len(CALLBACK_CLASSES) >= 16
    for kind in CALLBACK_CLASSES:
        assert {info.annotation for info in kind.model_fields.values()} <= {int, str, "int", "str"}


phone_like = st.text(alphabet="0123456789 +-.()", max_size=25)


@FAST
@given(st.one_of(st.text(max_size=40), phone_like))
def test_a_phone_is_either_a_valid_e164_number_or_a_french_refusal(text):
    try:
        number = parse_phone(text)
    except InvalidContact as error:
        assert error.field == "phone" and error.reason
        return
    assert number.startswith("+")
    assert phonenumbers.is_valid_number(phonenumbers.parse(number))


@FAST
@given(st.one_of(st.text(max_size=60), st.emails().map(str)))
def test_an_email_is_either_accepted_with_an_at_sign_or_refused_in_french(text):
    try:
        address = parse_email(text)
    except InvalidContact as error:
        assert error.field == "email" and error.reason
        return
    assert "@" in address and address == address.strip()


NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
date_like = st.text(alphabet="0123456789/:h .-demainlundijeudiàà", max_size=30)


@FAST
@given(st.one_of(st.text(max_size=40), date_like))
def test_an_appointment_time_is_in_the_coming_year_or_refused_in_french(text):
    try:
        at = parse_appointment(text, NOW)
    except UnreadableTime as error:
        assert str(error) or error.args
        return
    assert NOW < at <= NOW + timedelta(days=366)
    assert at.tzinfo is not None
