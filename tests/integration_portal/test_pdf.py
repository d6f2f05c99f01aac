"""The Leitlinien and the implementation report as PDF: text, languages, metadata, caching."""

import io
import re
import threading
from unittest import mock

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from pypdf import PdfReader

from handlungsfelder.models import Leitlinie, LeitlinienEdition
from core import pdf as pdf_module
from massnahmen.models import Massnahme
from tests.integration_portal.test_translations import translation_file

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(autouse=True)
def pdf_cache(settings, tmp_path):
    settings.CACHES = {**settings.CACHES, "pdf": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path / "pdf")}}


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


def squeeze(text):
    """Text without whitespace and bidi controls: line breaks and justification vary, words do not."""
    return re.sub(r"\s+", "", BIDI_CONTROLS.sub("", text))


def get_pdf(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf"
    return response, b"".join(response) if response.streaming else response.content


# About 1.5 s each: WeasyPrint lays out the whole Leitlinien document in the language.
@pytest.mark.parametrize("language", LANGUAGES)
def test_leitlinien_pdf_in_every_language(client, language):
    edition = LeitlinienEdition.objects.current()
    response, data = get_pdf(client, f"/{language}/leitlinien/pdf/")
    assert f'filename="leitlinien-magdeburg-{language}-2020-08-01.pdf"' in response["Content-Disposition"]
    reader, pages = pdf_text(data)
    text = squeeze("".join(pages))
    expected = translation_file(language) if language != "de" else {}
    for statement in edition.leitlinien.all():
        wording = expected.get(statement.text_de, statement.text_de)
        # Arabic and Persian extraction may reorder a line's digit runs; compare the words.
        words = [w for w in re.split(r"[\W\d_]+", wording) if len(w) > 3] if language in ("ar", "fa") else [wording]
        for word in words:
            assert squeeze(word) in text, (language, statement.handlungsfeld.number, statement.position, word)
    assert all(token in squeeze(pages[0]) for token in ("2386", "065", "VI", "19"))
    # A table of contents with page numbers, and "page X of Y" on the pages.
    assert len(reader.pages) >= 8
    last = str(len(reader.pages))
    assert re.search(rf"(?<!\d){len(reader.pages) - 1}(?!\d).*{last}|{last}.*(?<!\d){len(reader.pages) - 1}(?!\d)",
                     BIDI_CONTROLS.sub("", pages[-2]))
    # Metadata: title, author, subject, language; tagged.
    metadata = reader.metadata
    assert metadata.title == edition.title_de if language == "de" else metadata.title
    assert metadata.author and metadata.subject and "2386-065(VI)/19" in metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == language
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def test_german_pdf_page_numbers_and_resolution():
    response, data = get_pdf(Client(), "/de/leitlinien/pdf/")
    reader, pages = pdf_text(data)
    total = len(reader.pages)
    assert f"Seite 2 von {total}" in pages[1]
    assert "2386-065(VI)/19" in pages[0]
    assert "Landeshauptstadt Magdeburg" in pages[0]
    assert "Verbindlich ist allein" not in "".join(pages)


def test_arabic_pdf_starts_with_arabic_and_says_german_is_binding(client):
    _response, data = get_pdf(client, "/ar/leitlinien/pdf/")
    _reader, pages = pdf_text(data)
    first_line = BIDI_CONTROLS.sub("", pages[0]).strip().splitlines()[0]
    assert re.search("[\u0600-\u06ff]", first_line) and not re.search("[A-Za-z]", first_line)
    binding = BIDI_CONTROLS.sub("", "".join(pages))
    assert "الألمانية" in binding  # "the German version is binding"


# Two renders by design: the first request and the one after the edit.
def test_unchanged_content_is_served_from_the_cache_and_an_edit_renders_anew(client):
    real_render = pdf_module.render_pdf
    with mock.patch("handlungsfelder.views.render_pdf", side_effect=real_render) as render:
        _r, first = get_pdf(client, "/en/leitlinien/pdf/")
        _r, second = get_pdf(client, "/en/leitlinien/pdf/")
        assert render.call_count == 1
        assert first == second

        statement = Leitlinie.objects.get(edition=LeitlinienEdition.objects.current(), handlungsfeld__number=2, position=5)
        statement.text_en = "Multilingualism is an asset: revised translation."
        statement.save()
        _r, third = get_pdf(client, "/en/leitlinien/pdf/")
        assert render.call_count == 2
        assert "Multilingualismisanasset:revisedtranslation." in squeeze("".join(pdf_text(third)[1]))


# Two renders at once by design; and the content is loaded again after the previous flushing test.
@pytest.mark.django_db(transaction=True)  # the threads need committed data and no open transaction
def test_two_simultaneous_requests_for_an_uncached_pdf_both_get_a_correct_file():
    results = []

    def fetch():
        try:
            response = Client().get("/uk/leitlinien/pdf/")
            results.append((response.status_code, response.content))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=fetch) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _data in results] == [200, 200]
    for _status, data in results:
        reader, pages = pdf_text(data)
        assert reader.trailer["/Root"]["/Lang"] == "uk"
        assert len(reader.pages) >= 8


def test_report_pdf_takes_the_list_filters(client):
    response, data = get_pdf(client, "/de/massnahmen/bericht.pdf?status=laufend")
    assert "umsetzungsbericht-magdeburg-de-" in response["Content-Disposition"]
    _reader, pages = pdf_text(data)
    text = "".join(pages)
    flat = squeeze(text)
    for massnahme in Massnahme.objects.filter(status="laufend"):
        assert squeeze(massnahme.title_de) in flat
    for massnahme in Massnahme.objects.exclude(status="laufend"):
        assert squeeze(massnahme.title_de) not in flat
    assert "Status: laufend" in text
    assert "Umsetzungsbericht Integrationskonzept" in text
    assert "Letzte Notiz" in text


def test_report_summary_counts_per_field_and_status(client):
    _response, data = get_pdf(client, "/de/massnahmen/bericht.pdf")
    text = "".join(pdf_text(data)[1])
    expected_total = Massnahme.objects.count()
    assert re.search(rf"Maßnahmen\s*insgesamt\s+4\s+10\s+3\s+5\s+0\s+0\s+{expected_total}", text)
    in_field_4 = Massnahme.objects.filter(handlungsfelder__number=4).count()
    assert re.search(rf"4\.\s*Integration in\D*0\s+\d+\s+\d+\s+\d+\s+0\s+0\s+{in_field_4}", text)


@pytest.mark.parametrize("query", ["status=erledigt", "handlungsfeld=gibt-es-nicht", "partner=%3Cscript%3E"])
def test_report_with_an_unknown_filter_is_a_clear_400_not_a_pdf(client, query):
    response = client.get(f"/de/massnahmen/bericht.pdf?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Dieser Filter ist ungültig" in response.content.decode()


def test_unknown_language_pdf_is_404(client):
    assert client.get("/xx/leitlinien/pdf/").status_code == 404
    assert client.get("/xx/massnahmen/bericht.pdf").status_code == 404


def test_pdf_links_on_the_pages(client):
    assert 'href="/ar/leitlinien/pdf/"' in client.get("/ar/leitlinien/").content.decode()
    assert 'href="/de/massnahmen/bericht.pdf?status=geplant"' in client.get("/de/massnahmen/?status=geplant").content.decode()
