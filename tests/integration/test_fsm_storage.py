"""The aiogram FSM storage keeps state and data in the database across instances."""

from aiogram.fsm.storage.base import StorageKey

from bot.telegram.fsm_storage import DatabaseStorage
from bot.telegram.states import FeedbackFlow

KEY = StorageKey(bot_id=1, chat_id=5001, user_id=5001)


async def test_state_and_data_survive_a_new_storage_instance(seeded_container):
    first = DatabaseStorage(seeded_container.uow)
    await first.set_state(KEY, FeedbackFlow.waiting_comment)
    await first.set_data(KEY, {"question_id": 12})
    second = DatabaseStorage(seeded_container.uow)
    assert await second.get_state(KEY) == FeedbackFlow.waiting_comment.state
    assert await second.get_data(KEY) == {"question_id": 12}


async def test_clearing_the_state_forgets_it(seeded_container):
    storage = DatabaseStorage(seeded_container.uow)
    await storage.set_state(KEY, "some:state")
    await storage.set_state(KEY, None)
    assert await storage.get_state(KEY) is None


async def test_an_unknown_chat_has_no_state_and_empty_data(seeded_container):
    storage = DatabaseStorage(seeded_container.uow)
    key = StorageKey(bot_id=1, chat_id=999, user_id=999)
    assert await storage.get_state(key) is None
    assert await storage.get_data(key) == {}
