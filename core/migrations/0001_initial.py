"""The content stamp and the translation state move here from integration_portal, rows and all.

The tables already exist (integration_portal 0001/0002). This migration first takes them over
as they are (state only), then gives them this app's names; integration_portal 0003 lets go
of them. The content types follow, so permissions given to staff groups stay given.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MOVED = ("contentstamp", "sourcetext", "translationrecord")


def move_content_types(apps, schema_editor, source="integration_portal", target="core"):
    """Give the moved models' content types (and so their permissions) to the app that now has them.

    If the target's content types exist already (a database migrated back and forth: Django's
    post_migrate made fresh ones), those fresh rows and their default permissions give way to
    the original ones, which staff groups may hold. Deleted in SQL: a cascade through the
    historical models' many-to-many tables is not reliable inside a migration.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    quote = schema_editor.quote_name
    for model in MOVED:
        fresh = list(ContentType.objects.filter(app_label=target, model=model).values_list("pk", flat=True))
        if fresh and ContentType.objects.filter(app_label=source, model=model).exists():
            permissions = list(Permission.objects.filter(content_type__in=fresh).values_list("pk", flat=True))
            through = [apps.get_model("auth", "Group").permissions.through,
                       apps.get_model(settings.AUTH_USER_MODEL).user_permissions.through]
            for pk in permissions:
                for table in through:
                    schema_editor.execute(f"DELETE FROM {quote(table._meta.db_table)} WHERE permission_id = %s", [pk])
                schema_editor.execute(f"DELETE FROM {quote(Permission._meta.db_table)} WHERE id = %s", [pk])
            for pk in fresh:
                schema_editor.execute(f"DELETE FROM {quote(ContentType._meta.db_table)} WHERE id = %s", [pk])
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="core", target="integration_portal")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('integration_portal', '0002_content_stamp'),
        ('auth', '0012_alter_user_first_name_max_length'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ContentStamp',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('value', models.BigIntegerField(default=1)),
                        ('changed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ],
                options={
                    'db_table': 'integration_portal_contentstamp',
                    'verbose_name': 'Inhaltsstand',
                    'verbose_name_plural': 'Inhaltsstand',
                },
            ),
            migrations.CreateModel(
                name='SourceText',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('object_id', models.PositiveBigIntegerField()),
                    ('field', models.CharField(max_length=60, verbose_name='Feld')),
                    ('source_hash', models.CharField(max_length=32)),
                    ('changed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='deutscher Text geändert')),
                    ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                ],
                options={
                    'db_table': 'integration_portal_sourcetext',
                    'verbose_name': 'Übersetzungsstand',
                    'verbose_name_plural': 'Übersetzungsstand',
                },
            ),
            migrations.CreateModel(
                name='TranslationRecord',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('language', models.CharField(choices=[('de', 'Deutsch'), ('en', 'English'), ('ar', 'العربية'), ('uk', 'Українська'), ('ru', 'Русский'), ('fa', 'فارسی'), ('tr', 'Türkçe')], max_length=8, verbose_name='Sprache')),
                    ('source_hash', models.CharField(max_length=32)),
                    ('text_hash', models.CharField(max_length=32)),
                    ('confirmed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='übersetzt oder bestätigt am')),
                    ('confirmed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='von')),
                    ('source', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='core.sourcetext')),
                ],
                options={
                    'db_table': 'integration_portal_translationrecord',
                    'verbose_name': 'Übersetzung',
                    'verbose_name_plural': 'Übersetzungen',
                },
            ),
            migrations.AddIndex(
                model_name='sourcetext',
                index=models.Index(fields=['content_type', 'object_id'], name='integration_content_925b65_idx'),
            ),
            migrations.AddConstraint(
                model_name='sourcetext',
                constraint=models.UniqueConstraint(fields=('content_type', 'object_id', 'field'), name='sourcetext_unique'),
            ),
            migrations.AddConstraint(
                model_name='translationrecord',
                constraint=models.UniqueConstraint(fields=('source', 'language'), name='translationrecord_unique'),
            ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='contentstamp', table=None),
        migrations.AlterModelTable(name='sourcetext', table=None),
        migrations.AlterModelTable(name='translationrecord', table=None),
        migrations.RenameIndex(model_name='sourcetext', new_name='sourcetext_object',
                               old_name='integration_content_925b65_idx'),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
