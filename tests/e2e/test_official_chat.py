"""An official's private chat with the real bot, over HTTP against the sandbox."""

from __future__ import annotations

from bot.sandbox import DEFAULT_OFFICIAL_ID
from tests.e2e.harness import eventually


def buttons(message: dict) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [button["text"] for row in rows for button in row]


async def test_start_introduces_the_bot_with_privacy_and_three_examples(hotline):
    [welcome] = await hotline.say("/start")
    assert "hotline participation citoyenne" in welcome["text"]
    assert "/confidentialite" in welcome["text"]
    assert len(buttons(welcome)) == 3
    state = await hotline.control.state()
    commands = {c["command"] for menu in state["commands"] for c in menu["commands"]}
    assert {"aide", "themes", "conseiller", "confidentialite"} <= commands


async def test_an_example_button_asks_that_question(hotline):
    [welcome] = await hotline.say("/start")
    replies = await hotline.press(welcome, "Conseils de quartier")
    assert any("80 000" in m["text"] for m in replies)


async def test_a_clear_question_gets_the_short_answer_sources_and_buttons(hotline):
    [answer] = await hotline.say("les conseils de quartier sont ils obligatoires ?")
    assert "80 000" in answer["text"]
    assert "L2143-1" in answer["text"]
    assert buttons(answer) == [
        "📖 Lire la fiche complète",
        "👍 Utile",
        "👎 Pas utile",
        "🧑‍💼 Parler à un conseiller",
    ]


async def test_useful_feedback_is_stored_with_the_question(hotline):
    [answer] = await hotline.say("Comment organiser un référendum local ?")
    await hotline.control.press(hotline.chat, answer["message_id"], text="👍 Utile")
    question_id = _last_question_id(hotline)

    def stored():
        with hotline.container.uow() as uow:
            return uow.questions.feedback_of(question_id)

    feedback = await eventually(stored)
    assert feedback[0][1:3] == ("referendum-local", True)


async def test_not_useful_asks_what_was_missing_and_keeps_the_comment(hotline):
    [answer] = await hotline.say("Comment organiser un référendum local ?")
    edited, prompt = await hotline.press(answer, "Pas utile")
    assert "Votre avis : 👎 Pas utile" in edited["text"]
    assert buttons(edited) == ["📖 Lire la fiche complète", "🧑‍💼 Parler à un conseiller"]
    assert "manquait" in prompt["text"]
    [thanks] = await hotline.say("le cas des communes nouvelles")
    assert "remarque" in thanks["text"]
    with hotline.container.uow() as uow:
        feedback = uow.questions.feedback_of(_last_question_id(hotline))
    assert feedback[0][2:] == (False, "le cas des communes nouvelles")


async def test_a_vague_question_offers_choices_and_a_choice_gives_the_answer(hotline):
    [clarify] = await hotline.say("concertation")
    assert clarify["text"].startswith("Votre question porte-t-elle sur :")
    assert "Aucune de ces réponses" in buttons(clarify)
    first = buttons(clarify)[0]
    edited, answer = await hotline.press(clarify, first)
    # The question keeps a trace of the choice, by its full title, and loses its buttons.
    title = answer["text"].split("\n")[0]
    assert first.removeprefix("1. ").removesuffix("…") in title
    assert edited["message_id"] == clarify["message_id"]
    assert edited["text"].endswith(f"➡️ {title}") and not buttons(edited)
    assert f"1. {title}" in clarify["text"]  # the full title was in the question's text
    assert "📖 Lire la fiche complète" in buttons(answer)


async def test_none_of_these_then_an_advisor_starts_the_request_to_an_advisor(hotline):
    [clarify] = await hotline.say("concertation")
    *_edits, offer = await hotline.press(clarify, "Aucune de ces réponses")
    *_edits, prompt = await hotline.press(offer, "Parler à un conseiller")
    assert "Demande de rappel par un conseiller" in prompt["text"]
    assert "concertation" in prompt["text"]  # the question is pre-filled
    [cancelled] = await hotline.say("/annuler")
    assert "annulée" in cancelled["text"]


async def test_an_off_topic_question_says_what_the_hotline_covers(hotline):
    [reply] = await hotline.say("Recette de la blanquette de veau")
    assert "participation citoyenne" in reply["text"]
    assert buttons(reply) == ["🧑‍💼 Parler à un conseiller"]


async def test_asking_for_a_human_starts_the_request_to_an_advisor(hotline):
    [reply] = await hotline.say("je voudrais parler a un conseiller svp")
    assert "Demande de rappel par un conseiller" in reply["text"]
    assert "✖️ Annuler" in buttons(reply)
    [cancelled] = await hotline.say("/annuler")
    assert "annulée" in cancelled["text"]


async def test_themes_browse_groups_then_entries_then_an_answer(hotline):
    [groups] = await hotline.say("/themes")
    assert any("Cadre juridique" in b for b in buttons(groups))
    [entries] = await hotline.press(groups, "Cadre juridique")
    assert "Cadre juridique" in entries["text"]
    assert any("Thèmes" in b for b in buttons(entries))
    [page] = await hotline.press(entries, "Suite")
    total = int(page["text"].split("(2/", 1)[1].split(")", 1)[0])
    for _ in range(total - 2):
        if any("référendum" in b for b in buttons(page)):
            break
        [page] = await hotline.press(page, "Suite")
    picked, answer = await hotline.press(page, "référendum")
    assert "suffrages exprimés" in answer["text"]
    # The list shows which entry was picked, without its buttons.
    assert picked["message_id"] == page["message_id"] and not buttons(picked)
    assert picked["text"].endswith("➡️ " + answer["text"].split("\n")[0])


async def test_the_full_text_of_a_long_entry_comes_in_parts_under_the_limit(hotline):
    [answer] = await hotline.say("budget participatif petite commune")
    edited, *parts = await hotline.press(answer, "Lire la fiche complète")
    # The answer keeps its other buttons, but no second "Lire la fiche complète".
    assert edited["message_id"] == answer["message_id"]
    assert "📖 Lire la fiche complète" not in buttons(edited)
    assert "👍 Utile" in buttons(edited)
    assert len(parts) >= 2
    assert all(len(part["text"]) <= 4096 for part in parts)
    assert "Sources" in parts[-1]["text"]


async def test_a_photo_gets_a_clear_reply(hotline):
    receipt = await hotline.control.send_media(DEFAULT_OFFICIAL_ID, "photo")
    [reply] = await hotline.replies(receipt["revision"])
    assert "messages écrits" in reply["text"]


async def test_an_edited_question_is_answered_again(hotline):
    receipt = await hotline.control.send_text(hotline.chat, "recette de cuisine")
    await hotline.replies(receipt["revision"])
    edit = await hotline.control.edit_text(
        hotline.chat, receipt["message"]["message_id"], "Comment créer un conseil de jeunes ?"
    )
    replies = await hotline.replies(edit["revision"])
    assert "modifié" in replies[0]["text"]
    assert "jeunes" in replies[-1]["text"]


async def test_user_html_is_escaped_in_replies(hotline):
    [reply] = await hotline.say("<b>budget</b> participatif & <script>x</script>")
    assert "<script>" not in reply["text"]


async def test_a_forged_button_gets_a_refusal_not_a_crash(hotline):
    [answer] = await hotline.say("Comment organiser un référendum local ?")
    receipt = await hotline.control.press(
        hotline.chat, answer["message_id"], data="fb:999999:ccspl:1", force=True
    )
    transcript = await hotline.transcript()
    assert transcript["revision"] >= receipt["revision"]
    [again] = await hotline.say("Comment organiser un référendum local ?")
    assert "suffrages" in again["text"]  # the bot is still answering


async def test_a_restart_in_the_middle_of_the_feedback_flow_resumes_it(hotline):
    [answer] = await hotline.say("Comment organiser un référendum local ?")
    edited, prompt = await hotline.press(answer, "Pas utile")
    assert "Votre avis : 👎 Pas utile" in edited["text"]
    assert buttons(edited) == ["📖 Lire la fiche complète", "🧑‍💼 Parler à un conseiller"]
    assert "manquait" in prompt["text"]
    await hotline.stop_bot()
    await hotline.start_bot()
    [thanks] = await hotline.say("il manque les délais")
    assert "remarque" in thanks["text"]


def _last_question_id(hotline, offset: int = 0) -> int:
    from sqlalchemy import select

    from storage.answers.models import QuestionRow

    with hotline.container.uow() as uow:
        ids = uow.session.scalars(select(QuestionRow.id).order_by(QuestionRow.id.desc())).all()
    return ids[offset]
