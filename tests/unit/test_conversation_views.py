"""The official's conversation views: commands and help, privacy notice, data export, requests."""

from __future__ import annotations

from bot.views import intake_views
from bot.views.answer_notices import render_answer_notice
from bot.views.conversation import commands
from bot.views.conversation.data_export import french_export, french_moment
from bot.views.conversation.privacy_notice import privacy_notice


def test_every_command_is_listed_once_with_a_menu_entry_telegram_accepts():
    for scope in (commands.OFFICIALS, commands.ADVISORS, commands.STAFF, commands.GROUP):
        names = [c.name for c in scope]
        assert len(names) == len(set(names))
        for menu_entry in commands.menu(scope):
            assert menu_entry.command.isascii() and len(menu_entry.command) <= 32
            assert 1 <= len(menu_entry.description) <= 256


def test_help_shows_advisor_and_staff_commands_only_to_them():
    official = commands.help_text()
    assert "/mes_donnees" in official and "/supprimer_mes_donnees" in official
    assert "/mes_tickets" not in official
    advisor = commands.help_text(advisor=True)
    assert "/mes_tickets" in advisor and "/backoffice" not in advisor
    assert "/backoffice" in commands.help_text(advisor=True, staff=True)
    # Each command the menus offer is explained in the help of the same people.
    for command in commands.commands_for(True, True):
        assert f"/{command.name} " in commands.help_text(advisor=True, staff=True)


def test_the_privacy_notice_escapes_the_configured_controller_and_contact():
    text = privacy_notice("Mairie <A> & B", "dpo@x.fr", 30, 200)
    assert "Mairie &lt;A&gt; &amp; B" in text
    assert "30 jours après la clôture" in text and "200 jours" in text


def test_the_export_reads_in_french_with_paris_dates_and_a_guide_first():
    data = {
        "user_id": 5,
        "generated_at": "2026-07-14T08:30:00+00:00",
        "questions": [{"text": "Bonjour", "decision": "out_of_scope", "created_at": None}],
        "tickets": [
            {
                "status": "claimed",
                "channel": "telephone",
                "role": "elu",
                "consent": True,
                "slots": ["2026-12-01T08:00:00+00:00"],
                "events": [{"kind": "created", "at": "2026-12-01 09:00:00"}],
            }
        ],
    }
    readable = french_export(data)
    assert next(iter(readable)) == "à_lire"
    assert readable["fichier_créé_le"] == "14/07/2026 10:30"  # summer time in Paris
    [question] = readable["questions"]
    assert question == {
        "texte": "Bonjour",
        "suite_donnée": "hors du champ de la hotline",
        "créé_le": None,
    }
    [ticket] = readable["demandes_de_rappel"]
    assert ticket["état"] == "prise en charge" and ticket["moyen_de_rappel"] == "téléphone"
    assert ticket["rôle"] == "élu·e" and ticket["accord_pour_être_recontacté"] == "oui"
    assert ticket["créneaux_souhaités"] == ["01/12/2026 09:00"]
    assert ticket["historique"] == [{"événement": "demande créée", "le": "01/12/2026 10:00"}]


def test_a_text_that_only_looks_like_a_date_is_left_as_it_is():
    assert french_moment("2026-13-45T99:99 n'est pas une date") == (
        "2026-13-45T99:99 n'est pas une date"
    )


def test_the_summary_offers_to_change_each_part_and_shows_the_contact():
    data = {
        "question": "Comment faire ?",
        "collectivite": "Mairie <de> X",
        "role": "elu",
        "channel": "telephone",
        "phone": "+33612345678",
        "offered": [["2026-12-01T08:00:00+00:00", "mardi 1er décembre, matin"]],
        "chosen": [0],
    }
    reply = intake_views.summary(data)
    assert "Mairie &lt;de&gt; X" in reply.text and "06 12 34 56 78" in reply.text
    labels = [b.text for row in reply.markup.inline_keyboard for b in row]
    assert labels[0] == "📨 Envoyer la demande"
    assert {"✏️ Question", "✏️ Collectivité", "✏️ Fonction", "✏️ Rappel", "✏️ Créneaux"} <= set(labels)


def test_the_answer_notice_quotes_the_question_shortened_and_escaped():
    question = "<b>Fête</b> de la soupe " + "entre voisins " * 40
    reply = render_answer_notice(
        {"slug": "s", "title": "T", "short_answer": "R", "asked_on": "01/12/2026",
         "question": question}
    )  # fmt: skip
    quoted = reply.text.split("<blockquote>")[1].split("</blockquote>")[0]
    assert quoted.startswith("&lt;b&gt;Fête&lt;/b&gt; de la soupe entre voisins")
    assert quoted.endswith("…") and len(quoted) < 330
    assert quoted.removesuffix("…").split()[-1] in {"entre", "voisins"}  # whole words
    # Notices queued before the question was kept still read well.
    old = render_answer_notice({"slug": "s", "title": "T", "short_answer": "R", "asked_on": "x"})
    assert "<blockquote>" not in old.text
