"""Bump the ContentStamp whenever a content model changes (save, delete, m2m).

Each app says which of its models are content (`track()` in its AppConfig.ready()), so this
module knows none of them. User accounts, sessions, barrier reports and the translation
bookkeeping are not content.
"""

import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import ContentStamp


_batch = threading.local()


def _bump(sender, raw=False, **kwargs):
    if not raw:
        bump()


def _bump_m2m(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump()


def bump():
    if getattr(_batch, "active", False):
        _batch.pending = True  # one_bump() moves the stamp when the batch ends
        return
    ContentStamp.bump()
    _forget()
    # Forget again after commit: a request may have read the old value in between.
    transaction.on_commit(_forget)


@contextmanager
def one_bump():
    """The content changes inside are one new content state: the stamp moves once, at the end.

    For a status report (the measure and its history row) and an import (thousands of rows).
    Use it inside the transaction of the changes, so the bump commits or rolls back with them.
    """
    if getattr(_batch, "active", False):  # already inside a batch: it bumps for both
        yield
        return
    _batch.active, _batch.pending, _batch.at_end = True, False, {}
    try:
        yield
    finally:
        _batch.active, changed = False, _batch.pending
        at_end, _batch.at_end = _batch.at_end, {}
    for callback in at_end.values():
        callback()
    if changed:
        bump()


def at_batch_end(key, callback):
    """Inside one_bump(): run `callback` once when the batch ends (the last registration under
    `key` wins) and return True; outside a batch return False, and the caller acts at once."""
    if not getattr(_batch, "active", False):
        return False
    _batch.at_end[key] = callback
    return True


def _forget():
    from .page_cache import stamp_memo

    stamp_memo.forget()


def track(*models):
    """Every change of these models (and of their many-to-many relations) bumps the content stamp."""
    for model in models:
        uid = model._meta.label
        post_save.connect(_bump, sender=model, dispatch_uid=f"content-stamp-save-{uid}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"content-stamp-delete-{uid}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(_bump_m2m, sender=field.remote_field.through,
                                dispatch_uid=f"content-stamp-m2m-{uid}-{field.name}")
