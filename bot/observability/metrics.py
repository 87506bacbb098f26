"""The bot's Prometheus metrics, in one registry of their own (served on /metrics)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

# A registry of our own: tests may build several bots in one process without clashes of the
# default registry, and /metrics shows only what the hotline defines (plus process figures).
REGISTRY = CollectorRegistry(auto_describe=True)

UPDATES = Counter("hotline_updates_total", "Updates received, by type", ["type"], registry=REGISTRY)
DECISIONS = Counter(
    "hotline_decisions_total",
    "Decisions on officials' questions (answer, clarify, escalate...)",
    ["kind"],
    registry=REGISTRY,
)
HANDLING_SECONDS = Histogram(
    "hotline_update_handling_seconds",
    "Time from an update's arrival to the end of its handling (the answer sent)",
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
    registry=REGISTRY,
)
BOT_API_CALLS = Counter(
    "hotline_bot_api_calls_total",
    "Bot API calls by method and result code (200, 400, 429, 5xx, network)",
    ["method", "code"],
    registry=REGISTRY,
)
RETRY_AFTER_SECONDS = Counter(
    "hotline_retry_after_seconds_total",
    "Seconds waited because Telegram answered 429 Too Many Requests",
    registry=REGISTRY,
)
RATE_LIMIT_WAITS = Counter(
    "hotline_rate_limit_waits_total",
    "Times a message waited for the shared rate limits, by bucket",
    ["bucket"],
    registry=REGISTRY,
)
OUTBOX_BACKLOG = Gauge(
    "hotline_outbox_backlog", "Outbox messages waiting to be sent", registry=REGISTRY
)
OUTBOX_OLDEST_SECONDS = Gauge(
    "hotline_outbox_oldest_age_seconds",
    "Age of the oldest outbox message waiting (0 when empty)",
    registry=REGISTRY,
)
FAILED_DELIVERIES = Gauge(
    "hotline_failed_deliveries_pending",
    "Failed Bot API calls waiting for the retry loop",
    registry=REGISTRY,
)
TICKETS = Gauge("hotline_tickets", "Tickets by status", ["status"], registry=REGISTRY)
LEADER = Gauge(
    "hotline_leader",
    "1 when this process runs the outbox, jobs, retries and purge (the leader)",
    registry=REGISTRY,
)
INDEX_REBUILDS = Counter(
    "hotline_index_rebuilds_total",
    "Local search index rebuilds after a knowledge-base change",
    registry=REGISTRY,
)
DATABASE_UP = Gauge(
    "hotline_database_up", "1 when the last database probe succeeded", registry=REGISTRY
)
