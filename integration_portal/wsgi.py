import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integration_portal.settings")

application = get_wsgi_application()

# What start-up loaded (Django, the apps, URL patterns, translations) lives as long as the
# worker. Freezing it keeps the cyclic garbage collector from walking it again on every full
# pass, which cost several milliseconds per rendered page (docs/performance.md).
gc.freeze()
