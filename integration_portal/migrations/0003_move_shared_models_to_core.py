"""The content stamp and the translation state now belong to core (see core 0001): state only,
the tables and their rows stay where core put them."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('integration_portal', '0002_content_stamp'),
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='TranslationRecord'),
                migrations.DeleteModel(name='SourceText'),
                migrations.DeleteModel(name='ContentStamp'),
            ],
            database_operations=[],
        ),
    ]
