"""Mixed-direction text: runs in the other direction are isolated, German on a translated page is marked."""

import pytest
from django.utils import translation

from core.bidi import isolate_runs
from core.templatetags.portal import isolate, percent, written_in

LTR = '<bdi dir="ltr" class="bidi bidi-unit">{}</bdi>'


@pytest.mark.parametrize(("text", "expected"), [
    # A German name in brackets: the brackets go with it, whole.
    ("تیم کار ادغام در جامعهٔ محلی (Team Integrationsgemeinwesenarbeit)",
     "تیم کار ادغام در جامعهٔ محلی " + LTR.format("(Team Integrationsgemeinwesenarbeit)")),
    # A long run flows with the sentence (no unit); the full stop ends the Arabic sentence.
    ("والصحة (Stabsstelle Jugendhilfe-, Sozial- und Gesundheitsplanung).",
     'والصحة <bdi dir="ltr" class="bidi">(Stabsstelle Jugendhilfe-, Sozial- und Gesundheitsplanung)</bdi>.'),
    # A postcode before its town, a house number after its street, a code with brackets inside.
    ("العنوان 39116 Magdeburg هنا", "العنوان " + LTR.format("39116 Magdeburg") + " هنا"),
    ("شارع Wilhelm-Höpfner-Ring 4، ماغدبورغ", "شارع " + LTR.format("Wilhelm-Höpfner-Ring 4") + "، ماغدبورغ"),
    ("رقم 2386-065(VI)/19 و", "رقم " + LTR.format("2386-065(VI)/19") + " و"),
    ("نویه نویشتات (Neue Neustadt/Neustädter See/Kannenstieg)",
     "نویه نویشتات " + LTR.format("(Neue Neustadt/Neustädter See/Kannenstieg)")),
    # A number that belongs to the Persian text stays out; so do brackets without their partner.
    ("کارگاه آینده (نوامبر 2020)", "کارگاه آینده (نوامبر 2020)"),
    ("الف (Teil 2", "الف (" + LTR.format("Teil 2")),
    # Escaped like any content.
    ("نام <b>A & B</b>", "نام " + LTR.format("&lt;b&gt;A &amp; B&lt;/b&gt;")),
])
def test_runs_in_right_to_left_text(text, expected):
    assert isolate_runs(text, "rtl") == expected


def test_arabic_inside_german_is_isolated_right_to_left():
    assert isolate_runs("Der Verein (مرکز) e.V. und ٣٩ كتاب هنا.", "ltr") == (
        'Der Verein <bdi dir="rtl" class="bidi bidi-unit">(مرکز)</bdi> e.V. und '
        '<bdi dir="rtl" class="bidi bidi-unit">٣٩ كتاب هنا</bdi>.'
    )
    assert isolate_runs("Nur Deutsch, 39116 Magdeburg.", "ltr") == "Nur Deutsch, 39116 Magdeburg."


def test_values_notes_and_shares_on_pages_of_either_direction():
    with translation.override("fa"):
        assert isolate("39116 Magdeburg") == LTR.format("39116 Magdeburg")
        assert isolate("+49 391 540") == "+49 391 540"  # no letters: nothing to turn around
        assert isolate("Wilhelm-Höpfner-Ring 4", "de") == (
            '<bdi dir="ltr" lang="de" class="bidi bidi-unit">Wilhelm-Höpfner-Ring 4</bdi>')
        assert written_in("Übernommen aus: Zukunftswerkstatt", "de") == (
            '<span class="other-language"><bdi lang="de" dir="ltr">Übernommen aus: Zukunftswerkstatt</bdi>'
            ' <span class="language-marker">آلمانی</span></span>')
        assert written_in("یادداشت", "fa") == "یادداشت"
        assert percent(18) == '<bdi dir="ltr" class="bidi bidi-unit">18\u00a0%</bdi>'
    with translation.override("de"):
        assert isolate("39116 Magdeburg") == isolate("39116 Magdeburg", "de") == "39116 Magdeburg"
        assert written_in("یادداشت", "fa") == (
            '<span class="other-language"><bdi lang="fa" dir="rtl">یادداشت</bdi>'
            ' <span class="language-marker">Persisch</span></span>')


def test_option_labels_isolate_with_unicode_controls():
    from core.forms import IsolatingSelect

    select = IsolatingSelect(choices=[("neustadt", "نویه نویشتات (Neue Neustadt/Neustädter See/Kannenstieg)")])
    with translation.override("fa"):
        html = select.render("stadtteil", "neustadt")
    assert "نویه نویشتات \u2066(Neue Neustadt/Neustädter See/Kannenstieg)\u2069</option>" in html
    with translation.override("de"):
        assert "\u2066" not in IsolatingSelect(choices=[("a", "Neue Neustadt")]).render("s", "a")
