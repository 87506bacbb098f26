"""Officials' handlers through `Dispatcher.feed_raw_update`: the real dispatcher, as `hotline run`
builds it, on a seeded SQLite database, with a recording Bot API session instead of the network.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app.container import build_container
from bot.app.dispatcher import build_dispatcher
from bot.settings import Settings
from bot.views import texts
from bot.views.callbacks import EntryAction, Example, Feedback
from routing.answers.hotline import MAX_STORED_TEXT
from storage.answers.models import QuestionRow
from tests.telegram_fake import Official, recording_bot

BUDGET = "Mettre en place un budget participatif, même dans une petite commune"
ANSWER_BUTTONS = [texts.READ_FULL, texts.USEFUL, texts.NOT_USEFUL, texts.TALK_TO_ADVISOR]


@pytest.fixture(scope="module")
def container(tmp_path_factory):
    """One seeded database for the module (building the index is the slow part)."""
    built = build_container(Settings(data_dir=tmp_path_factory.mktemp("handlers")))
    yield built
    built.close()


@pytest.fixture
def chat(container):
    """A fresh dispatcher and a new official (so no state leaks from another test)."""
    return Chat(container)


class Chat:
    """The bot as one official sees it: feed an update, read what the bot called."""

    def __init__(self, container) -> None:
        self.container = container
        self.dispatcher = build_dispatcher(container)
        self.bot, self.session = recording_bot()
        self.official = Official()

    async def feed(self, update: dict) -> list:
        """Feed one update; return the calls it caused (Telegram must have accepted them)."""
        before = len(self.session.calls)
        await self.dispatcher.feed_raw_update(self.bot, update)
        assert self.session.refused == [], "Telegram would refuse what the bot sent"
        return self.session.calls[before:]

    async def say(self, text: str | None = None, **content) -> list:
        """The official sends a message; return the bot's sendMessage calls."""
        calls = await self.feed(self.official.message(text, **content))
        return [call for call in calls if call.method == "sendMessage"]

    async def press(self, data: str) -> list:
        """The official presses a button; return every call it caused."""
        return await self.feed(self.official.press(data))

    def questions(self) -> list[QuestionRow]:
        """The official's stored questions, oldest first."""
        with self.container.uow() as uow:
            query = select(QuestionRow).where(QuestionRow.user_id == self.official.user["id"])
            rows = uow.session.scalars(query.order_by(QuestionRow.id)).all()
            uow.session.expunge_all()
            return list(rows)


def labels(call) -> list[str]:
    return [button["text"] for button in call.buttons]


async def test_start_introduces_the_bot_with_a_privacy_notice_and_three_example_buttons(chat):
    [welcome] = await chat.say("/start")
    assert welcome.text.startswith("Bonjour Camille")
    assert "hotline participation citoyenne" in welcome.text
    assert "Confidentialité" in welcome.text and "/confidentialite" in welcome.text
    assert labels(welcome) == list(texts.EXAMPLES)
    assert [b["callback_data"] for b in welcome.buttons] == [Example(n=n).pack() for n in range(3)]
    with chat.container.uow() as uow:
        assert uow.users.get(chat.official.user["id"]).first_name == "Camille"


async def test_help_lists_the_commands(chat):
    [reply] = await chat.say("/aide")
    assert reply.text.startswith("Comment m'utiliser")
    assert all(command in reply.text for command in ("/themes", "/conseiller", "/confidentialite"))


async def test_privacy_says_what_is_kept_for_how_long_and_how_to_have_it_deleted(chat):
    [reply] = await chat.say("/confidentialite")
    assert reply.text.startswith("Confidentialité")
    assert "Ce que nous conservons" in reply.text
    assert "Combien de temps" in reply.text
    assert "effacement" in reply.text and "CNIL" in reply.text


async def test_a_question_is_answered_with_title_short_answer_sources_and_buttons(chat):
    calls = await chat.feed(chat.official.message("Comment lancer un budget participatif ?"))
    assert [call.method for call in calls] == ["sendChatAction", "sendMessage"]
    answer = calls[1]
    assert answer.text.startswith(BUDGET)
    assert {"type": "bold", "offset": 0, "length": len(BUDGET)} in answer.entities
    assert "appel à idées" in answer.text
    assert "Sources" in answer.text and "L52-1" in answer.text
    assert labels(answer) == ANSWER_BUTTONS
    [question] = chat.questions()
    assert question.decision == "answer"
    feedback = Feedback(q=question.id, s="budget-participatif", u=1).pack()
    assert answer.buttons[1]["callback_data"] == feedback


async def test_an_edited_message_is_answered_again_in_its_new_version(chat):
    first = chat.official.message("recette de la blanquette de veau")
    await chat.feed(first)
    edit = chat.official.edited(
        first["message"]["message_id"], "Comment créer un conseil de jeunes ?"
    )
    replies = [call for call in await chat.feed(edit) if call.method == "sendMessage"]
    assert replies[0].text == texts.EDITED
    assert "jeunes" in replies[-1].text
    assert [q.text for q in chat.questions()] == [
        "recette de la blanquette de veau",
        "Comment créer un conseil de jeunes ?",
    ]


async def test_a_20000_character_message_gets_an_answer_and_is_stored_truncated(chat):
    text = ("Comment mettre en place un budget participatif ? " * 500)[:20_000]
    [reply] = await chat.say(text)
    assert reply.text  # an answer Telegram accepts, under its 4096-character limit
    [question] = chat.questions()
    assert question.text == text[:MAX_STORED_TEXT]


@pytest.mark.parametrize(
    "content",
    [
        {"sticker": {"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 512,
                     "height": 512, "is_animated": False, "is_video": False, "emoji": "👍"}},
        # Without a caption: with one, the caption is read as the question.
        {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 90, "height": 90}]},
        {"location": {"latitude": 45.764, "longitude": 4.835}},
        {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}},
        {"document": {"file_id": "d", "file_unique_id": "d", "file_name": "cr.pdf"}},
    ],
    ids=["sticker", "photo", "location", "voice", "document"],
)  # fmt: skip
async def test_a_message_without_text_gets_a_reply_saying_what_the_bot_reads(chat, content):
    [reply] = await chat.say(**content)
    assert reply.text == texts.NOT_TEXT
    assert chat.questions() == []


@pytest.mark.parametrize(
    "data",
    [
        "fb:999999:budget-participatif:1",  # well formed, but no such question
        "fb:not-a-number:x:1",  # malformed fields
        "ch:1",  # missing fields
        "zz:whatever",  # unknown prefix (a button from an old version)
        "x" * 64,
    ],
)
async def test_a_stale_or_malformed_button_gets_a_clear_french_alert(chat, data):
    calls = await chat.press(data)
    assert [call.method for call in calls] == ["answerCallbackQuery"]
    assert calls[0].params["text"] == texts.ERROR_QUESTION
    assert calls[0].params["show_alert"] == "true"  # as sent on the wire


async def test_a_button_on_someone_elses_question_is_refused(chat):
    [answer] = await chat.say("Comment lancer un budget participatif ?")
    stranger = Official("Intrus")
    calls = await chat.feed(stranger.press(answer.buttons[1]["callback_data"]))
    assert [call.params.get("text") for call in calls] == [texts.ERROR_NOT_YOURS]
    with chat.container.uow() as uow:
        assert uow.questions.feedback_of(chat.questions()[0].id) == []


async def test_the_full_text_of_a_withdrawn_entry_says_it_is_no_longer_available(chat):
    calls = await chat.press(EntryAction(a="f", s="fiche-retiree").pack())
    assert [call.params.get("text") for call in calls] == [texts.ERROR_ENTRY_UNAVAILABLE]


async def test_html_typed_by_the_official_never_becomes_markup(chat):
    chat.official = Official("<b>Zoé</b> & <i>co")
    [welcome] = await chat.say("/start")
    shown = "Bonjour <b>Zoé</b> & <i>co"
    assert welcome.text.startswith(shown)  # shown literally: escaped, then parsed by Telegram
    assert all(entity["offset"] >= len(shown) for entity in welcome.entities)
    # Asking for a human starts the call-back request, which repeats the question.
    typed = "je veux parler à un conseiller : <b>vite</b> & <script>alert(1)</script>"
    [*_, reply] = await chat.say(typed)
    assert "<script>" not in reply.params["text"]  # the HTML sent never holds the raw markup
    assert typed in reply.text  # the question is shown as typed, as plain text
    assert not any(entity["type"] == "bold" and entity["length"] == 4 for entity in reply.entities)


async def test_an_example_button_asks_its_question_as_if_typed(chat):
    calls = await chat.press(Example(n=0).pack())
    assert calls[0].method == "answerCallbackQuery"
    echoed, answer = (call for call in calls if call.method == "sendMessage")
    assert echoed.text == texts.EXAMPLES[0]
    assert answer.text.startswith(BUDGET)


async def test_after_not_useful_the_next_message_is_kept_as_the_missing_part(chat):
    [answer] = await chat.say("Comment lancer un budget participatif ?")
    calls = await chat.press(answer.buttons[2]["callback_data"])  # 👎 Pas utile
    assert [call.text for call in calls if call.method == "sendMessage"] == [texts.ASK_MISSING]
    [thanks] = await chat.say("les délais de vote")
    assert thanks.text == texts.COMMENT_THANKS
    [question] = chat.questions()  # the comment was not taken as a new question
    with chat.container.uow() as uow:
        [(_, slug, useful, comment)] = uow.questions.feedback_of(question.id)
    assert (slug, useful, comment) == ("budget-participatif", False, "les délais de vote")
