"""The open-data schema: one function per record type, used by CSV, JSON and the API alike.

Field names and types are documented in docs/open-data.md and in the OpenAPI document;
changing them is a breaking change for data users.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse

from core.base_url import absolute_url
from core.text import reader_language
from handlungsfelder.models import Handlungsfeld, LeitlinienEdition
from beteiligung.models import ModerationChange
from massnahmen.models import PUBLIC_RELATIONS, Herausforderung, Massnahme, StatusChange, related_lists
from netzwerk.models import Netzwerkpartner


def absolute(request, path):
    """A record's link at PORTAL_BASE_URL, never at the request's Host (core/base_url.py).

    A kept API page or download is served to every visitor, whichever Host the first one sent.
    The request stays in the signature every record function and its callers use.
    """
    return absolute_url(path)


def iso(value):
    return value.isoformat() if value else None


TEXTS = ("title", "description", "progress_note", "next_steps")


def measures_queryset(queryset):
    """What measure() reads: the texts in the active language and German (its fallback), not all seven."""
    languages = {settings.LANGUAGE_CODE, reader_language()}
    return (
        queryset.only("pk", "external_id", "status", "status_changed_at", "status_date_precision", "start_date",
                      "end_date",
                      *[f"{text}_{code}" for text in TEXTS for code in sorted(languages)])
        .prefetch_related(*related_lists(*PUBLIC_RELATIONS))
        .order_by("pk")
    )


def measure(m, request):
    return {
        "id": m.pk,
        "external_id": m.external_id,
        "url": absolute(request, m.get_absolute_url()),
        "title": m.title,
        "description": m.description or "",
        "status": m.status,
        "status_label": m.get_status_display(),
        "status_changed_at": iso(m.status_changed_at),
        # "" for a change reported in the portal; "day", "month" or "year" for a state a source
        # dates only so exactly (status_changed_at is then the first day of that period).
        "status_date_precision": m.status_date_precision,
        "progress_note": m.progress_note or "",
        "next_steps": m.next_steps or "",
        "handlungsfelder": [feld.number for feld in m.handlungsfelder_list],
        "stadtteile": [stadtteil.slug for stadtteil in m.stadtteile_list],
        "zielgruppen": [gruppe.key for gruppe in m.zielgruppen_list],
        "partner": [partner.slug for partner in m.partner_list],
        "start_date": iso(m.start_date),
        "end_date": iso(m.end_date),
    }


def partners_queryset():
    return Netzwerkpartner.objects.prefetch_related(
        Prefetch("themen", to_attr="themen_list"), Prefetch("arbeitsgruppen", to_attr="arbeitsgruppen_list"),
    ).order_by("name")


def partner(p, request):
    return {
        "slug": p.slug,
        "url": absolute(request, p.get_absolute_url()),
        "name": p.name,
        "type": p.typ,
        "type_label": p.get_typ_display(),
        "network_member": p.is_network_member,
        "description": p.description or "",
        "topics": [thema.name for thema in p.themen_list],
        "working_groups": [gruppe.name for gruppe in p.arbeitsgruppen_list],
        "contact_role": p.contact_role or "",
        "address": p.address,
        "email": p.email,
        "phone": p.phone,
        "website": p.website,
    }


def status_changes_queryset(measures):
    return StatusChange.objects.public_timeline().of(measures)


def status_change(change, request):
    return {
        "id": change.pk,
        "measure_id": change.massnahme_id,
        "measure_url": absolute(request, change.massnahme.get_absolute_url()),
        "measure_title": change.massnahme.title,
        "old_status": change.old_status or None,
        "new_status": change.new_status,
        "note": change.note,
        "note_language": change.note_language,
        "partner": change.partner.slug if change.partner else None,
        "changed_at": iso(change.changed_at),
        "date_precision": change.date_precision,
    }


def field(feld, request):
    return {
        "number": feld.number,
        "slug": feld.slug,
        "url": absolute(request, feld.get_absolute_url()),
        "title": feld.title,
        "short_title": feld.short_title,
        "approaches": [ansatz.title for ansatz in feld.handlungsansaetze.all()],
    }


def fields_queryset():
    return Handlungsfeld.objects.prefetch_related("handlungsansaetze")


def leitlinien(edition, request):
    felder = Handlungsfeld.objects.with_statements(edition)
    return {
        "title": edition.title,
        "resolution_number": edition.resolution_number,
        "resolution_date": iso(edition.resolution_date),
        "publication_date": iso(edition.publication_date),
        "series": edition.series,
        "volume": edition.volume,
        "binding_language": settings.LANGUAGE_CODE,
        "preamble": edition.preamble,
        "target_groups": [
            {"key": gruppe.key, "marker": gruppe.marker, "name": gruppe.name, "qualifier": gruppe.qualifier,
             "criteria": gruppe.definition_items()}
            for gruppe in edition.zielgruppen.all()
        ],
        "fields": [
            {"number": feld.number, "title": feld.title, "statements": [s.text for s in feld.statements]}
            for feld in felder
        ],
    }


def current_leitlinien():
    return LeitlinienEdition.objects.current()


def public_measures():
    return Massnahme.objects.public()


def entries_queryset(entries):
    """What entry() reads: public entries (never a hidden or unmoderated one), oldest first."""
    return (
        entries.select_related("moderation", "beteiligungsformat", "handlungsfeld")
        .prefetch_related(Prefetch("stadtteile", to_attr="stadtteile_list"),
                          Prefetch("massnahmen", queryset=Massnahme.objects.public().only("pk").order_by("pk"),
                                   to_attr="public_measures"))
        .order_by("pk")
    )


def public_entries():
    return Herausforderung.objects.public()


def entry_title(e):
    """(title, language): staff's translation into the active language, else as written."""
    language = reader_language()
    for code in (language, e.language, settings.LANGUAGE_CODE):
        text = getattr(e, f"title_{code}", "")
        if text:
            return text, code
    return "", e.language


def entry(e, request):
    """A public challenge or idea: what its page shows. Never the internal remark, never who moderated;
    no personal data is stored with an entry."""
    title, title_language = entry_title(e)
    moderation = e.moderation
    return {
        "id": e.pk,
        "url": absolute(request, e.get_absolute_url()),
        "kind": e.kind,
        "title": title,
        "title_language": title_language,
        "text": e.text,
        "text_language": e.language,
        "source": e.beteiligungsformat.slug,
        "handlungsfeld": e.handlungsfeld.number if e.handlungsfeld else None,
        "stadtteile": [stadtteil.slug for stadtteil in e.stadtteile_list],
        "state": moderation.state,
        "state_label": moderation.get_state_display(),
        "public_answer": moderation.public_answer,
        "answer_language": moderation.answer_language,
        "received_at": iso(e.created_at),
        "state_changed_at": iso(moderation.changed_at),
        "answered_at": iso(moderation.answered_at),
        "measures": [measure.pk for measure in e.public_measures],
    }


def entry_changes_queryset():
    """The public history of public entries, newest first (the Atom feed)."""
    return (ModerationChange.objects.public().filter(entry__in=Herausforderung.objects.public().values("pk"))
            .select_related("entry").order_by("-changed_at", "-pk"))


# --- Reporting rounds: what a closed round froze, never today's state ---------------------------

def rounds_queryset():
    """The closed rounds, in the order of their periods, with the previous round of each."""
    from massnahmen.models import Berichtsrunde

    return Berichtsrunde.objects.closed()


def closed_round(slug):
    from massnahmen.models import Berichtsrunde

    found = Berichtsrunde.objects.closed().filter(slug=slug).first()
    if found is None:
        raise LookupError(slug)
    return found


def berichtsrunde(runde, request, previous=None):
    """A closed round: its period and closing, and where its snapshot and report are."""
    return {
        "slug": runde.slug,
        "title": runde.title,
        "url": absolute(request, reverse("massnahmen:round", args=[runde.slug])),
        "period_start": iso(runde.period_start),
        "period_end": iso(runde.period_end),
        "due_date": iso(runde.due_date),
        "closed_at": iso(runde.closed_at),
        "snapshot_version": runde.snapshot_version,
        "previous": previous.slug if previous else None,
        "report_pdf": absolute(request, reverse("massnahmen:round-pdf", args=[runde.slug])),
        "report_xlsx": absolute(request, reverse("massnahmen:round-xlsx", args=[runde.slug])),
        "measures_csv": absolute(request, reverse("opendata:round-snapshots-csv", args=[runde.slug])),
        "measures_json": absolute(request, reverse("opendata:round-snapshots-json", args=[runde.slug])),
    }


def rounds(request):
    """Every closed round's record; each names the round before it (one query for all)."""
    rows, previous = [], None
    for runde in rounds_queryset():
        rows.append(berichtsrunde(runde, request, previous))
        previous = runde
    return rows


def snapshots_queryset(runde):
    return runde.current_snapshots().order_by("position", "pk")


def snapshot(row, request):
    """One measure as a closed round froze it, its texts in the active language (German where none).

    Fields, districts and partners as the measure record names them (numbers and slugs), the
    partners' names as frozen too; nothing here is read from today's measures.
    """
    language = reader_language()
    note = row.data.get("last_note")
    return {
        "measure_id": row.massnahme_id,
        "external_id": row.external_id or None,
        "position": row.position,
        "title": row.text("title", language),
        "status": row.status,
        "status_label": row.get_status_display(),
        "status_changed_at": row.data.get("status_changed_at"),
        "status_date_precision": row.status_date_precision,
        "reported": row.reported,
        "progress_note": row.text("progress_note", language),
        "next_steps": row.text("next_steps", language),
        "last_note": note["text"] if note else None,
        "last_note_language": note["language"] if note else None,
        "handlungsfelder": [item["number"] for item in row.data.get("handlungsfelder", [])],
        "stadtteile": [item["slug"] for item in row.data.get("stadtteile", [])],
        "partner": [item["slug"] for item in row.data.get("partner", [])],
        "partner_names": list(row.partner_names(language)),
        "start_date": row.data.get("start_date"),
        "end_date": row.data.get("end_date"),
    }
