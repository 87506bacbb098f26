"""All settings in one validated model, read from HOTLINE_* variables and an optional .env."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


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
        """Return the folder holding the search index builds."""
        return self.data_dir / "index"
