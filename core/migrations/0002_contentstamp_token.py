"""The content stamp gets a token, drawn anew with every bump: with the value it names a content state.

The value alone only counts this database's changes, and another database (or this one restored
from a backup) counts to the same numbers with other content. AddField gives existing rows its
default as one constant, computed once when the migration runs; the data step draws the existing
row's token explicitly, in the database being migrated, rather than rely on that.
"""

import uuid

import core.models
from django.db import migrations, models


def draw_token(apps, schema_editor):
    ContentStamp = apps.get_model("core", "ContentStamp")
    for pk in ContentStamp.objects.values_list("pk", flat=True):
        ContentStamp.objects.filter(pk=pk).update(token=uuid.uuid4().hex)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="contentstamp",
            name="token",
            field=models.CharField(default=core.models.new_token, editable=False, max_length=32),
        ),
        # Backwards the column goes, token and all: nothing to undo first.
        migrations.RunPython(draw_token, migrations.RunPython.noop),
    ]
