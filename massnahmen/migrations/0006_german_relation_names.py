"""Relations named by the domain's own words (see netzwerk 0003); the join table keeps its rows."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('massnahmen', '0005_public_status_index'),
        ('netzwerk', '0003_german_relation_names'),
    ]

    operations = [
        migrations.RenameField(model_name='massnahme', old_name='funding', new_name='finanzierungsquellen'),
    ]
