"""The command menus (`setMyCommands`) per scope: officials, each advisor, the advisors' group."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import (
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
)

from bot.views.conversation import commands
from routing.records import Role
from routing.tickets.advisors import AdvisorDirectory
from routing.tickets.model import Advisor

log = logging.getLogger(__name__)


async def publish_menus(bot: Bot, advisors: AdvisorDirectory, group_id: int | None) -> None:
    """Publish every menu: officials by default, then each advisor's chat and the group."""
    officials = commands.menu(commands.OFFICIALS)
    await bot.set_my_commands(officials, scope=BotCommandScopeDefault())
    await bot.set_my_commands(officials, scope=BotCommandScopeAllPrivateChats())
    for advisor in advisors.list():
        await publish_advisor_menu(bot, advisor)
    if group_id is not None:
        await _chat_menu(bot, group_id, commands.menu(commands.GROUP))


async def publish_advisor_menu(bot: Bot, advisor: Advisor) -> None:
    """Give an advisor (or staff member) their menu in their private chat with the bot."""
    staff = advisor.role == Role.STAFF
    await _chat_menu(bot, advisor.user_id, commands.menu(commands.commands_for(True, staff)))


async def _chat_menu(bot: Bot, chat_id: int, menu) -> None:
    try:
        await bot.set_my_commands(menu, scope=BotCommandScopeChat(chat_id=chat_id))
    except TelegramAPIError as error:
        # Someone who never wrote to the bot has no chat yet: they get it when they join.
        log.warning("command menu not set for a chat: %s", type(error).__name__)
