"""Run by test_cache_identity.py in a process of its own: one portal against one database.

The process stands for a deployment (or a test run): DATABASE_URL names its database, and it
shares the PDF cache directory (PDF_CACHE_DIR) and the page cache (a directory,
SHARED_PAGE_CACHE) with the other processes of the test, as deployments share var/pdf-cache or
a Redis. It applies the plan given as JSON on the command line: the edits, as one content
change (one bump), then GETs of the addresses as an anonymous visitor; and prints, as JSON, the
stamp's identity and per address which of the markers the response holds, its ETag and whether
the page cache answered.
"""

import html
import io
import json
import os
import re
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.environ["DJANGO_SETTINGS_MODULE"] = "integration_portal.settings"
django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from core.content_stamp import one_bump  # noqa: E402
from core.models import ContentStamp  # noqa: E402

# The page cache in a directory: what every process of the test reads and writes, as the
# workers of two deployments sharing one Redis would.
settings.CACHES["default"] = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                              "LOCATION": os.environ["SHARED_PAGE_CACHE"]}
assert type(caches["default"]).__name__ == "FileBasedCache"  # not made from the settings before the change
setup_test_environment()  # the test client's host (testserver) is allowed, mail stays in memory


def squeeze(text):
    """Without whitespace and bidi controls: PDF text extraction breaks lines where it likes."""
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+", "", text)


def text_of(response):
    content = b"".join(response) if response.streaming else response.content
    if response["Content-Type"].startswith("application/pdf"):
        return squeeze("".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))
    return squeeze(html.unescape(content.decode()))


plan = json.loads(sys.argv[1])
if plan.get("edits"):
    with transaction.atomic(), one_bump():
        for label, pk, field, value in plan["edits"]:
            obj = apps.get_model(label).objects.get(pk=pk)
            setattr(obj, field, value)
            obj.save()

client = Client()
responses = {}
for url in plan["get"]:
    response = client.get(url)
    text = text_of(response)
    responses[url] = {
        "status": response.status_code,
        "found": [marker for marker in plan["markers"] if squeeze(marker) in text],
        "etag": response.get("ETag"),
        "page_cache": response.get("X-Page-Cache"),
    }
print(json.dumps({"identity": ContentStamp.identity(), "responses": responses}))
