"""Run by tests/core/test_migrations.py in a process of its own, against an empty database.

Migrates to the heads of before the shared models moved to core and the relations were
renamed, writes rows through the historical models of that state, migrates to today's head
and prints what is there now, as JSON.
"""

import json
import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integration_portal.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

BEFORE = [("integration_portal", "0002_content_stamp"), ("netzwerk", "0002_editorprofile_invitation"),
          ("massnahmen", "0005_public_status_index")]

call_command("migrate", verbosity=0)
call_command("migrate", "core", "zero", verbosity=0)  # takes integration_portal 0003 back with it
call_command("migrate", "massnahmen", "0005", verbosity=0)
call_command("migrate", "netzwerk", "0002", verbosity=0)

old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
ContentType = old.get_model("contenttypes", "ContentType")
feld_type, _ = ContentType.objects.get_or_create(app_label="handlungsfelder", model="handlungsfeld")
stamp_type, _ = ContentType.objects.get_or_create(app_label="integration_portal", model="contentstamp")
Permission = old.get_model("auth", "Permission")
view_stamp, _ = Permission.objects.get_or_create(content_type=stamp_type, codename="view_contentstamp",
                                                 defaults={"name": "Can view Inhaltsstand"})
old.get_model("auth", "Group").objects.create(name="Stabsstelle").permissions.add(view_stamp)
# As a database migrated forward and back again has them: fresh content types for core that
# Django's post_migrate made, which must give way to the original ones.
fresh_type = ContentType.objects.create(app_label="core", model="contentstamp")
Permission.objects.create(content_type=fresh_type, codename="change_contentstamp", name="Can change Inhaltsstand")
old.get_model("integration_portal", "ContentStamp").objects.create(pk=1, value=41)
source = old.get_model("integration_portal", "SourceText").objects.create(
    content_type=feld_type, object_id=3, field="title", source_hash="a" * 32)
old.get_model("integration_portal", "TranslationRecord").objects.create(
    source=source, language="ar", source_hash="a" * 32, text_hash="b" * 32)
Partner = old.get_model("netzwerk", "Netzwerkpartner")
partner = Partner.objects.create(name="Stabsstelle V/02", slug="stabsstelle", typ="amt")
old.get_model("netzwerk", "Netzwerk").objects.create(name="Netzwerk", contact=partner)
quelle = old.get_model("netzwerk", "Finanzierungsquelle").objects.create(name="AMIF", name_de="AMIF", ebene="eu")
projekt = old.get_model("netzwerk", "Projekt").objects.create(title="Vielfalt gestalten", slug="vielfalt")
projekt.funding.add(quelle)
massnahme = old.get_model("massnahmen", "Massnahme").objects.create(title="Sprachcafé", status="laufend")
massnahme.funding.add(quelle)

call_command("migrate", verbosity=0)

from core.models import ContentStamp, TranslationRecord  # noqa: E402
from massnahmen.models import Massnahme  # noqa: E402
from netzwerk.models import Netzwerk, Projekt  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.contenttypes.models import ContentType as ContentTypeNow  # noqa: E402

record = TranslationRecord.objects.select_related("source__content_type").get()
print(json.dumps({
    "stamp": ContentStamp.objects.get(pk=1).value,
    "stamp_token": ContentStamp.objects.get(pk=1).token,
    "source": [record.source.content_type.app_label, record.source.object_id, record.source.field],
    "translation": [record.language, record.text_hash],
    "ansprechstelle": Netzwerk.objects.get().ansprechstelle.slug,
    "projekt_quellen": list(Projekt.objects.get().finanzierungsquellen.values_list("name", flat=True)),
    "massnahme_quellen": list(Massnahme.objects.get().finanzierungsquellen.values_list("name", flat=True)),
    "group": list(Group.objects.get(name="Stabsstelle").permissions.values_list("content_type__app_label", "codename")),
    "stamp_types": list(ContentTypeNow.objects.filter(model="contentstamp").values_list("app_label", flat=True)),
    "tables": sorted(name for name in connection.introspection.table_names()
                     if name.startswith(("core_", "integration_portal_"))),
}))
