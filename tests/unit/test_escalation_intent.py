"""Recognising requests for a human advisor, with and without accents or politeness."""

import pytest

from routing.answers.intent import EscalationDetector

DETECTOR = EscalationDetector.load()


@pytest.mark.parametrize(
    "text",
    [
        "je veux parler à un conseiller",
        "Je veux parler a un conseiller",
        "pouvez-vous me rappeler ?",
        "Pouvez vous me rappeler svp",
        "un rendez-vous en visio, c'est possible ?",
        "Je voudrais un rendez-vous en visioconférence",
        "j'aimerais être rappelée demain",
        "mettez-moi en contact avec quelqu'un",
        "un humain svp",
        "je préfère en parler de vive voix",
        "Can I speak to a human?",
        "/conseiller",
        # call-backs worded without "conseiller"
        "rappel téléphonique demain matin possible ?",
        "Un rappel jeudi ce serait possible ?",
        "Je souhaiterais un rappel",
        "Pourriez-vous me recontacter cette semaine ?",
        "Comment puis-je vous joindre ?",
        "Quel est votre numéro ?",
        "rendez-vous téléphonique mardi ?",
        "un rdv en visio avec vous ?",
        "j aimerais echanger avec quelqu un de chez vous",
        "Mon numéro : 06 11 22 33 44, rappelez-moi",
        "appel possible en fin de matinée ?",
    ],
)
def test_requests_for_a_person_are_recognised(text):
    assert DETECTOR.asks_for_human(text)


@pytest.mark.parametrize(
    "text",
    [
        "Un conseiller municipal peut-il présider un comité consultatif ?",
        "Comment lancer un appel à projets pour le budget participatif ?",
        "Peut-on réunir le conseil de quartier en visio ?",
        "Quels moyens humains prévoir pour une concertation ?",
        "ateliers entre pairs élus agents en visio",
        "Comment joindre les habitants qu'on ne voit jamais ?",
        "Faut-il rappeler aux habitants les règles du débat ?",
        "rappel des conditions d'un référendum local",
        "Comment organiser un rendez-vous régulier avec les habitants ?",
        "Le conseil peut-il joindre un avis à la délibération ?",
        "",
    ],
)
def test_questions_that_merely_mention_advisors_or_calls_are_not_requests(text):
    assert not DETECTOR.asks_for_human(text)
