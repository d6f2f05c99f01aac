"""Fill the configured database with the Magdeburg content plus N generated measures (default 5,000).

Each generated measure has fields, districts, target groups, partners, translations in all
languages and a status history of three rows, like a portal after years of use.
"""

import argparse

from common import setup_django


def fill(total):
    fill_measures(total)
    fill_round()


def fill_round():
    """A closed reporting round over every measure (the loaded first round is the one before it)."""
    import datetime

    from django.utils import timezone

    from massnahmen.models import Berichtsrunde

    if Berichtsrunde.objects.filter(slug="bench-runde").exists():
        return
    runde = Berichtsrunde.objects.create(title_de="Berichtsrunde (Benchmark)", slug="bench-runde",
                                         period_start=datetime.date(2026, 1, 1), period_end=timezone.localdate())
    print(f"bench-runde closed with {len(runde.close())} measures")


def fill_measures(total):
    from django.utils import timezone

    from handlungsfelder.models import Handlungsfeld, Zielgruppe
    from massnahmen.models import Massnahme, Status, StatusChange
    from netzwerk.models import Netzwerkpartner, Stadtteil

    existing = Massnahme.objects.filter(external_id__startswith="bench-").count()
    missing = total - existing
    if missing <= 0:
        print(f"{existing} generated measures already there")
        return
    felder, stadtteile = list(Handlungsfeld.objects.all()), list(Stadtteil.objects.all())
    gruppen, partner = list(Zielgruppe.objects.all()), list(Netzwerkpartner.objects.all())
    statuses = list(Status.values)
    now = timezone.now()
    texts = {lang: f"[{lang}]" for lang in ("en", "ar", "uk", "ru", "fa", "tr")}
    measures = Massnahme.objects.bulk_create([
        Massnahme(
            external_id=f"bench-{existing + i}", status=statuses[i % 6], status_changed_at=now, position=100 + i,
            title_de=f"Maßnahme {existing + i}: Beratung und Begegnung im Stadtteil",
            description_de="Regelmäßiges Angebot mit Partnern im Quartier.\n\n- Beratung\n- Begegnung",
            **{f"title_{lang}": f"{tag} Measure {existing + i}" for lang, tag in texts.items()},
            **{f"description_{lang}": f"{tag} Regular offer with partners." for lang, tag in texts.items()},
        )
        for i in range(missing)
    ], batch_size=1000)
    for field, targets, name in [("handlungsfelder", felder, "handlungsfeld"), ("stadtteile", stadtteile, "stadtteil"),
                                 ("zielgruppen", gruppen, "zielgruppe"), ("partner", partner, "netzwerkpartner")]:
        through = getattr(Massnahme, field).through
        through.objects.bulk_create([through(massnahme_id=m.pk, **{f"{name}_id": targets[i % len(targets)].pk})
                                     for i, m in enumerate(measures)], batch_size=2000)
    StatusChange.objects.bulk_create([
        StatusChange(massnahme=m, old_status=old, new_status=new, note="Stand gemeldet", changed_at=now,
                     partner=partner[i % len(partner)])
        for i, m in enumerate(measures)
        for old, new in (("", "geplant"), ("geplant", "in_bearbeitung"), ("in_bearbeitung", m.status))
    ], batch_size=2000)
    from django.db import connection

    from core.models import ContentStamp

    ContentStamp.bump()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # A bulk load leaves the planner's statistics and the visibility map stale; autovacuum
            # would catch up within minutes in production, the benchmark should not wait for it.
            cursor.execute("VACUUM ANALYZE")
    print(f"{missing} measures generated ({Massnahme.objects.count()} in all, {StatusChange.objects.count()} history rows)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measures", type=int, default=5000)
    args = parser.parse_args()
    setup_django()
    fill(args.measures)
