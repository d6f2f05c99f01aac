"""SearchPaginator: the page's own statement counts a search's matches, with Paginator's answers."""

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.pagination import LARGEST_PAGE, SearchPaginator
from massnahmen.models import Massnahme
from tests.factories import make_measures

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("term", ["Testmaßnahme", "seite 1", "gibt-es-nirgends"])
def test_pages_and_count_are_paginators(term):
    make_measures(47, prefix="seite")
    selection = Massnahme.objects.public().filter(title_de__icontains=term).order_by("position", "pk")
    expected = Paginator(selection, 20)
    for number in range(1, expected.num_pages + 1):
        paginator = SearchPaginator(selection, 20)
        with CaptureQueriesContext(connection) as queries:
            page = paginator.page(number)
            rows = list(page)
        assert len(queries.captured_queries) == 1  # rows and count together
        assert [m.pk for m in rows] == [m.pk for m in expected.page(number)]
        assert (paginator.count, paginator.num_pages, page.has_next(), page.start_index(), page.end_index()) == (
            expected.count, expected.num_pages, expected.page(number).has_next(),
            expected.page(number).start_index(), expected.page(number).end_index())


@pytest.mark.parametrize("number,error", [(0, EmptyPage), (-1, EmptyPage), ("abc", PageNotAnInteger),
                                          (4, EmptyPage), (LARGEST_PAGE + 1, EmptyPage), (10**40, EmptyPage)])
def test_pages_that_do_not_exist_raise_what_paginator_raises(number, error):
    make_measures(47, prefix="seite")
    with pytest.raises(error):
        SearchPaginator(Massnahme.objects.public().filter(title_de__icontains="Testmaßnahme").order_by("pk"), 20).page(number)


def test_a_search_in_the_list_is_counted_in_its_page_statement(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    make_measures(150, prefix="seite")  # two pages of each status
    client.get("/de/massnahmen/")  # the worker's memos (content stamp, reference maps, filter choices)
    with CaptureQueriesContext(connection) as plain:
        client.get("/de/massnahmen/?status=laufend")
    with CaptureQueriesContext(connection) as searched:
        response = client.get("/de/massnahmen/?status=laufend&q=Testma%C3%9Fnahme&page=2")
    assert len(searched.captured_queries) == len(plain.captured_queries) - 1
    expected = Massnahme.objects.public().filter(status="laufend", title_de__icontains="Testmaßnahme")
    assert response.context["paginator"].count == expected.count()
    assert "%d Maßnahmen gefunden" % expected.count() in response.content.decode()
    assert client.get("/de/massnahmen/?q=Testma%C3%9Fnahme&page=99").status_code == 404


@pytest.mark.parametrize("options", [{"orphans": 3}, {"allow_empty_first_page": False}])
def test_paginator_options_it_does_not_handle_itself_keep_paginators_answers(options):
    make_measures(47, prefix="seite")
    for term in ["Testmaßnahme", "gibt-es-nirgends"]:
        selection = Massnahme.objects.public().filter(title_de__icontains=term).order_by("position", "pk")
        expected, paginator = Paginator(selection, 20, **options), SearchPaginator(selection, 20, **options)
        for number in range(1, max(expected.num_pages, 1) + 1):
            try:
                rows = [m.pk for m in expected.page(number)]
            except EmptyPage:  # no first page of nothing, when it is not allowed
                with pytest.raises(EmptyPage):
                    paginator.page(number)
                continue
            assert [m.pk for m in paginator.page(number)] == rows
            assert paginator.count == expected.count
