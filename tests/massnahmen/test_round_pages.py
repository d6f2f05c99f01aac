"""The public side of a closed reporting round: its pages, the council's PDF and XLSX, open data.

What the tests capture at closing is compared with what the portal shows after the measures,
partners and translations changed; the comparison is checked against transitions computed here
from the snapshot rows; the workbook is read back cell by cell.
"""

import datetime
import io
import re
import zipfile

import pytest
from django.core.cache import caches
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook
from pypdf import PdfReader

from core.page_cache import stamp_memo
from handlungsfelder.models import Handlungsfeld
from massnahmen.models import Berichtsrunde, Massnahme, Status
from netzwerk.models import Netzwerkpartner, Stadtteil

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
STATUS_LABELS = dict(Status.choices)
# Reports for the second round: (external id, new status).
REPORTS = [("zw2020-04", Status.UMGESETZT), ("zw2020-01", Status.LAUFEND), ("zw2020-02", Status.GEPLANT)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def new_round(slug, start, end, title):
    return Berichtsrunde.objects.create(title_de=title, title_en=f"{title} (en)", slug=slug, period_start=start,
                                        period_end=end, due_date=end)


@pytest.fixture
def rounds(staff_user):
    """Two closed rounds: the sources' state at the end of 2021, and now after three reports and a new measure."""
    first = new_round("runde-2021", datetime.date(2021, 1, 1), datetime.date(2021, 12, 31), "Zwischenbilanz 2021")
    first.close(by=staff_user)
    second = new_round("runde-2026", datetime.date(2026, 1, 1), TODAY, "Berichtsrunde 2026")
    for external_id, status in REPORTS:
        measure = Massnahme.objects.get(external_id=external_id)
        measure.report_progress(expected_version=measure.version, status=status, note=f"Bericht {external_id}",
                                by=staff_user, berichtsrunde=second)
    neu = Massnahme.objects.create(title_de="Sprachcafé im Stadtteil", external_id="neu-01", position=99)
    neu.handlungsfelder.add(Handlungsfeld.objects.get(number=2))
    neu.partner.add(Netzwerkpartner.objects.get(slug="jugendamt"))
    second.close(by=staff_user)
    first.refresh_from_db()
    second.refresh_from_db()
    return first, second


def fresh():
    """Nothing kept from before: what follows is generated anew from the database."""
    for cache in caches.all(initialized_only=True):
        cache.clear()
    caches["pdf"].clear()
    stamp_memo.forget()


def main_of(response):
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main"):html.index("</main>")]


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def capture(client, first, second):
    """Everything public about the two rounds, as the portal answers now."""
    fresh()
    pages = {}
    for language in ("de", "ar", "en"):
        for path in ("berichtsrunden/", f"berichtsrunden/{second.slug}/", f"berichtsrunden/{first.slug}/",
                     f"berichtsrunden/{first.slug}/vergleich/{second.slug}/"):
            pages[language, path] = main_of(client.get(f"/{language}/{path}"))
    files = {}
    for language in ("de", "fa"):
        for kind in ("pdf", "xlsx"):
            response = client.get(f"/{language}/berichtsrunden/{second.slug}/bericht.{kind}")
            assert response.status_code == 200
            files[language, kind] = response.content
    data = {}
    for url in ("/api/berichtsrunden/", f"/api/berichtsrunden/{second.slug}/?lang=en",
                f"/api/berichtsrunden/{second.slug}/massnahmen/?lang=ar"):
        data[url] = client.get(url).json()
    for url in (f"/de/berichtsrunden/{second.slug}/massnahmen.json", "/en/berichtsrunden/daten.json"):
        body = client.get(url).json()
        body.pop("generated_at")
        data[url] = body
    data["csv"] = client.get(f"/de/berichtsrunden/{second.slug}/massnahmen.csv").content.decode()
    return pages, files, data


def change_everything(staff_user):
    """Measures, partners, fields, districts and translations as they might change after a round closed."""
    nachhilfe = Massnahme.objects.get(external_id="zw2020-04")
    nachhilfe.title_de, nachhilfe.title_ar = "Ganz neuer Titel", "عنوان جديد تماما"
    nachhilfe.progress_note_de = "Neuer Stand nach dem Abschluss"
    nachhilfe.save()
    nachhilfe.change_status(Status.EINGESTELLT, note="Nach der Runde eingestellt", by=staff_user)
    nachhilfe.partner.clear()
    jugendamt = Netzwerkpartner.objects.get(slug="jugendamt")
    jugendamt.name_de, jugendamt.name_en = "Amt für Jugend (umbenannt)", "Youth Office (renamed)"
    jugendamt.save()
    feld = Handlungsfeld.objects.get(number=2)
    feld.short_title_de, feld.short_title_en = "Umbenanntes Feld", "Renamed field"
    feld.save()
    stadtteil = Stadtteil.objects.order_by("pk").first()
    stadtteil.name_de = "Umbenannter Stadtteil"
    stadtteil.save()
    neu = Massnahme.objects.get(external_id="neu-01")
    neu.title_en = "A translation added later"
    neu.save()
    later = Massnahme.objects.create(title_de="Nach der Runde angelegt", external_id="neu-02")
    later.handlungsfelder.add(feld)


# Renders every page, PDF and workbook twice: about 10 s for the PDFs in two languages.
def test_a_closed_rounds_pages_files_and_data_never_change(client, rounds, staff_user):
    first, second = rounds
    before = capture(client, first, second)
    pages, files, data = before
    assert "Übersicht zu kostenpflichtigen" in pages["de", f"berichtsrunden/{second.slug}/"]
    assert "Amt für Jugend" not in pdf_text(files["de", "pdf"])
    change_everything(staff_user)
    after = capture(client, first, second)
    for (language, path), html in pages.items():
        assert after[0][language, path] == html, (language, path)
    for key, content in files.items():
        assert after[1][key] == content, key
    assert after[2] == data
    assert "Ganz neuer Titel" not in "".join(after[0].values())
    # The measure's own page does show the change: the round's pages are not simply kept.
    assert "Ganz neuer Titel" in client.get(Massnahme.objects.get(external_id="zw2020-04").get_absolute_url()).content.decode()


def snapshot_transitions(first, second):
    """(external id, old, new) of the measures in both rounds whose status moved, from the rows directly."""
    earlier = dict(first.current_snapshots().values_list("massnahme_id", "status"))
    later = list(second.current_snapshots().values_list("massnahme_id", "external_id", "status"))
    moved = sorted((external_id, earlier[pk], status) for pk, external_id, status in later
                   if pk in earlier and earlier[pk] != status)
    new = sorted(external_id for pk, external_id, _status in later if pk not in earlier)
    dropped = sorted(set(earlier) - {pk for pk, _e, _s in later})
    return moved, new, dropped


def test_the_comparison_shows_the_transitions_the_snapshot_rows_hold(client, rounds):
    first, second = rounds
    moved, new, dropped = snapshot_transitions(first, second)
    # The state at the end of 2021 comes from the sources; the three reports of 2026 moved from there.
    assert {external_id for external_id, _old, _new in moved} <= {external_id for external_id, _s in REPORTS}
    assert moved and new == ["neu-01"] and dropped == []
    html = main_of(client.get(f"/de/berichtsrunden/{first.slug}/vergleich/{second.slug}/"))
    table = html[html.index('id="vergleich-transitions"'):]
    table = table[table.index("<tbody>"):table.index("</tbody>")]
    shown = re.findall(r'<span class="status status-(\w+)">.*?<span class="status status-(\w+)">.*?<td class="text-end">(\d+)</td>',
                       table, re.S)
    expected = {}
    for _external_id, old, new_status in moved:
        expected[old, new_status] = expected.get((old, new_status), 0) + 1
    assert {(old, new_status): int(count) for old, new_status, count in shown} == expected
    titles = {row.external_id: row.text("title", "de") for row in second.current_snapshots()}
    moved_section = html[html.index('id="vergleich-moved"'):html.index('id="vergleich-new"')]
    for external_id, old, new_status in moved:
        assert f"{titles[external_id][:30]}" in moved_section
    new_section = html[html.index('id="vergleich-new"'):html.index('id="vergleich-dropped"')]
    assert "Sprachcafé im Stadtteil" in new_section
    unreported_section = html[html.index('id="vergleich-unreported"'):]
    unreported = [row.text("title", "de") for row in second.current_snapshots().filter(reported=False)]
    assert len(unreported) == second.current_snapshots().count() - len(REPORTS)
    for title in unreported:
        assert escape(title[:30]) in unreported_section


def test_the_round_page_counts_per_status_field_and_district_as_the_rows_hold_them(client, rounds):
    _first, second = rounds
    rows = list(second.current_snapshots())
    html = main_of(client.get(f"/de/berichtsrunden/{second.slug}/"))
    overall = html[html.index('id="tabelle-gesamt"'):]
    overall = overall[:overall.index("</table>")]
    counts = [int(n) for n in re.findall(r'<td class="text-end">(\d+)', overall)]
    assert counts == [sum(row.status == status for row in rows) for status in Status.values] + [len(rows)]
    fields = html[html.index('id="tabelle-felder"'):]
    fields = fields[:fields.index("</table>")]
    for feld in Handlungsfeld.objects.all():
        in_field = [row for row in rows if feld.pk in row.handlungsfeld_ids]
        line = re.search(rf"<th scope=\"row\">{feld.number}\. [^<]*</th>(.*?)</tr>", fields, re.S)
        if not in_field:
            continue
        assert [int(n) for n in re.findall(r'<td class="text-end">(\d+)', line.group(1))][-1] == len(in_field)
    assert '<svg class="chart-bar"' in html


def test_a_comparison_of_two_rounds_in_reverse_order_redirects_to_earlier_then_later(client, rounds):
    first, second = rounds
    response = client.get(f"/de/berichtsrunden/{second.slug}/vergleich/{first.slug}/")
    assert response.status_code == 301
    assert response["Location"] == f"/de/berichtsrunden/{first.slug}/vergleich/{second.slug}/"
    chosen = client.get(f"/de/berichtsrunden/vergleich/?von={second.slug}&bis={first.slug}")
    assert chosen["Location"] == f"/de/berichtsrunden/{first.slug}/vergleich/{second.slug}/"
    same = client.get(f"/de/berichtsrunden/vergleich/?von={first.slug}&bis={first.slug}")
    assert same.status_code == 400 and "zwei verschiedene Runden" in same.content.decode()
    assert client.get(f"/de/berichtsrunden/vergleich/?von={first.slug}&bis=gibt-es-nicht").status_code == 400


def test_open_rounds_are_not_public(client, rounds, staff_user):
    offen = new_round("offen", datetime.date(2026, 1, 1), TODAY, "Offene Runde")
    assert client.get("/de/berichtsrunden/offen/").status_code == 404
    assert client.get("/de/berichtsrunden/offen/bericht.pdf").status_code == 404
    assert client.get("/de/berichtsrunden/offen/bericht.xlsx").status_code == 404
    assert client.get("/api/berichtsrunden/offen/").status_code == 404
    assert client.get("/de/berichtsrunden/offen/massnahmen.csv").status_code == 404
    assert "Offene Runde" not in client.get("/de/berichtsrunden/").content.decode()
    assert "offen" not in [row["slug"] for row in client.get("/api/berichtsrunden/").json()["results"]]
    client.force_login(staff_user)
    assert client.get(f"/de/berichtsrunden/{offen.slug}/").status_code == 404


def test_the_pdf_is_dated_by_the_closing_in_every_language_and_compares_with_the_previous_round(client, rounds):
    first, second = rounds
    closed = timezone.localdate(second.closed_at)
    text = pdf_text(client.get(f"/de/berichtsrunden/{second.slug}/bericht.pdf").content)
    assert f"Stand der Maßnahmen am {closed.day}. " in text
    assert "Verglichen mit der Runde" in text and "Zwischenbilanz 2021" in text
    assert "Letzte Notiz" in text and "Bericht zw2020-04" in text
    for language, direction in (("ar", "rtl"), ("tr", "ltr")):
        data = client.get(f"/{language}/berichtsrunden/{second.slug}/bericht.pdf").content
        reader = PdfReader(io.BytesIO(data))
        assert reader.trailer["/Root"]["/Lang"] == language
        assert str(closed.year) in pdf_text(data)
        assert reader.metadata.creation_date.date() == second.closed_at.astimezone(datetime.timezone.utc).date()


def test_pdf_and_workbook_are_byte_for_byte_the_same_when_generated_again(client, rounds):
    _first, second = rounds
    urls = [f"/de/berichtsrunden/{second.slug}/bericht.pdf", f"/ar/berichtsrunden/{second.slug}/bericht.xlsx"]
    first_time = [client.get(url).content for url in urls]
    fresh()
    again = [client.get(url).content for url in urls]
    assert first_time == again
    # Nothing of the moment of writing: every zip entry and the document properties carry the closing.
    closed = second.closed_at.astimezone(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)
    archive = zipfile.ZipFile(io.BytesIO(again[1]))
    # A zip entry's time counts seconds in twos (MS-DOS format).
    assert {info.date_time for info in archive.infolist()} == {closed.replace(second=closed.second // 2 * 2).timetuple()[:6]}
    core = archive.read("docProps/core.xml").decode()
    assert core.count(closed.isoformat()) == 2  # created and modified


def test_the_workbook_read_back_cell_by_cell(client, rounds):
    first, second = rounds
    response = client.get(f"/de/berichtsrunden/{second.slug}/bericht.xlsx")
    assert response["Content-Type"] == XLSX
    assert f'filename="bericht-{second.slug}-de.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Übersicht", "Maßnahmen"]
    overview = list(book["Übersicht"].iter_rows(values_only=True))
    rows = list(second.current_snapshots())
    assert overview[0][:2] == ("Berichtsrunde", "Berichtsrunde 2026")
    assert overview[1][:3] == ("Zeitraum", datetime.datetime(2026, 1, 1), datetime.datetime.combine(TODAY, datetime.time()))
    closed = timezone.localdate(second.closed_at)
    assert overview[2][:2] == ("Abgeschlossen am", datetime.datetime.combine(closed, datetime.time()))
    assert overview[5][:2] == ("Status", "Maßnahmen")
    assert [row[:2] for row in overview[6:13]] == [
        *[(label, sum(r.status == value for r in rows)) for value, label in Status.choices],
        ("Maßnahmen insgesamt", len(rows))]
    earlier = dict(first.current_snapshots().values_list("massnahme_id", "status"))
    start = [row[0] for row in overview].index("bisheriger Status") + 1
    end = [row[0] for row in overview].index("Status unverändert")
    transitions = {}
    for row in rows:
        if row.massnahme_id in earlier and earlier[row.massnahme_id] != row.status:
            key = (STATUS_LABELS[earlier[row.massnahme_id]], STATUS_LABELS[row.status])
            transitions[key] = transitions.get(key, 0) + 1
    assert {row[:2]: row[2] for row in overview[start:end]} == transitions
    assert overview[end][1] == sum(r.massnahme_id in earlier and earlier[r.massnahme_id] == r.status for r in rows)
    header, *measures = list(book["Maßnahmen"].iter_rows(values_only=True))
    assert header == ("Kennung", "Titel", "Status", "Statuswert", "Bericht zur Runde", "Handlungsfelder", "Stadtteile",
                      "Verantwortlich", "Stand der Umsetzung", "Nächste Schritte", "Letzte Notiz",
                      "Veränderung zur vorigen Runde")
    assert len(measures) == len(rows)
    for cells, row in zip(measures, rows):
        change = ("neu" if row.massnahme_id not in earlier else
                  "Status geändert" if earlier[row.massnahme_id] != row.status else "unverändert")
        note = row.data["last_note"]["text"] if row.data.get("last_note") else None
        expected = (row.external_id, row.data["title"]["de"], STATUS_LABELS[row.status], row.status,
                    "ja" if row.reported else "nein",
                    "; ".join(item["title"]["de"] for item in row.data["handlungsfelder"]) or None,
                    "; ".join(item["name"]["de"] for item in row.data["stadtteile"]) or None,
                    "; ".join(item["name"]["de"] for item in row.data["partner"]) or None,
                    row.data["progress_note"].get("de"), row.data["next_steps"].get("de"), note, change)
        assert cells == expected, row.external_id


def test_every_text_cell_of_the_workbook_is_formula_safe(client, rounds, staff_user):
    hostile = "=HYPERLINK(\"http://example.com\",\"x\")"
    measure = Massnahme.objects.create(title_de=hostile, progress_note_de="+1+1", external_id="@evil")
    measure.handlungsfelder.add(Handlungsfeld.objects.get(number=1))
    runde = new_round("feindlich", datetime.date(2026, 1, 1), TODAY, "-Runde")
    runde.close(by=staff_user)
    book = load_workbook(io.BytesIO(client.get("/de/berichtsrunden/feindlich/bericht.xlsx").content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@")), (sheet.title, cell.coordinate)
    values = [cell for row in book["Maßnahmen"].iter_rows(values_only=True) for cell in row]
    assert "'" + hostile in values and "'@evil" in values and "'+1+1" in values


def test_the_atom_feed_has_an_entry_per_closing(client, rounds):
    first, second = rounds
    feed = client.get("/de/berichtsrunden/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert body.index("Berichtsrunde 2026") < body.index("Zwischenbilanz 2021")
    assert f"berichtsrunde-{second.pk}-1" in body and f"berichtsrunde-{first.pk}-1" in body
    assert f"/de/berichtsrunden/{second.slug}/" in body
    assert 'href="/de/berichtsrunden/feed.atom"' in client.get("/de/berichtsrunden/").content.decode()


def test_round_pages_are_kept_and_revalidated_like_every_public_page(client, rounds):
    _first, second = rounds
    for url in (f"/de/berichtsrunden/{second.slug}/", f"/de/berichtsrunden/{second.slug}/bericht.xlsx",
                f"/de/berichtsrunden/{second.slug}/bericht.pdf", "/api/berichtsrunden/"):
        response = client.get(url)
        assert "public" in response["Cache-Control"] and response["ETag"], url
        assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304, url


def test_the_search_finds_closed_rounds_only(client, rounds, staff_user):
    new_round("offen", datetime.date(2026, 1, 1), TODAY, "Zwischenbilanz offen")
    html = client.get("/de/suche/?q=Zwischenbilanz").content.decode()
    assert 'href="/de/berichtsrunden/runde-2021/"' in html
    assert "/de/berichtsrunden/offen/" not in html
    first, _second = rounds
    first.reopen(by=staff_user, reason="Nachmeldung")
    assert 'href="/de/berichtsrunden/runde-2021/"' not in client.get("/de/suche/?q=Zwischenbilanz").content.decode()


def test_a_long_list_of_changes_is_cut_on_the_page_and_points_to_the_rounds_data(client, rounds, monkeypatch):
    from massnahmen import round_views

    first, second = rounds
    monkeypatch.setattr(round_views, "LISTED", 2)
    html = main_of(client.get(f"/de/berichtsrunden/{first.slug}/vergleich/{second.slug}/"))
    unreported = second.current_snapshots().filter(reported=False).count()
    section = html[html.index('id="vergleich-unreported"'):]
    assert section.count("<li>") == 2
    assert f"… und {unreported - 2} weitere Maßnahmen." in section
    assert f'href="/de/berichtsrunden/{second.slug}/massnahmen.csv"' in section
    assert "weitere Maßnahmen" not in html[html.index('id="vergleich-new"'):html.index('id="vergleich-dropped"')]
