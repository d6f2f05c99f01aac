"""Import benchmark: a 5,000-row file through the admin's preview and import, on gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/import.py

Fills the database (bench/fill.py, 5,000 measures), makes a CSV file as staff would upload it
(the export of 3,000 existing measures, 1,000 of them with a changed progress note and 300 of
those with a changed status, plus 2,000 new measures), starts gunicorn with production settings
(2 workers, its default 30-second timeout), logs in as staff and posts the file to the admin's
import page (the preview) and then confirms it (the import), as a browser does. Prints rows per
second for both and their wall time against the timeout, and checks what the import wrote: the
new measures, one history row per new measure and per changed status, one content-stamp bump.
"""

import argparse
import html
import os
import re
import signal
import time
import urllib.parse
import urllib.request
import uuid

from common import setup_django
from load import production_env, start_gunicorn

PORT = 8766
TIMEOUT = 30  # gunicorn's default worker timeout, which production keeps (docs/deployment.md)
USER, PASSWORD = "bench-import", "Bench-Import-Passwort-2026"


def prepare_translation_state():
    """The translation bookkeeping every measure has after being saved once (bench/fill.py bulk-creates
    without it); without it an import would also pay for creating it, which no real portal does."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from core.models import SourceText
    from core.translation_state import sync_translation_states
    from massnahmen.models import Massnahme

    have = SourceText.objects.filter(content_type=ContentType.objects.get_for_model(Massnahme)).values("object_id")
    missing = Massnahme.objects.exclude(pk__in=have)
    count = missing.count()
    if count:
        print(f"writing the translation state of {count} generated measures (once) …")
        with transaction.atomic():
            sync_translation_states([(measure, True) for measure in missing])  # none has a state yet


def make_file(existing, new, changed, status_changes):
    """CSV text of `existing` exported measures (`changed` of them with a new progress note, the first
    `status_changes` of those with another status) and `new` new ones; returns (text, expected)."""
    from massnahmen.models import Massnahme, Status
    from massnahmen.resources import MassnahmeResource

    run = uuid.uuid4().hex[:8]
    measures = Massnahme.objects.filter(external_id__startswith="bench-").order_by("pk")[:existing]
    exported = MassnahmeResource().export(queryset=measures)
    rows = [dict(zip(exported.headers, row)) for row in exported]
    statuses = list(Status.values)
    for i, row in enumerate(rows[:changed]):
        row["stand"] = f"Stand vom Import {run}: Angebot läuft, {i} Teilnehmende"
        if i < status_changes:
            row["status"] = statuses[(statuses.index(row["status"]) + 1) % len(statuses)]
    template = rows[-1]
    for i in range(new):
        rows.append({**template, "externe_id": f"import-{run}-{i}", "titel": f"Neue Maßnahme {i} aus dem Import {run}",
                     "status": statuses[i % len(statuses)]})
    exported.wipe()
    exported.headers = list(rows[0])
    for row in rows:
        exported.append(list(row.values()))
    return exported.export("csv"), {"new": new, "update": changed, "skip": existing - changed,
                                     "history": new + status_changes, "run": run}


class Browser:
    """Just enough of a browser for the admin: cookies (including Secure ones, on loopback), forms."""

    def __init__(self, base):
        self.base, self.cookies = base, {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path, data=None, content_type=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(self.base + path, data=data, headers=headers)
        try:
            response = self.opener.open(request, timeout=TIMEOUT + 30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response.status, response.read().decode()

    def form_post(self, path, fields):
        return self.request(path, urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded")

    def multipart_post(self, path, fields, file_field, file_name, content):
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                 for name, value in fields.items()]
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\n'
                     f"Content-Type: text/csv\r\n\r\n".encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(path, body, f"multipart/form-data; boundary={boundary}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def hidden_fields(page):
    return {html.unescape(name): html.unescape(value) for name, value in
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--measures", type=int, default=5000, help="generated measures in the database")
    parser.add_argument("--existing", type=int, default=3000, help="rows of the file that name existing measures")
    parser.add_argument("--new", type=int, default=2000, help="rows of the file that are new measures")
    parser.add_argument("--changed", type=int, default=1000, help="existing rows with a changed progress note")
    parser.add_argument("--status-changes", type=int, default=300, help="of those, rows with a changed status")
    args = parser.parse_args()
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from core.models import ContentStamp
    from fill import fill
    from massnahmen.models import Massnahme, StatusChange

    fill(args.measures)
    prepare_translation_state()
    if not get_user_model().objects.filter(username=USER).exists():
        get_user_model().objects.create_user(USER, password=PASSWORD, is_staff=True, is_superuser=True)
    text, expected = make_file(args.existing, args.new, args.changed, args.status_changes)
    rows = args.existing + args.new
    before = Massnahme.objects.count(), StatusChange.objects.count(), ContentStamp.objects.get().value
    connection.close()  # gunicorn's workers have the database to themselves while they are measured

    env = production_env()
    process = start_gunicorn(env, PORT)
    try:
        browser = Browser(f"http://127.0.0.1:{PORT}")
        _status, page = browser.request("/admin/login/")
        status, _page = browser.form_post("/admin/login/?next=/admin/", {
            **hidden_fields(page), "username": USER, "password": PASSWORD, "next": "/admin/"})
        assert status == 302, f"login failed ({status})"
        import_path = "/admin/massnahmen/massnahme/import/"
        _status, page = browser.request(import_path)
        csv_choice = re.search(r'<option value="(\d+)">csv</option>', page).group(1)

        start = time.perf_counter()
        status, preview = browser.multipart_post(import_path, {**hidden_fields(page), "format": csv_choice},
                                                 "import_file", "massnahmen.csv", text.encode())
        preview_seconds = time.perf_counter() - start
        assert status == 200 and "Import bestätigen" in preview, f"preview failed ({status}): {preview[-2000:]}"

        start = time.perf_counter()
        status, _page = browser.form_post("/admin/massnahmen/massnahme/process_import/", hidden_fields(preview))
        import_seconds = time.perf_counter() - start
        assert status == 302, f"import failed ({status})"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)

    after = Massnahme.objects.count(), StatusChange.objects.count(), ContentStamp.objects.get().value
    new_measures = Massnahme.objects.filter(external_id__startswith=f"import-{expected['run']}-").count()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}, gunicorn 2 workers, production settings")
    print(f"file: {rows} rows, {len(text.encode()) / 1024:.0f} KiB CSV ({expected['new']} new, "
          f"{expected['update']} changed of which {args.status_changes} change the status, {expected['skip']} unchanged)")
    print("| step | wall time s | rows/s | share of the 30 s timeout |")
    print("| --- | ---: | ---: | ---: |")
    for name, seconds in (("preview (upload, check every row)", preview_seconds),
                          ("import (confirm, write)", import_seconds)):
        print(f"| {name} | {seconds:.1f} | {rows / seconds:.0f} | {seconds / TIMEOUT:.0%} |")
    print(f"written: {after[0] - before[0]} measures ({new_measures} new from the file), "
          f"{after[1] - before[1]} history rows (expected {expected['history']}), "
          f"content stamp +{after[2] - before[2]} (expected +1)")
    assert (new_measures, after[1] - before[1], after[2] - before[2]) == (expected["new"], expected["history"], 1)


if __name__ == "__main__":
    main()
