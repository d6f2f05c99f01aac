"""The measure row and the dashboard's charts and tables, as their templates render them.

The row is one include on the measure list and the field, partner and project pages; the
dashboard's table and chart must say what the database counts.
"""

import re
from datetime import datetime, timezone as dt_timezone

import pytest
from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext

from core.templatetags.portal import translated
from handlungsfelder.models import Handlungsfeld
from massnahmen.models import Freigabe, Massnahme, Status
from netzwerk.models import Netzwerkpartner, Projekt, Stadtteil
from tests.factories import make_measures

pytestmark = pytest.mark.django_db

# 23:30 UTC on 5 March is already 6 March in Magdeburg: the row shows local time.
CHANGED = datetime(2026, 3, 5, 23, 30, tzinfo=dt_timezone.utc)

EXPECTED_ROWS = {
    "de": (
        '<li class="measure-item">'
        ' <h3 class="h6 mb-1"><a href="/de/massnahmen/{pk}/">Sprachcafé für Eltern</a></h3>'
        ' <p class="mb-1"><span class="status status-laufend">laufend</span>'
        ' <span class="text-muted-strong small">Stand: <time datetime="2026-03-06T00:30:00+01:00">06.03.2026</time></span></p>'
        ' <p class="small mb-0">Spracherwerb · Qualifizierung und Arbeit'
        " — verantwortlich: Bürgerstiftung, Eltern &amp; Kinder e. V.</p>"
        " </li>"
    ),
    # Texts without an Arabic version fall back to German: marked German for screen readers, isolated
    # left-to-right, and followed by a small marker naming the language in Arabic (Django's name).
    "ar": (
        '<li class="measure-item">'
        ' <h3 class="h6 mb-1"><a href="/ar/massnahmen/{pk}/">مقهى اللغة للآباء</a></h3>'
        ' <p class="mb-1"><span class="status status-laufend">مستمر</span>'
        ' <span class="text-muted-strong small">آخر تحديث: <time datetime="2026-03-06T00:30:00+01:00">06\u200f/03\u200f/2026</time></span></p>'
        ' <p class="small mb-0">اكتساب اللغة · <span class="other-language"><bdi lang="de" dir="ltr">Qualifizierung und Arbeit</bdi>'
        ' <span class="language-marker">الألمانيّة</span></span>'
        ' — الجهة المسؤولة: <span class="other-language"><bdi lang="de" dir="ltr">Bürgerstiftung</bdi>'
        ' <span class="language-marker">الألمانيّة</span></span>, جمعية الآباء والأطفال</p>'
        " </li>"
    ),
}


@pytest.fixture
def measure():
    """A measure first in every list (position 0) with two fields and two partners of its own."""
    sprache, arbeit = Handlungsfeld.objects.get(number=2), Handlungsfeld.objects.get(number=3)
    for feld, german, arabic in [(sprache, "Spracherwerb", "اكتساب اللغة"), (arbeit, "Qualifizierung und Arbeit", "")]:
        feld.short_title_de, feld.short_title_ar = german, arabic
        feld.save()
    partners = [
        Netzwerkpartner.objects.create(name_de="Eltern & Kinder e. V.", name_ar="جمعية الآباء والأطفال",
                                       slug="eltern-kinder", typ=Netzwerkpartner.Typ.VEREIN),
        Netzwerkpartner.objects.create(name_de="Bürgerstiftung", slug="buergerstiftung", typ=Netzwerkpartner.Typ.VEREIN),
    ]
    massnahme = Massnahme(title_de="Sprachcafé für Eltern", title_ar="مقهى اللغة للآباء", status=Status.LAUFEND,
                          status_changed_at=CHANGED, position=0, freigabe=Freigabe.FREIGEGEBEN,
                          projekt=Projekt.objects.get())
    massnahme.save()
    massnahme.handlungsfelder.set([arbeit, sprache])
    massnahme.partner.set(partners)
    return massnahme


def measure_row(html, massnahme, language):
    """The <li> of `massnahme` in a page, its whitespace collapsed."""
    link = f'href="/{language}/massnahmen/{massnahme.pk}/"'
    rows = [row for row in html.split('<li class="measure-item">')[1:] if link in row]
    assert len(rows) == 1, f"{len(rows)} rows link to the measure"
    return " ".join(('<li class="measure-item">' + rows[0].split("</li>", 1)[0] + "</li>").split())


@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("page", ["list", "field", "partner", "project"])
def test_measure_row_shows_title_status_date_fields_and_partners(client, settings, measure, language, page):
    settings.PAGE_CACHE_SECONDS = 0  # rendering, not the page cache
    with translation.override(language):
        url = {
            "list": lambda: f"/{language}/massnahmen/?partner=eltern-kinder",
            "field": lambda: Handlungsfeld.objects.get(number=2).get_absolute_url(),
            "partner": lambda: Netzwerkpartner.objects.get(slug="buergerstiftung").get_absolute_url(),
            "project": lambda: measure.projekt.get_absolute_url(),
        }[page]()
    response = client.get(url)
    assert response.status_code == 200
    assert measure_row(response.content.decode(), measure, language) == EXPECTED_ROWS[language].format(pk=measure.pk)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_dashboard_table_and_chart_show_the_database_counts(client, settings, language):
    settings.PAGE_CACHE_SECONDS = 0
    make_measures(30, prefix="fig")
    html = client.get(f"/{language}/umsetzungsstand/").content.decode()
    public = Massnahme.objects.public()
    feld = Handlungsfeld.objects.get(number=4)
    stadtteil = (Stadtteil.objects.annotate(measures=Count("massnahmen", filter=Q(massnahmen__freigabe=Freigabe.FREIGEGEBEN)))
                 .order_by("-measures", "pk").first())
    with translation.override(language):
        labels = {value: str(label) for value, label in Status.choices}
        all_measures, in_all = gettext("Alle Maßnahmen"), gettext("Maßnahmen insgesamt")
        selections = [  # (table row heading, chart label, the measures counted)
            (all_measures, all_measures, public),
            (f'<a href="{feld.get_absolute_url()}">{translated(feld, "short_title")}</a>',
             f'4. {translated(feld, "short_title")}', public.filter(handlungsfelder=feld)),
            (translated(stadtteil, "name"), translated(stadtteil, "name"), public.filter(stadtteile=stadtteil)),
        ]
    for heading, chart_label, selection in selections:
        counts = [selection.filter(status=status).count() for status in Status.values]
        total = selection.count()
        assert total and sum(counts) == total, chart_label

        row = re.search(rf'<tr><th scope="row">{re.escape(heading)}</th>(.*?)</tr>', html, re.S).group(1)
        # A share never breaks from its sign: a no-break space, isolated left-to-right.
        cells = re.findall(r'<td class="text-end">(\d+)(?: <span class="share text-muted-strong small">'
                           r'\(<bdi dir="ltr" class="bidi bidi-unit">(\d+)\u00a0%</bdi>\)</span>)?</td>', row)
        assert cells == [(str(count), str(round(100 * count / total))) for count in counts] + [(str(total), "")]

        described = "".join(f"{count} {labels[status]}, " for status, count in zip(Status.values, counts) if count)
        assert f"{chart_label}: {described}{in_all} {total}. " in html  # the chart's description
        # The label is text beside its bar (whole, as on the rest of the page), the bar an SVG.
        bar = re.search(rf'<span class="chart-label">{re.escape(chart_label)}</span>\s*<svg [^>]*>(.*?)</svg>', html, re.S).group(1)
        assert re.findall(r"<title>(\d+) · (\d+) %</title>", bar) == [
            (str(count), str(round(100 * count / total))) for count in counts if count
        ]
    for chart in ("chart-gesamt", "chart-felder", "chart-stadtteile"):
        assert (f'<div class="chart-bars" role="img" aria-labelledby="{chart}-title" aria-describedby="{chart}-desc">'
                in html)
        assert f'<figcaption class="visually-hidden" id="{chart}-title">' in html and f'id="{chart}-desc"' in html


def test_dashboard_figures_kept_per_content_state_show_a_change_at_once(client, settings):
    """The figures are kept per content state ({% cache %}): a status change shows on the next request."""
    import re

    from massnahmen.models import Massnahme, Status

    settings.PAGE_CACHE_SECONDS = 0  # the fragment, not the whole page, is under test

    def overall_total():
        html = client.get("/de/umsetzungsstand/").content.decode()
        row = re.search(r'<tr><th scope="row">Alle Maßnahmen</th>(.*?)</tr>', html, re.S).group(1)
        return [int(cell) for cell in re.findall(r'<td class="text-end">(\d+)', row)]

    before = overall_total()
    assert before == overall_total()  # served from the kept fragment: the same
    measure = Massnahme.objects.public().filter(status=Status.GEPLANT).first()
    measure.change_status(Status.UMGESETZT, note="fertig")
    after = overall_total()
    statuses = [value for value, _label in Status.choices]
    assert after[statuses.index(Status.GEPLANT)] == before[statuses.index(Status.GEPLANT)] - 1
    assert after[statuses.index(Status.UMGESETZT)] == before[statuses.index(Status.UMGESETZT)] + 1
