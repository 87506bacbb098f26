"""Shared CLI plumbing: lazy container, and the one place domain errors become messages."""

from __future__ import annotations

import click
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError

from bot.app.container import Container, build_container
from bot.settings import Settings
from knowledge.catalogue.service import EntryNotFound


class AppContext:
    """Holds the container, built on first use so `--help` never touches the database."""

    def __init__(self) -> None:
        self._container: Container | None = None

    @property
    def container(self) -> Container:
        """Return the container, building it on first use."""
        if self._container is None:
            self._container = build_container(Settings())
        return self._container

    def close(self) -> None:
        """Release what the container holds."""
        if self._container is not None:
            self._container.close()


pass_app = click.make_pass_decorator(AppContext)


def error_message(error: Exception) -> str | None:
    """Turn a known error into a French message for the terminal; None if unknown."""
    if isinstance(error, EntryNotFound):
        return f"Aucune fiche avec le slug « {error.slug} ». Voir `hotline kb list`."
    if isinstance(error, ValidationError):
        fields = ", ".join(
            "HOTLINE_" + str(e["loc"][0]).upper() if e["loc"] else e["msg"] for e in error.errors()
        )
        return f"Réglages invalides : {fields}.\n{error}"
    if isinstance(error, OperationalError):
        return f"Base de données inaccessible : {error.orig}"
    return None


class HotlineGroup(click.Group):
    """A click group that reports domain errors as messages, not tracebacks."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            message = error_message(error)
            if message is None:
                raise
            raise click.ClickException(message) from error
