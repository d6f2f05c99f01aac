"""The source "Online-Beteiligung" beside the workshops, and a public state for every workshop
challenge already loaded: "aufgenommen" where measures answer it, else "in Prüfung" (the rule of
beteiligung.models.moderate_from_source, which the content loader applies to new databases)."""

import datetime

from django.db import migrations


def forward(apps, schema_editor):
    Beteiligungsformat = apps.get_model("massnahmen", "Beteiligungsformat")
    Herausforderung = apps.get_model("massnahmen", "Herausforderung")
    Moderation = apps.get_model("beteiligung", "Moderation")
    ModerationChange = apps.get_model("beteiligung", "ModerationChange")
    Beteiligungsformat.objects.get_or_create(
        slug="online-beteiligung",
        defaults={"title": "Online-Beteiligung", "title_de": "Online-Beteiligung", "start_date": datetime.date.today(),
                  "description": "", "description_de": "Herausforderungen und Ideen, die Bürgerinnen und Bürger "
                                                       "über das Integrationsportal einbringen."},
    )
    for entry in Herausforderung.objects.filter(moderation__isnull=True).select_related("beteiligungsformat"):
        source = entry.beteiligungsformat
        moment = datetime.datetime.combine(source.end_date or source.start_date, datetime.time(),
                                           tzinfo=datetime.timezone.utc)
        state = "aufgenommen" if entry.massnahmen.exists() else "in_pruefung"
        ModerationChange.objects.create(entry=entry, old_state="", new_state=state, changed_at=moment)
        Moderation.objects.create(entry=entry, state=state, changed_at=moment)


class Migration(migrations.Migration):
    dependencies = [
        ("beteiligung", "0002_moderation_pieces"),
        ("massnahmen", "0010_herausforderung_online_entries_and_many_to_many_measures"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
