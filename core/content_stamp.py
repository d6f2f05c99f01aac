"""Bump the ContentStamp whenever a content model changes (save, delete, m2m).

Each app says which of its models are content (`track()` in its AppConfig.ready()), so this
module knows none of them. User accounts, sessions, barrier reports and the translation
bookkeeping are not content.
"""

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import ContentStamp


def _bump(sender, raw=False, **kwargs):
    if not raw:
        bump()


def _bump_m2m(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump()


def bump():
    """Move the stamp on, once per transaction however many rows the transaction changes.

    A status report saves the measure and appends a history row; an import saves thousands of
    rows: each is one new content state, so one bump. Whether this transaction has bumped
    already is read from its pending on-commit callbacks, which Django drops with a rolled-back
    transaction or savepoint, so a bump that was rolled back is made again.
    """
    if connection.in_atomic_block and any(callback is _after_commit for _savepoints, callback, _robust
                                          in connection.run_on_commit):
        return
    ContentStamp.bump()
    _forget()
    # Forget again after commit: a request may have read the old value in between.
    transaction.on_commit(_after_commit)


def _forget():
    from .page_cache import stamp_memo

    stamp_memo.forget()


def _after_commit():
    _forget()


def track(*models):
    """Every change of these models (and of their many-to-many relations) bumps the content stamp."""
    for model in models:
        uid = model._meta.label
        post_save.connect(_bump, sender=model, dispatch_uid=f"content-stamp-save-{uid}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"content-stamp-delete-{uid}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(_bump_m2m, sender=field.remote_field.through,
                                dispatch_uid=f"content-stamp-m2m-{uid}-{field.name}")
