"""Shared set-up for the benchmark scripts: Django configured from the environment, data loaded."""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integration_portal.settings")


def setup_django(load_content=True):
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    if load_content:
        call_command("loadcontent", verbosity=0)


def wait_until_answering(url, process, name, tries=100):
    """Return once `url` answers (a server `process` just started); stop the process and the run if it never does."""
    import urllib.request

    for _ in range(tries):
        try:
            urllib.request.urlopen(url, timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{name} did not start")


def timed(function, repeat):
    """Seconds per call: median and 95th percentile over `repeat` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def database_label():
    from django.db import connection

    return f"{connection.vendor} {connection.settings_dict.get('NAME')}"
