"""/mes_donnees and /supprimer_mes_donnees: a person's data, handed over or erased."""

from __future__ import annotations

import json
import time

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.telegram.common import message_of
from bot.views import safety_texts
from bot.views.callbacks import EraseMyData
from bot.views.conversation.data_export import french_export
from routing.safety.privacy import PrivacyService

CONFIRMATION_LIFETIME = 15 * 60  # seconds: an old "Oui" button must not erase by surprise
EXPIRED = "Cette confirmation a expiré. Recommencez avec /supprimer_mes_donnees."


async def my_data(message: Message, privacy: PrivacyService) -> None:
    """Send everything held about the person as a JSON file."""
    data = privacy.export(message.from_user.id)
    readable = french_export(data)  # for the person it is about: French keys and dates
    body = json.dumps(readable, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    extra = safety_texts.EXPORT_TICKETS if data.get("tickets") else ""
    await message.answer_document(
        BufferedInputFile(body, filename=safety_texts.EXPORT_FILE),
        caption=safety_texts.EXPORT_CAPTION.format(extra=extra),
    )


async def erase_request(message: Message, privacy: PrivacyService) -> None:
    """Say what erasure removes and keeps, and ask for confirmation."""
    privacy.check_erasable(message.from_user.id)
    now = int(time.time())
    yes = EraseMyData(ok=1, t=now).pack()
    no = EraseMyData(ok=0, t=now).pack()
    await message.answer(
        safety_texts.ERASE_CONFIRM,
        reply_markup={
            "inline_keyboard": [
                [
                    {"text": safety_texts.ERASE_YES, "callback_data": yes},
                    {"text": safety_texts.ERASE_NO, "callback_data": no},
                ]
            ]
        },
    )


async def erase_answer(
    callback: CallbackQuery, callback_data: EraseMyData, privacy: PrivacyService
) -> None:
    """Erase the data of whoever pressed "Oui" (only ever their own), or cancel."""
    message = message_of(callback)
    if callback_data.ok != 1:
        await callback.answer()
        if message is not None:
            await message.edit_text(safety_texts.ERASE_CANCELLED)
        return
    if not 0 <= time.time() - callback_data.t <= CONFIRMATION_LIFETIME:
        await callback.answer(EXPIRED, show_alert=True)
        return
    privacy.erase(callback.from_user.id)
    await callback.answer()
    if message is not None:
        await message.edit_text(safety_texts.ERASED)


def build_router() -> Router:
    """Return a new router for this feature (one per dispatcher)."""
    router = Router(name="privacy")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    router.message.register(my_data, Command("mes_donnees"))
    router.message.register(erase_request, Command("supprimer_mes_donnees"))
    router.callback_query.register(erase_answer, EraseMyData.filter())
    return router
