"""What Telegram's limits would have seen: the busiest windows of the bot's messages."""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Iterable


def busiest(times: Iterable[float], period: float) -> int:
    """Return the most messages sent within any `period` seconds (times in order)."""
    window: deque[float] = deque()
    best = 0
    for at in times:
        window.append(at)
        while window[0] <= at - period:
            window.popleft()
        best = max(best, len(window))
    return best


def limit_report(sends: Iterable[tuple[float, int]], deliveries: Iterable[tuple[int, str]]):
    """Return the peaks to compare with Telegram's limits, and the updates per webhook URL.

    Telegram's Bots FAQ: about 30 messages a second for the whole bot, 20 a minute in a
    group, about one a second in a private chat (short bursts tolerated).
    """
    sends = sorted(sends)
    chats: dict[int, list[float]] = defaultdict(list)
    for at, chat_id in sends:
        chats[chat_id].append(at)
    groups = [busiest(times, 60.0) for chat, times in chats.items() if chat < 0]
    privates = [busiest(times, 1.0) for chat, times in chats.items() if chat > 0]
    return {
        "messages": len(sends),
        "bot_per_second": busiest((at for at, _chat in sends), 1.0),
        "group_per_minute": max(groups, default=0),
        "private_per_second": max(privates, default=0),
        "updates_by_url": dict(Counter(url for _update, url in deliveries)),
    }
