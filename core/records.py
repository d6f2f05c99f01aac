"""History rows are records: appended, never changed, never deleted.

A measure's status history and an entry's moderation history both build on these; each names
the exception it raises (`record_error`), which its callers and tests expect.
"""

from django.db import models


class AppendOnlyQuerySet(models.QuerySet):
    record_error = Exception

    def update(self, **kwargs):
        raise self.record_error("History rows are never changed.")

    def delete(self):
        raise self.record_error("History rows are never deleted.")


class AppendOnlyModel(models.Model):
    record_error = Exception

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise self.record_error("History rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise self.record_error("History rows are never deleted.")
