"""Small talk, other languages and follow-ups read from the data files, with their edge cases."""

import pytest

from routing.answers.intent import FollowUpDetector
from routing.answers.language import LanguageGuesser
from routing.answers.smalltalk import SmallTalkDetector

SMALL_TALK = SmallTalkDetector.load()
LANGUAGES = LanguageGuesser.load()
FOLLOW_UP = FollowUpDetector.load()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Bonjour", "greeting"),
        ("bjr à tous", "greeting"),
        ("Re-bonjour", "greeting"),
        ("Merci infiniment pour votre aide !", "thanks"),
        ("top merci 👍", "thanks"),
        ("Bonne fin de journée", "goodbye"),
        ("qui etes vous", "identity"),
        ("Salut, t'es un robot ?", "identity"),
        ("Que pouvez-vous faire pour moi ?", "abilities"),
        ("ça marche, bien reçu", "acknowledgement"),
        ("Bonjour, j'ai une question", "greeting"),
        ("test", "greeting"),
        ("?!", "unclear"),
        ("...", "unclear"),
    ],
)
def test_a_whole_message_of_small_talk_gets_its_kind(text, kind):
    assert SMALL_TALK.kind(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour, comment organiser une réunion publique ?",
        "Merci, mais comment on fait voter les habitants ?",
        "Bonjour, pouvez-vous me rappeler ?",
        "Référendum local",
        "J'ai une question sur le référendum",
        "Bonjour " * 40,
    ],
)
def test_a_greeting_around_a_question_is_not_small_talk(text):
    assert SMALL_TALK.kind(text) == ""


def test_the_first_kind_listed_wins_when_a_message_holds_several():
    # identity comes before greeting in the data file: the reply presents the bot.
    assert SMALL_TALK.kind("Bonsoir, qui êtes-vous ?") == "identity"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("How can our town involve residents in the budget?", "en"),
        ("Can you help me with a question about my council?", "en"),
        ("¿Cómo puedo hablar con el alcalde del pueblo?", "es"),
        ("Wie kann ich die Bürger beteiligen?", "de"),
        ("Come posso coinvolgere i cittadini del comune?", "it"),
    ],
)
def test_a_question_in_another_language_is_told_apart(text, language):
    assert LANGUAGES.guess(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "open data obligatoire pour une commune ?",
        "help",
        "Comment faire un focus group avec des jeunes ?",
        "",
    ],
)
def test_french_with_a_few_english_words_stays_french(text):
    assert LANGUAGES.guess(text) == "fr"


@pytest.mark.parametrize(
    "text",
    [
        "Avez-vous pu regarder ma demande ?",
        "des nouvelles ?",
        "Toujours en attente de votre appel",
        "Où en est mon dossier ?",
        "personne ne m'a rappelé depuis lundi",
        "Vous avez bien reçu ma demande ?",
        "je vous relance pour ma demande n° 12",
    ],
)
def test_questions_about_a_request_already_made_read_as_follow_ups(text):
    assert FOLLOW_UP.follows_up(text)


@pytest.mark.parametrize(
    "text",
    [
        "Comment donner des nouvelles du projet aux habitants ?",
        "Personne ne vient à nos réunions",
        "Comment faire une demande de subvention pour un budget participatif ?",
    ],
)
def test_questions_about_participation_are_not_follow_ups(text):
    assert not FOLLOW_UP.follows_up(text)
