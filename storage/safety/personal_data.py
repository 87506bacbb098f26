"""Every column of every table, sorted into what can hold a person's data and what cannot.

A test checks this registry against the SQLAlchemy models (a new column must be placed here)
and, after an official's erasure, that no PERSONAL column still holds anything of them.
"""

from __future__ import annotations

ID = "id"  # a Telegram user id
TEXT = "text"  # text the person wrote, or their name or contact details
JSON = "json"  # a JSON document that may copy any of the above

# Columns erasure must empty of the person: (table, column) -> what they may hold.
PERSONAL: dict[str, dict[str, str]] = {
    "users": {"id": ID, "first_name": TEXT, "username": TEXT},
    "questions": {"user_id": ID, "text": TEXT},
    "feedback": {"user_id": ID, "comment": TEXT},
    "advisor_requests": {"user_id": ID},
    "answer_notices": {"user_id": ID},
    "notification_preferences": {"user_id": ID},
    "conversation_states": {"key": TEXT, "data": JSON},
    "tickets": {
        "official_id": ID,
        "question": TEXT,
        "collectivite": TEXT,
        "phone": TEXT,
        "email": TEXT,
        "appointment_link": TEXT,
        "resolution": TEXT,
        "rating_comment": TEXT,
    },
    "ticket_events": {"actor_id": ID, "detail": TEXT},
    "jobs": {"payload": JSON, "dedupe_key": TEXT},
    "outbox": {"chat_id": ID, "payload": JSON, "dedupe_key": TEXT, "last_error": TEXT},
    "failed_deliveries": {"chat_id": ID, "payload": JSON, "error": TEXT},
    "blocked_users": {"reason": TEXT},
    "advisors": {"user_id": ID, "display_name": TEXT},
    "advisor_skills": {"user_id": ID},
    "backoffice_links": {"user_id": ID},
    "backoffice_sessions": {"user_id": ID},
}

# Kept on purpose after erasure, with the reason.
KEPT: dict[str, dict[str, str]] = {
    "blocked_users": {"user_id": "a block outlives erasure, or erasing would lift it"},
    "staff_actions": {"user_id": "the staff audit log: who changed the knowledge base"},
    "gap_resolutions": {"user_id": "the staff member who handled a gap"},
    "invitations": {"created_by": "staff who invited", "used_by": "the advisor who joined"},
    "kb_entry_versions": {"author": "staff or advisor who wrote a version"},
}

# Columns that hold nothing about a person (ids of rows, times, statuses, counters, hashes).
NOT_PERSONAL: dict[str, tuple[str, ...]] = {
    "users": ("role", "created_at", "last_seen_at"),
    "questions": ("id", "decision", "confidence", "candidates", "chosen_slug", "created_at"),
    "feedback": ("id", "question_id", "slug", "useful", "created_at"),
    "advisor_requests": ("id", "question_id", "origin", "created_at"),
    "answer_notices": ("question_id", "slug", "at"),
    "notification_preferences": ("answers", "updated_at"),
    "conversation_states": ("state", "updated_at"),
    "tickets": (
        "id",
        "official_role",
        "channel",
        "slots",
        "consent",
        "status",
        "advisor_id",
        "suggested_advisor_id",
        "topic_slugs",
        "question_id",
        "created_at",
        "claimed_at",
        "resolved_at",
        "appointment",
        "appointment_channel",
        "rating",
        "group_message_id",
        "appointment_status",
        "closed_at",
    ),
    "ticket_events": ("id", "ticket_id", "at", "kind"),
    "jobs": ("id", "kind", "ticket_id", "due_at", "done_at"),
    "outbox": (
        "id",
        "kind",
        "ticket_id",
        "due_at",
        "sent_at",
        "attempts",
        "message_id",
        "sending_since",
        "created_at",
    ),
    "failed_deliveries": (
        "id",
        "ticket_id",
        "method",
        "attempts",
        "next_try_at",
        "delivered_at",
        "created_at",
    ),
    "blocked_users": ("blocked_by", "blocked_at", "notified_at"),
    "advisors": ("active", "last_assigned_at", "created_at"),
    "advisor_skills": ("id", "skill"),
    "backoffice_links": ("id", "token_hash", "created_at", "expires_at", "used_at"),
    "backoffice_sessions": (
        "id",
        "token_hash",
        "csrf_token",
        "created_at",
        "expires_at",
        "ended_at",
    ),
    "staff_actions": ("id", "action", "target", "at"),
    "gap_resolutions": ("question_id", "action", "slug", "at"),
    "invitations": ("id", "code_hash", "role", "created_at", "expires_at", "used_at"),
    "kb_entries": (
        "id",
        "slug",
        "title",
        "group",
        "short_answer",
        "body",
        "questions",
        "keywords",
        "sources",
        "status",
        "reviewed_on",
        "review_by",
        "version",
        "updated_at",
    ),
    "kb_entry_versions": ("id", "slug", "version", "snapshot", "created_at"),
    "maintenance_runs": ("name", "last_run_at", "report"),
    "processed_updates": ("update_id", "received_at"),
}
