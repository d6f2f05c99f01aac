"""The Leichte Sprache checker: each rule finds its violation in real German sentences and stays
quiet on correct Leichte Sprache; offsets mark the offending words; the marked text is escaped."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leichte_sprache.checker import check, syllables


def rules(text, severity="error", **kwargs):
    return {f.rule for f in check(text, **kwargs).findings if f.severity == severity}


def marked(text, rule, **kwargs):
    """The parts of `text` the findings of `rule` mark."""
    return [text[f.start:f.end] for f in check(text, **kwargs).findings if f.rule == rule]


GOOD = [
    "Der [[Stadt·rat]] hat die [[Leit·linien]] beschlossen.",
    "Hier finden Sie Informationen in Leichter Sprache.",
    "Sie möchten mehr wissen?",
    "Dann rufen Sie uns an.",
    "Das Rat·haus ist am Alten Markt.",
    "Die Stadt hat 6 Handlungs·felder.",
    "Ich habe eine Frage.",
    "Sie können uns eine E-Mail schreiben.",
    "Das Video in Gebärden·sprache kommt bald.",
    "Die Beratung ist am 3. Oktober.",
    "Wir helfen Ihnen gern.",
    "Das Amt prüft Ihren Antrag.",
    "Die Tür ist offen.",
]


@pytest.mark.parametrize("sentence", GOOD)
def test_correct_leichte_sprache_has_no_error(sentence):
    report = check(sentence, glossary=["Stadt·rat", ("Leit·linie", "Leit·linien")])
    assert report.errors == [], [(f.rule, f.message) for f in report.errors]


def test_the_issues_example_is_passive_and_a_long_compound():
    text = "Die Leitlinien wurden vom Stadtrat beschlossen."
    assert rules(text) == {"passiv", "zusammensetzung"}
    assert marked(text, "zusammensetzung") == ["Leitlinien"]
    assert marked(text, "passiv") == ["wurden vom Stadtrat beschlossen"]


@pytest.mark.parametrize("sentence, words", [
    ("Die Stadt Magdeburg hat im Jahr 2019 mit vielen Partnern neue Leit·linien für das gute Zusammen·leben beschlossen.", 17),
    ("Wenn Sie eine Frage zu Ihrem Antrag haben, dann können Sie uns jeden Tag am Vormittag anrufen.", 17),
])
def test_a_sentence_of_more_than_12_words_is_an_error(sentence, words):
    report = check(sentence)
    [finding] = [f for f in report.errors if f.rule == "satzlaenge"]
    assert f"{words} Wörter" in finding.message
    assert (finding.start, finding.end) == (0, len(sentence))


def test_a_sentence_of_9_to_12_words_is_a_hint():
    sentence = "Die Stadt Magdeburg hat für alle Menschen hier eine Internet·seite."
    assert "satzlaenge" in rules(sentence, "hint")
    assert "satzlaenge" not in rules(sentence)
    assert "satzlaenge" not in rules("Die Stadt hat eine Internet·seite.", "hint")


def test_each_list_item_and_each_line_is_a_sentence():
    text = ("- Sie können uns anrufen.\n- Sie können uns eine E-Mail schreiben\n"
            "- Sie können zu uns kommen\nDas Büro ist im Rat·haus\nDie Tür ist offen")
    report = check(text)
    assert not [f for f in report.findings if f.rule == "satzlaenge"]


@pytest.mark.parametrize("sentence, words", [
    ("Die Leit·linien wurden vom Stadt·rat beschlossen.", "wurden vom Stadt·rat beschlossen"),
    ("Ihr Antrag wird vom Amt geprüft.", "wird vom Amt geprüft"),
    ("Sie werden zu dem Treffen eingeladen.", "werden zu dem Treffen eingeladen"),
    ("Die Maß·nahme ist im Jahr 2020 beendet worden.", "beendet worden"),
])
def test_passive_is_an_error(sentence, words):
    assert marked(sentence, "passiv") == [words]


@pytest.mark.parametrize("sentence", [
    "Es wird kalt.",
    "Sie werden das Formular selbst ausfüllen.",
    "Er ist gestern gekommen.",
    "Der Stadt·rat hat die Leit·linien beschlossen.",
])
def test_future_perfect_and_werden_as_a_verb_are_not_passive(sentence):
    assert "passiv" not in rules(sentence)


@pytest.mark.parametrize("sentence, word", [
    ("Sie könnten uns anrufen.", "könnten"),
    ("Das wäre schön.", "wäre"),
    ("Wir würden uns freuen.", "würden"),
    ("Ich hätte gern einen Termin.", "hätte"),
    ("Die Stadt habe das beschlossen.", "habe"),
    ("Er sagt, das sei wichtig.", "sei"),
    ("Wenn er käme, wäre es gut.", "käme"),
])
def test_konjunktiv_is_an_error(sentence, word):
    assert word in marked(sentence, "konjunktiv")
    assert "konjunktiv" in rules(sentence)


@pytest.mark.parametrize("sentence", [
    "Sie möchten mehr wissen?", "Ich habe eine Frage.", "Sie können uns anrufen.",
    "Das war im Jahr 2019.", "Der Stadt·rat hatte eine Sitzung.", "Heute habe ich Zeit.",
])
def test_indicative_is_not_konjunktiv(sentence):
    assert "konjunktiv" not in rules(sentence)


def test_sollte_is_a_hint_because_it_may_be_the_past():
    assert "konjunktiv" in rules("Sie sollten den Antrag früh abgeben.", "hint")


@pytest.mark.parametrize("sentence, word", [
    ("Das ist nicht teuer.", "nicht"),
    ("Sie brauchen keinen Termin.", "keinen"),
    ("Das Büro ist nie geschlossen.", "nie"),
    ("Niemand muss Geld bezahlen.", "Niemand"),
    ("Sie müssen nichts mitbringen.", "nichts"),
])
def test_negation_is_an_error(sentence, word):
    assert marked(sentence, "verneinung") == [word]
    assert "verneinung" in rules(sentence)


def test_ohne_is_a_hint():
    sentence = "Sie können ohne Termin kommen."
    assert "verneinung" in rules(sentence, "hint")
    assert "verneinung" not in rules(sentence)


@pytest.mark.parametrize("sentence, part", [
    ("Das ist das Büro des Ober·bürger·meisters.", "des Ober·bürger·meisters"),
    ("Magdeburgs Stadt·rat trifft sich heute.", "Magdeburgs Stadt·rat"),
    ("Wegen des Wetters ist heute frei.", "Wegen"),
    ("Das ist die Meinung eines Mannes.", "eines Mannes"),
    ("Am Ende jedes Jahres gibt es einen Bericht.", "jedes Jahres"),
])
def test_genitive_is_an_error(sentence, part):
    assert part in marked(sentence, "genitiv")
    assert "genitiv" in rules(sentence)


def test_noun_der_noun_is_a_hint_only():
    sentence = "Das ist das Haus der Stadt."
    assert "genitiv" in rules(sentence, "hint")
    assert "genitiv" not in rules(sentence)


@pytest.mark.parametrize("sentence", [
    "Das ist das Büro vom Ober·bürger·meister.", "Er hilft der Frau.", "Die Stadt hilft den Menschen.",
    "Das gilt für jedes Alter.", "Dieses Haus ist neu.",
])
def test_von_and_dative_are_not_genitive(sentence):
    assert "genitiv" not in rules(sentence)


@pytest.mark.parametrize("sentence, abbreviation", [
    ("Es gibt z. B. Sprach·kurse.", "z. B."),
    ("Es gibt z.B. Sprach·kurse.", "z.B."),
    ("Sie brauchen Pass, Foto usw.", "usw."),
    ("Rufen Sie ca. um 10 Uhr an.", "ca."),
    ("Das ist Zimmer Nr. 5.", "Nr."),
    ("Die EU bezahlt das Projekt.", "EU"),
    ("Das steht in der BITV.", "BITV"),
])
def test_abbreviations_are_errors(sentence, abbreviation):
    assert abbreviation in marked(sentence, "abkuerzung")


def test_an_acronym_linked_to_the_woerterbuch_is_explained():
    assert "abkuerzung" not in rules("Es gibt Videos in [[DGS]].", glossary=["DGS"])
    assert "abkuerzung" in rules("Es gibt Videos in DGS.", glossary=["DGS"])


@pytest.mark.parametrize("sentence, char", [
    ("Das steht in § 4.", "§"),
    ("Das sind 50 % der Menschen.", "%"),
    ("Bürger & Stadt", "&"),
    ("Sie können anrufen / schreiben.", "/"),
    ("Liebe Bürger*innen!", "*"),
    ("Wir kommen; Sie warten.", ";"),
    ('Wir sagen "Hallo".', '"'),
    ("Wir sagen »Hallo«.", "»"),
])
def test_special_characters_are_errors(sentence, char):
    assert char in marked(sentence, "sonderzeichen")
    assert "sonderzeichen" in rules(sentence)


def test_german_quotes_addresses_and_brackets():
    assert "sonderzeichen" not in rules("Wir sagen „Hallo“.")
    assert "sonderzeichen" not in rules("Schreiben Sie an integration@magdeburg.de oder lesen Sie www.magdeburg.de/integration.")
    assert "sonderzeichen" in rules("Das kostet etwas (ungefähr 5 Euro).", "hint")


@pytest.mark.parametrize("sentence, marked_part, severity", [
    ("Drei Frauen kommen.", "Drei", "error"),
    ("Es gibt zwölf Kurse.", "zwölf", "error"),
    ("In Magdeburg leben 240000 Menschen.", "240000", "error"),
    ("In Magdeburg leben 240.000 Menschen.", "240.000", "hint"),
])
def test_numbers(sentence, marked_part, severity):
    assert marked_part in marked(sentence, "zahl")
    assert "zahl" in rules(sentence, severity)


@pytest.mark.parametrize("sentence", [
    "Es gibt 3 Kurse.", "Das war im Jahr 2019.", "Ein Kurs kostet 5 Euro.", "Das dauert eine Stunde.",
    "Die Adresse ist: Julius-Bremer-Straße 8, 39104 Magdeburg", "Die Telefon·nummer ist 0391 5402345.",
])
def test_digits_and_the_article_ein_are_fine(sentence):
    assert "zahl" not in rules(sentence)


@pytest.mark.parametrize("sentence, word", [
    ("Die Ausländerbehörde hilft.", "Ausländerbehörde"),
    ("Das ist die Beratungsstelle.", "Beratungsstelle"),
    ("Das Wörterbuch erklärt schwere Wörter.", "Wörterbuch"),
    ("Das ist die Telefonnummer.", "Telefonnummer"),
    ("Das ist ein Aufenthalts·statusbescheid.", "statusbescheid"),
])
def test_long_compounds_without_mediopunkt_are_errors(sentence, word):
    assert marked(sentence, "zusammensetzung") == [word]


@pytest.mark.parametrize("sentence", [
    "Die Ausländer·behörde hilft.", "Das ist die Beratungs-Stelle.", "Das Rat·haus ist offen.",
    "Der Bahnhof ist groß.", "Die Verwaltung hilft.", "Mitmachen in der Stadt ist gut.",
    "Vorlese·programme lesen die Seite vor.",
])
def test_split_compounds_and_short_words_are_fine(sentence):
    assert "zusammensetzung" not in rules(sentence)


def test_hyphenation_at_the_line_end_and_soft_hyphens_are_errors():
    text = "Das ist die Bera-\ntung. Das ist das Wörter\u00ad·buch."
    parts = marked(text, "trennung")
    assert parts == ["a-\nt", "\u00ad"]
    assert "trennung" not in rules("- Sie können anrufen.\n- Sie können schreiben.")


def test_a_woerterbuch_word_must_be_linked_where_it_first_appears():
    glossary = [("Stadt·rat", "Stadt·räte"), "Leit·linie"]
    text = "Der Stadtrat hat getagt.\nDer [[Stadt·rat]] ist wichtig."
    [finding] = [f for f in check(text, glossary=glossary).findings if f.rule == "woerterbuch"]
    assert text[finding.start:finding.end] == "Stadtrat"
    assert "nicht verlinkt" in finding.message
    assert finding.sentence == "Der Stadtrat hat getagt."
    # Linked first, plain later: fine. Another form of the same entry counts as the same word.
    assert "woerterbuch" not in rules("Der [[Stadt·rat]] tagt. Der Stadt·rat ist wichtig.", glossary=glossary)
    assert "woerterbuch" not in rules("Die [[Stadt·räte|Stadt·rat]] tagen. Ein Stadt·rat ist wichtig.", glossary=glossary)


def test_a_link_to_a_word_missing_from_the_woerterbuch_is_an_error():
    findings = check("Das ist eine [[Leit·linie]] und ein [[Beschluss]].", glossary=["Leit·linie"]).errors
    assert [f.message for f in findings if f.rule == "woerterbuch"] == [
        "Der Link zeigt auf „Beschluss“. Dieses Wort steht nicht im Wörterbuch. Legen Sie einen "
        "Eintrag an, oder verlinken Sie ein Wort, das im Wörterbuch steht."]


def test_findings_carry_the_sentence_and_offsets_into_the_original_text():
    text = "Hallo.\r\n\r\nDer [[Stadt·rat|Stadt·rat]] wurde gewählt.\r\n- Das ist nicht gut."
    report = check(text, glossary=["Stadt·rat"])
    passive = next(f for f in report.findings if f.rule == "passiv")
    assert passive.sentence == "Der Stadt·rat wurde gewählt."
    assert text[passive.start:passive.end] == "wurde gewählt"
    negation = next(f for f in report.findings if f.rule == "verneinung")
    assert negation.sentence == "Das ist nicht gut."
    assert text[negation.start:negation.end] == "nicht"


def test_every_message_addresses_staff_with_sie_and_names_the_rule():
    text = ("Die Leitlinien wurden z. B. vom Stadtrat beschlossen; das wäre nicht gut & teuer. "
            "Drei Frauen des Vereins kommen.")
    report = check(text)
    assert {f.rule for f in report.errors} >= {
        "passiv", "zusammensetzung", "abkuerzung", "sonderzeichen", "konjunktiv", "verneinung", "zahl", "genitiv"}
    for finding in report.findings:
        assert "Sie" in finding.message or "Prüfen" in finding.message or "Schreiben" in finding.message


def test_marked_html_escapes_the_text_and_marks_the_findings():
    text = 'Das ist <script>alert("x")</script> nicht gut.'
    html = check(text).marked_html()
    assert "<script" not in html and "</script" not in html
    assert "&lt;</mark>script" in html
    assert '<mark class="ls-error" title="Verneinung">nicht</mark>' in html
    # Overlapping findings (the whole sentence and a word in it) are cut, never nested.
    long_text = "Die Stadt Magdeburg hat für alle Menschen in der Stadt heute nicht viele neue Angebote."
    html = str(check(long_text).marked_html())
    assert html.count("<mark") == html.count("</mark>")
    assert "<mark" not in html.split("</mark>")[0].split("<mark", 1)[1]


def test_scores_follow_amstad_and_the_wiener_sachtextformel():
    # About 2 s: textstat's first use loads its resources (and nltk); it runs once per session.
    import textstat

    text = ("Die Stadt hat einen Plan für alle Menschen. Der Plan hilft beim Zusammen·leben. "
            "Sie können den Plan im Internet lesen. Wir erklären ihn in Leichter Sprache.")
    scores = check(text).scores
    # textstat has the same formulas (its German Flesch is Amstad's): for plain sentences of more
    # than 2 words without Mediopunkt both count the same.
    plain = text.replace("·", "")
    textstat.set_lang("de")
    assert scores["flesch_amstad"].value == pytest.approx(textstat.flesch_reading_ease(plain), abs=3)
    assert scores["wiener_sachtextformel"].value == pytest.approx(textstat.wiener_sachtextformel(plain, 1), abs=1)
    assert scores["flesch_amstad"].label.startswith("Lesbarkeit nach Flesch")
    hard = check("Die Implementierung integrationspolitischer Handlungsempfehlungen erfordert "
                 "interdisziplinäre Kooperationsstrukturen.").scores
    assert hard["flesch_amstad"].value < 20 < scores["flesch_amstad"].value
    assert "sehr schwer" in hard["flesch_amstad"].interpretation
    assert hard["wiener_sachtextformel"].value > scores["wiener_sachtextformel"].value + 5
    assert check("").scores == {}


@pytest.mark.parametrize("word, count", [
    ("Stadt·rat", 2), ("Leit·linien", 4), ("Mitarbeiter", 4), ("Internetseite", 5), ("Idee", 2), ("See", 1),
])
def test_syllables_come_from_pyphen_counted_by_vowels(word, count):
    assert syllables(word) == count


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aäbcdeEiknoSsTtuz ·-.,:;!?\n\r\u00ad<>&\"'[]|0123456789§%/*")), max_size=120))
def test_any_text_gives_findings_inside_it_and_escaped_marks(text):
    report = check(text, glossary=["Stadt·rat", "Test"])
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
    html = str(report.marked_html())
    assert "<" not in re.sub(r'</?mark[^>]*>', "", html)
