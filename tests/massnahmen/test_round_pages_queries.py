"""The round pages read a fixed number of queries, whether a round froze 10 measures or 5,000."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation

from handlungsfelder.models import Handlungsfeld
from massnahmen.models import Berichtsrunde, Snapshot, Status
from netzwerk.models import Netzwerkpartner, Stadtteil

pytestmark = pytest.mark.django_db

PAGES = [
    ("list", "/de/berichtsrunden/"),
    ("round", "/de/berichtsrunden/spaeter/"),
    ("round-ar", "/ar/berichtsrunden/spaeter/"),
    ("compare", "/de/berichtsrunden/frueher/vergleich/spaeter/"),
    ("api-round", "/api/berichtsrunden/spaeter/"),
    ("api-measures", "/api/berichtsrunden/spaeter/massnahmen/?page=1"),
    ("api-rounds", "/api/berichtsrunden/"),
]


def item(obj, **texts):
    return {"id": obj.pk, "slug": getattr(obj, "slug", ""), **{name: {"de": value} for name, value in texts.items()}}


def frozen_round(slug, year, count, shift):
    """A closed round (no measure existed in its period) whose snapshot holds `count` synthetic rows.

    The rows are written while the round is open, as close() writes its own, at version 1; closing
    it then adds none (nothing is covered) and freezes them.
    """
    runde = Berichtsrunde.objects.create(title_de=f"Runde {year}", slug=slug, period_start=datetime.date(year, 1, 1),
                                         period_end=datetime.date(year, 12, 31))
    felder, stadtteile = list(Handlungsfeld.objects.all()), list(Stadtteil.objects.all())
    partner = list(Netzwerkpartner.objects.all()[:5])
    statuses = Status.values

    def row(i):
        feld, stadtteil, responsible = felder[i % len(felder)], stadtteile[i % len(stadtteile)], partner[i % len(partner)]
        return Snapshot(
            runde=runde, version=1, external_id=f"x-{i}", position=i, status=statuses[(i + shift * (i % 3 == 0)) % 6],
            reported=i % 4 != 0, handlungsfeld_ids=[feld.pk], stadtteil_ids=[stadtteil.pk], partner_ids=[responsible.pk],
            data={"title": {"de": f"Maßnahme {i}", "ar": f"إجراء {i}"}, "progress_note": {"de": "Stand"}, "next_steps": {},
                  "description": {}, "last_note": None, "status_changed_at": "2021-06-01T00:00:00+00:00",
                  "status_date_precision": "", "start_date": None, "end_date": None,
                  "handlungsfelder": [{**item(feld, title=feld.title_de, short_title=feld.short_title_de),
                                       "number": feld.number}],
                  "stadtteile": [item(stadtteil, name=stadtteil.name_de)],
                  "partner": [item(responsible, name=responsible.name_de)]})

    Snapshot.objects.bulk_create(row(i) for i in range(count))
    runde.close()
    return runde


def count_pages():
    from django.core.cache import caches

    from core.page_cache import stamp_memo

    counts = {}
    for name, url in PAGES:
        for cache in caches.all(initialized_only=True):
            cache.clear()
        stamp_memo.forget()
        with CaptureQueriesContext(connection) as context:
            response = Client().get(url)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(context.captured_queries)
    return counts


@pytest.fixture(scope="module")
def queries_with_10_and_5000_measures(django_db_setup, django_db_blocker):
    """{page: (queries with 10 frozen measures per round, with 5,000)}; one rolled-back transaction each."""
    from django.db import transaction

    results = {}
    counting = override_settings(PAGE_CACHE_SECONDS=0, PAGE_CACHE_STAMP_SECONDS=3600)
    with django_db_blocker.unblock(), counting, translation.override("de"):
        for count in (10, 5000):
            with transaction.atomic():
                frozen_round("frueher", 2001, count, shift=0)
                frozen_round("spaeter", 2002, count, shift=1)
                results[count] = count_pages()
                transaction.set_rollback(True)
    return {name: (results[10][name], results[5000][name]) for name, _url in PAGES}


# Writes 2 × 5,000 snapshot rows once for all the pages: about 5 s.
@pytest.mark.parametrize("name", [name for name, _url in PAGES])
def test_round_pages_query_count_does_not_grow_with_the_measures(queries_with_10_and_5000_measures, name):
    small, large = queries_with_10_and_5000_measures[name]
    assert small == large, f"{name}: {small} queries with 10 measures, {large} with 5,000"
    assert small <= 8, f"{name}: {small} queries"
