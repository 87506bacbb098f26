"""Bot API methods about the bot itself: identity, chats, commands, callback answers."""

from __future__ import annotations

import re
from typing import Any

from bot.sandbox.botapi.lookup import target_chat
from bot.sandbox.botapi.params import Params, bad_request
from bot.sandbox.state import SandboxState

_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)


async def get_me(state: SandboxState, params: Params) -> dict[str, Any]:
    """getMe: the bot user with its capabilities."""
    return state.bot | {
        "can_join_groups": True,
        "can_read_all_group_messages": True,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def get_chat(state: SandboxState, params: Params) -> dict[str, Any]:
    """getChat: ChatFullInfo of a known chat."""
    return target_chat(state, params).as_full_info()


def _scope_and_language(
    state: SandboxState, params: Params
) -> tuple[dict[str, Any] | None, str | None]:
    scope = params.json_value("scope", dict, "can't parse BotCommandScope JSON object")
    if scope is not None and scope.get("type") not in _SCOPES:
        raise bad_request("wrong parameter scope in request")
    if scope is not None and scope["type"].startswith("chat"):
        # As on Telegram: a chat scope must name a chat the bot knows.
        chat_id = scope.get("chat_id")
        if not isinstance(chat_id, int) or chat_id not in state.chats:
            raise bad_request("chat not found")
    language = params.text("language_code") or None
    if language is not None and not re.fullmatch(r"[a-z]{2}", language):
        raise bad_request("LANG_CODE_INVALID")
    return scope, language


def _checked_commands(params: Params) -> list[dict[str, str]]:
    commands = params.json_value("commands", list, "can't parse commands JSON object")
    if commands is None:
        raise bad_request("commands is empty")
    if len(commands) > 100:
        raise bad_request("too many commands specified")
    checked = []
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand JSON object")
        name, description = command.get("command"), command.get("description")
        if not isinstance(name, str) or not _COMMAND_NAME.fullmatch(name.removeprefix("/")):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        checked.append({"command": name.removeprefix("/"), "description": description})
    return checked


async def set_my_commands(state: SandboxState, params: Params) -> bool:
    """setMyCommands: remember the command list for a scope and language."""
    commands = _checked_commands(params)
    scope, language = _scope_and_language(state, params)
    key = state.commands_key(scope, language)
    if commands:
        state.commands[key] = {
            "scope": scope or {"type": "default"},
            "language_code": language or "",
            "commands": commands,
        }
    else:
        # Telegram treats an empty list like deleteMyCommands.
        state.commands.pop(key, None)
    state.feed.publish("commands")
    return True


async def get_my_commands(state: SandboxState, params: Params) -> list[dict[str, str]]:
    """getMyCommands: the exact list stored for a scope and language (no fallback)."""
    scope, language = _scope_and_language(state, params)
    entry = state.commands.get(state.commands_key(scope, language))
    return list(entry["commands"]) if entry else []


async def delete_my_commands(state: SandboxState, params: Params) -> bool:
    """deleteMyCommands: forget the list for a scope and language."""
    scope, language = _scope_and_language(state, params)
    state.commands.pop(state.commands_key(scope, language), None)
    state.feed.publish("commands")
    return True


async def answer_callback_query(state: SandboxState, params: Params) -> bool:
    """answerCallbackQuery: record the answer shown to the user who pressed the button."""
    query_id = params.text("callback_query_id")
    record = state.callbacks.get(query_id or "")
    if record is None or record["answered"]:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = params.text("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    record.update(
        answered=True,
        text=text,
        show_alert=params.flag("show_alert"),
        url=params.text("url"),
        cache_time=params.integer("cache_time") or 0,
    )
    state.feed.publish("callback_answer", chat_id=record["chat_id"], by_bot=True)
    return True


METHODS = {
    "getme": get_me,
    "getchat": get_chat,
    "setmycommands": set_my_commands,
    "getmycommands": get_my_commands,
    "deletemycommands": delete_my_commands,
    "answercallbackquery": answer_callback_query,
}
