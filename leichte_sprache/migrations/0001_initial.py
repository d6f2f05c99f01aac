# The app's starting point: its models come in the migrations that follow, one per concern.
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = []
