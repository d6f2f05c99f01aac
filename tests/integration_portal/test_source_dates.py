"""Loaded history carries the sources' dates, and a load is never presented as news.

The dates below are read off the source documents by hand (content/seeds/002_…: "Am 18. und 19.
November 2020 fand … je eine digitale Zukunftswerkstatt … statt"; the progress notes), not
computed by the loader's parser.
"""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from core.periods import SourceDate
from massnahmen.models import Beteiligungsformat, Herausforderung, Massnahme, StatusChange

pytestmark = pytest.mark.django_db

WERKSTATT = (datetime.date(2020, 11, 19), "day")  # the second day: the list holds both workshops' results
# Measures whose progress note names a date of its own, with that note verbatim.
NOTE_DATES = {
    "zw2020-08": ("2021 wieder Vieles durch Stadtteilakteure umgesetzt", datetime.date(2021, 1, 1), "year"),
    "zw2020-21": ("Austauschtreffen für pädagogische Fachkräfte im September 2021", datetime.date(2021, 9, 1), "month"),
}


def expected_date(external_id):
    if external_id in NOTE_DATES:
        return NOTE_DATES[external_id][1:]
    return WERKSTATT


def test_every_loaded_history_row_has_the_date_its_source_gives():
    rows = StatusChange.objects.filter(massnahme__external_id__startswith="zw2020-").select_related("massnahme")
    assert rows.count() == 22  # one recorded state per measure of the Zukunftswerkstatt
    for row in rows:
        external_id = row.massnahme.external_id
        day, precision = expected_date(external_id)
        assert (timezone.localtime(row.changed_at).date(), row.date_precision) == (day, precision), external_id
        assert timezone.localtime(row.changed_at).time() == datetime.time(0, 0), external_id
        assert row.from_source and row.changed_by is None
        # The measure's own "Stand" is that row's date and precision.
        measure = row.massnahme
        assert (measure.status_changed_at, measure.status_date_precision) == (row.changed_at, precision)
        if external_id in NOTE_DATES:
            assert row.note == NOTE_DATES[external_id][0]


def test_challenges_are_dated_by_the_zukunftswerkstatt_of_18_and_19_november_2020():
    werkstatt = Beteiligungsformat.objects.get(slug="zukunftswerkstatt-2020")
    assert (werkstatt.start_date, werkstatt.end_date) == (datetime.date(2020, 11, 18), datetime.date(2020, 11, 19))
    assert Herausforderung.objects.count() == 10
    assert set(Herausforderung.objects.values_list("beteiligungsformat", flat=True)) == {werkstatt.pk}


def test_timelines_show_a_source_date_as_exactly_as_the_source_gives_it(client):
    html = client.get(Massnahme.objects.get(external_id="zw2020-21").get_absolute_url()).content.decode()
    assert '<time datetime="2021-09">September 2021</time> <span class="small">(Stand laut Quelle)</span>' in html
    html = client.get(Massnahme.objects.get(external_id="zw2020-08").get_absolute_url()).content.decode()
    assert '<time datetime="2021">2021</time>' in html
    html = client.get(Massnahme.objects.get(external_id="zw2020-04").get_absolute_url()).content.decode()
    assert '<time datetime="2020-11-19">19.11.2020</time>' in html
    # The list's "Stand" of each measure too, in another language's format.
    html = client.get("/en/massnahmen/").content.decode()
    assert '<time datetime="2021">2021</time>' in html and '<time datetime="2020-11-19">11/19/2020</time>' in html
    assert timezone.localdate().isoformat() not in html  # nothing is dated the day of the load


def test_start_page_and_feeds_do_not_announce_the_load_as_news(client):
    start = client.get(reverse("portal:start"))
    assert list(start.context["latest_changes"]) == []
    text = start.content.decode()
    assert "Seit der Übernahme aus den Quelldokumenten wurde noch keine Statusänderung gemeldet." in text
    assert not list(client.get(reverse("massnahmen:dashboard")).context["latest_changes"])
    feed = client.get(reverse("opendata:feed")).content.decode()
    assert "<entry>" not in feed
    # A change reported now is news: first on the start page, in the feed, dated today.
    measure = Massnahme.objects.get(external_id="zw2020-04")
    change = measure.change_status("umgesetzt", note="Übersicht liegt in den Stadtteilbüros aus")
    start = client.get(reverse("portal:start"))
    assert [c.pk for c in start.context["latest_changes"]] == [change.pk]
    assert f'<time datetime="{timezone.localtime(change.changed_at).isoformat()}">' in start.content.decode()
    feed = client.get(reverse("opendata:feed")).content.decode()
    assert feed.count("<entry>") == 1 and f"statusaenderung-{change.pk}<" in feed


def test_start_page_leads_with_the_leitlinien_of_2019_and_the_state_of_their_measures(client):
    html = client.get(reverse("portal:start")).content.decode()
    main = html[html.index("<main"):]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))
    assert "beschlossen vom Stadtrat am 21. Februar 2019 (Beschluss-Nr. 2386-065(VI)/19 )" in text
    assert "22 Maßnahmen setzen die Leitlinien um:" in text
    assert text.index("Integrationspolitische Leitlinien") < text.index("Stand der Maßnahmen") \
        < text.index("Hintergrund: Integrationskonzept 2018 bis 2022")
    for status, count in Massnahme.objects.public().order_by().values_list("status").annotate(n=Count("pk")):
        assert f'href="/de/massnahmen/?status={status}"' in main
        assert f"</span> {count}</a>" in main
    assert "<h1>Integrationskonzept" not in html and '<h2 id="konzept">Integrationskonzept' not in html


def test_change_status_takes_a_source_date_but_keeps_history_in_order():
    measure = Massnahme.objects.get(external_id="zw2020-21")  # September 2021
    with pytest.raises(ValidationError):
        measure.change_status("laufend", as_of=SourceDate(datetime.date(2021, 1, 1), "year"))
    assert Massnahme.objects.get(pk=measure.pk).status == "umgesetzt" and measure.status_changes.count() == 1
    row = measure.change_status("laufend", note="Fortsetzung 2022", as_of=SourceDate(datetime.date(2022, 3, 1), "month"))
    assert (row.date_precision, timezone.localtime(row.changed_at).date()) == ("month", datetime.date(2022, 3, 1))
    assert measure.status_changes.latest().pk == row.pk  # the status is the latest row's
    with pytest.raises(ValueError):
        SourceDate(datetime.date(2022, 3, 5), "month")  # a month is stored as its first day


def test_a_note_dated_to_the_day_is_read_to_the_day_and_two_dates_are_refused(tmp_path):
    from django.conf import settings

    from integration_portal.content.seeds import ContentError, parse_zukunftswerkstatt

    source = (settings.CONTENT_DIR / "seeds" / "002_afb7dd0770f628b1.txt").read_text(encoding="utf-8")
    seed = tmp_path / "002.txt"
    seed.write_text(source.replace("(in Bearbeitung/ derzeit schwer planbar)", "(am 3. Mai 2021 begonnen)"), encoding="utf-8")
    notes = {m.title[:30]: m.note_date for c in parse_zukunftswerkstatt(seed).challenges for m in c.measures}
    assert notes["zielgruppenübergreifende Begeg"] == (datetime.date(2021, 5, 3), "day")
    seed.write_text(source.replace("(in Bearbeitung/ derzeit schwer planbar)", "(im Mai 2021 und im Juni 2022)"),
                    encoding="utf-8")
    with pytest.raises(ContentError, match=r"Zeile 45: Der Stand „im Mai 2021 und im Juni 2022“ nennt mehrere Daten"):
        parse_zukunftswerkstatt(seed)
