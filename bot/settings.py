"""All settings in one validated model, read from HOTLINE_* variables and an optional .env."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from routing.tickets.business_hours import parse_days, parse_hours


class Settings(BaseSettings):
    """Settings of the hotline; every field maps to a HOTLINE_<NAME> environment variable."""

    model_config = SettingsConfigDict(env_prefix="HOTLINE_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("var"), description="SQLite file and search index")
    database_url: str | None = Field(None, description="overrides the SQLite default")
    answer_threshold: float = Field(0.72, ge=0, le=1)
    clarify_threshold: float = Field(0.66, ge=0, le=1)
    clarify_margin: float = Field(0.06, ge=0, le=1)

    telegram_token: SecretStr | None = None
    telegram_api_base: str | None = None
    sandbox_port: int = Field(8080, ge=0, le=65535)
    advisors_chat_id: int | None = None
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(8081, ge=0, le=65535)
    backoffice_host: str = "127.0.0.1"
    backoffice_port: int = Field(8090, ge=0, le=65535)
    backoffice_base_url: str | None = Field(None, description="public address of the back-office")
    backoffice_session_hours: float = Field(8, gt=0, le=24 * 30)
    contact_retention_days: int = Field(90, ge=1, description="contact details, once resolved")
    log_retention_days: int = Field(365, ge=1, description="then questions are pseudonymised")
    # Named in /confidentialite (issue 11); the defaults say plainly they are for the demo.
    data_controller: str = Field(
        "ANCT – programme Territoires d'engagement (démonstration)",
        min_length=2,
        description="the data controller named in /confidentialite",
    )
    privacy_contact: str = Field(
        "dpo@anct-demo.example (adresse de démonstration)",
        min_length=3,
        description="where people exercise their rights",
    )
    flood_messages: int = Field(6, ge=1, description="messages a person may send per window")
    flood_window_seconds: float = Field(10, gt=0)
    log_file: Path | None = Field(None, description="also write the (redacted) logs there")
    # Tickets and advisors (issue 4).
    business_hours: str = Field("09:00-12:30,13:30-17:30", description="advisors' opening hours")
    business_days: str = Field("0-4", description="working weekdays, 0 is Monday")
    timezone: str = "Europe/Paris"
    # A float: fractions of a minute let a test see reminders fall due during its run.
    claim_reminder_minutes: float = Field(60, gt=0, description="unclaimed: remind the group")
    staff_escalation_minutes: int = Field(240, ge=1, description="unclaimed: tell staff")
    response_hours: float = Field(8, gt=0, description="business hours to answer a ticket")
    staff_chat_id: int | None = Field(None, description="else staff are told in private")
    # Ticket parties and retention (issue 12).
    max_open_requests: int = Field(3, ge=1, description="open requests one official may have")
    rating_comment_wait_minutes: float = Field(5, gt=0, description="then the rating goes alone")
    outbox_retention_days: int = Field(30, ge=1, description="sent and given-up messages")
    # Production (issue 15): several processes on one PostgreSQL, health, metrics, JSON logs.
    instance: str = Field("", pattern=r"^[A-Za-z0-9_.-]{0,40}$", description="process name")
    shutdown_seconds: float = Field(20, gt=0, description="SIGTERM: time to finish in hand")
    metrics_host: str = "127.0.0.1"
    metrics_port: int | None = Field(None, ge=0, le=65535, description="/healthz, /metrics")
    log_format: str = Field("text", pattern=r"^(text|json)$")

    @field_validator("business_hours")
    @classmethod
    def _valid_hours(cls, value: str) -> str:
        parse_hours(value)
        return value

    @field_validator("business_days")
    @classmethod
    def _valid_days(cls, value: str) -> str:
        if not parse_days(value):
            raise ValueError("au moins un jour ouvré est nécessaire")
        return value

    @field_validator("timezone")
    @classmethod
    def _valid_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"fuseau horaire inconnu : {value}") from None
        return value

    @model_validator(mode="after")
    def _ordered_thresholds(self) -> Settings:
        if self.clarify_threshold > self.answer_threshold:
            raise ValueError("HOTLINE_CLARIFY_THRESHOLD must not exceed HOTLINE_ANSWER_THRESHOLD")
        return self

    @property
    def sqlalchemy_url(self) -> str:
        """Return the database URL, defaulting to a SQLite file in the data directory."""
        return self.database_url or f"sqlite:///{(self.data_dir / 'hotline.db').resolve()}"

    @property
    def index_dir(self) -> Path:
        """Return the folder holding the search index builds (one per named instance)."""
        # Processes sharing a data folder must not prune each other's builds: one folder each.
        return self.data_dir / (f"index-{self.instance}" if self.instance else "index")

    @property
    def backoffice_url(self) -> str:
        """Return the address staff open the back-office at (no trailing slash)."""
        base = self.backoffice_base_url or f"http://{self.backoffice_host}:{self.backoffice_port}"
        return base.rstrip("/")
