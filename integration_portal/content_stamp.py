"""Bump the ContentStamp whenever a content model changes (save, delete, m2m).

The content models are those of the three content apps and the portal's pages; user
accounts, sessions, barrier reports and the translation bookkeeping are not content.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import ContentStamp, Seite

CONTENT_APPS = ("handlungsfelder", "netzwerk", "massnahmen")
NOT_CONTENT = {"PartnerMembership"}


def content_models():
    models = [Seite]
    for label in CONTENT_APPS:
        models += [m for m in apps.get_app_config(label).get_models() if m.__name__ not in NOT_CONTENT]
    return models


def _bump(sender, raw=False, **kwargs):
    if not raw:
        bump()


def _bump_m2m(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump()


def bump():
    from .page_cache import stamp_memo

    ContentStamp.bump()
    stamp_memo.forget()
    # Forget again after commit: a request may have read the old value in between.
    transaction.on_commit(stamp_memo.forget)


def connect():
    for model in content_models():
        uid = model._meta.label
        post_save.connect(_bump, sender=model, dispatch_uid=f"content-stamp-save-{uid}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"content-stamp-delete-{uid}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(_bump_m2m, sender=field.remote_field.through, dispatch_uid=f"content-stamp-m2m-{uid}-{field.name}")
