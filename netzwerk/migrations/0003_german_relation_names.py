"""Relations named by the domain's own words, as the glossary has them (docs/architecture.md).

RenameField keeps every row: the foreign key's column and the many-to-many join table are
renamed, not dropped and made anew.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('netzwerk', '0002_editorprofile_invitation'),
    ]

    operations = [
        migrations.RenameField(model_name='netzwerk', old_name='contact', new_name='ansprechstelle'),
        migrations.RenameField(model_name='projekt', old_name='funding', new_name='finanzierungsquellen'),
    ]
