"""Admin lists that grow with use keep a constant number of queries, however many rows they show."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.translation_state import sync_translation_state
from massnahmen.models import Berichtsrunde, Reminder
from netzwerk.models import Invitation, Netzwerkpartner
from tests.factories import make_measures

pytestmark = pytest.mark.django_db


def with_translation_state(count, prefix):
    for massnahme in make_measures(count, prefix=prefix):
        sync_translation_state(massnahme)


def with_reminders(count, prefix):
    Reminder.objects.bulk_create(Reminder(massnahme=m, recipients="team@example.org") for m in make_measures(count, prefix=prefix))


def with_snapshots(count, prefix):
    make_measures(count, prefix=prefix)
    runde = Berichtsrunde.objects.create(title_de=prefix, slug=prefix, period_start=date(2026, 1, 1),
                                         period_end=date(2026, 12, 31))
    runde.close()


def with_invitations(count, prefix):
    partners = list(Netzwerkpartner.objects.all())
    for i in range(count):
        user = User.objects.create(username=f"{prefix}-{i}", email=f"{prefix}-{i}@example.org")
        Invitation.objects.create(email=user.email, partner=partners[i % len(partners)], user=user)


def with_follows(count, prefix):
    from beteiligung.models import Follow

    for massnahme in make_measures(count, prefix=prefix):
        Follow.request(f"{prefix}-{massnahme.pk}@example.org", massnahme, "de")


def with_rounds(count, prefix):
    import datetime

    from massnahmen.models import Berichtsrunde

    Berichtsrunde.objects.bulk_create(
        Berichtsrunde(title_de=f"Runde {prefix} {i}", slug=f"{prefix}-{i}", period_start=datetime.date(2026, 1, 1),
                      period_end=datetime.date(2026, 6, 30)) for i in range(count))


ADMIN_LISTS = [
    ("/admin/beteiligung/follow/", with_follows),
    ("/admin/massnahmen/berichtsrunde/", with_rounds),
    ("/admin/massnahmen/massnahme/", make_measures),
    ("/admin/massnahmen/statuschange/", make_measures),
    ("/admin/massnahmen/reminder/", with_reminders),
    ("/admin/massnahmen/snapshot/", with_snapshots),
    ("/admin/netzwerk/invitation/", with_invitations),
    ("/admin/core/sourcetext/", with_translation_state),
    ("/admin/core/translationrecord/", with_translation_state),
    ("/admin/core/translationrecord/?stand=veraltet", with_translation_state),
]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url,add_rows", ADMIN_LISTS, ids=[url for url, _add in ADMIN_LISTS])
def test_admin_list_query_count_does_not_grow_with_its_rows(staff_client, url, add_rows):
    add_rows(3, "small")
    small = count_queries(staff_client, url)
    add_rows(40, "large")  # still one page of the change list (100 rows)
    large = count_queries(staff_client, url)
    assert small == large, f"{url}: {small} queries with few rows, {large} with many"


def test_the_edition_page_reads_the_fields_once_not_once_per_statement(staff_client):
    from handlungsfelder.models import LeitlinienEdition, Leitlinie

    draft = LeitlinienEdition.objects.current().copy_as_draft()
    url = f"/admin/handlungsfelder/leitlinienedition/{draft.pk}/change/"
    before = count_queries(staff_client, url)
    # Twice the statements: the rows' field drop-downs must not each read the fields again.
    Leitlinie.objects.bulk_create(
        Leitlinie(edition=draft, handlungsfeld=statement.handlungsfeld, position=statement.position + 100,
                  text_de=statement.text_de) for statement in draft.leitlinien.all())
    assert count_queries(staff_client, url) == before
