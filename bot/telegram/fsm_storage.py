"""aiogram FSM storage in the project's database, so a restart resumes a flow."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, KeyBuilder, StorageKey


class DatabaseStorage(BaseStorage):
    """Keep each chat's state and data in the `conversation_states` table."""

    def __init__(self, uow_factory: Callable, key_builder: KeyBuilder | None = None) -> None:
        self.uow_factory = uow_factory
        self.key_builder = key_builder or DefaultKeyBuilder(with_destiny=True)

    async def set_state(self, key: StorageKey, state: str | State | None = None) -> None:
        """Set (or clear, with None) the state of a chat."""
        value = state.state if isinstance(state, State) else state
        with self.uow_factory() as uow:
            uow.states.put(self.key_builder.build(key), state=value or "")
            uow.commit()

    async def get_state(self, key: StorageKey) -> str | None:
        """Return the state of a chat."""
        with self.uow_factory() as uow:
            return uow.states.get(self.key_builder.build(key))[0]

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        """Replace the data of a chat (JSON-serialisable values only)."""
        with self.uow_factory() as uow:
            uow.states.put(self.key_builder.build(key), data=dict(data))
            uow.commit()

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        """Return a copy of the data of a chat."""
        with self.uow_factory() as uow:
            return uow.states.get(self.key_builder.build(key))[1]

    async def close(self) -> None:
        """Nothing to release: connections belong to the engine."""
