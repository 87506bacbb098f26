"""French analysis: folding, elision, stop words, stemming, numbers, hostile input."""

from knowledge.search.analysis import base_analyzer, clean_text, fold, french_analyzer, stems, words


def test_accents_and_case_are_folded_so_both_spellings_share_terms():
    assert stems("Réunion PUBLIQUE") == stems("reunion publique")


def test_elided_articles_are_removed():
    assert words("l'éclairage d'une commune qu'on connaît") == ["eclairage", "commune", "connait"]


def test_common_french_words_whoosh_forgets_are_stop_words():
    assert words("Comment les habitants, quel est le cadre ?") == ["habitants", "cadre"]


def test_question_words_and_articles_never_become_search_terms():
    assert words("Comment les quel quelle quels est-ce que") == []


def test_singular_and_plural_share_a_stem():
    assert stems("conseils de quartier") == stems("conseil de quartiers")


def test_verb_and_noun_of_the_same_family_share_a_stem():
    assert stems("participation") == stems("participatif") == stems("participer")


def test_digit_groups_are_joined_however_the_number_is_typed():
    assert stems("80 000 habitants")[0] == stems("80000 habitants")[0] == "80000"
    assert stems("80\u202f000")[0] == "80000"


def test_query_syntax_characters_are_plain_text():
    assert stems('AND OR NOT * ? " ( ) [ ] { } ~ ^ :') == ["and", "or", "not"]


def test_control_characters_are_removed_and_length_is_bounded():
    cleaned = clean_text("budget\x00\x1b[31m participatif" + "x" * 5000, limit=100)
    assert "\x00" not in cleaned and "\x1b" not in cleaned
    assert len(cleaned) == 100


def test_fold_keeps_text_but_drops_accents_and_case():
    assert fold("Éclairage Public’s") == "eclairage public's"


def test_emoji_only_text_has_no_terms():
    assert stems("🙂🙂🎉") == []


def test_the_word_cache_gives_what_the_analyzer_chain_gives():
    texts = [
        "L'ÉCLAIRAGE d’une commune de 80 000 habitants, aujourd'hui",
        "12 3456 et 1 200 000 000 ; jusqu'à lorsqu'il presqu'île",
        "l'l'eau d' ''' qu’est-ce 🙂 ß ﬁ İstanbul",
    ]
    for text in texts:
        assert words(text) == [t.text for t in base_analyzer()(text)]


def test_the_index_analyzer_yields_the_terms_entries_are_indexed_with():
    # Entries are analysed once and handed to whoosh as lists of terms: these must be the
    # terms the schema's analyzer would have produced from the raw text.
    text = "Les réunions publiques d'un conseil de quartier à 80 000 habitants"
    assert [t.text for t in french_analyzer()(text)] == stems(text)
