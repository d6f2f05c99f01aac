"""Start and end dates: one rule, written once, for models, their database constraints and forms."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

END_BEFORE_START = _("Das Ende darf nicht vor dem Beginn liegen.")


def end_not_before_start(name):
    """The database's guard: an end, when both dates are given, is not before the start."""
    return models.CheckConstraint(
        condition=models.Q(end_date__isnull=True) | models.Q(start_date__isnull=True)
        | models.Q(end_date__gte=models.F("start_date")),
        name=name, violation_error_message=END_BEFORE_START,
    )


def period_error(start, end):
    """The message for end_date when the end lies before the start, else None."""
    return END_BEFORE_START if start and end and end < start else None


def validate_period(start, end):
    """Raise the ValidationError (on end_date) a model's clean() gives for such a period."""
    if period_error(start, end):
        raise ValidationError({"end_date": END_BEFORE_START})


class PeriodFormMixin:
    """For forms with start_date and end_date: an end before the start is an error on end_date."""

    def clean(self):
        cleaned = super().clean()
        error = period_error(cleaned.get("start_date"), cleaned.get("end_date"))
        if error:
            self.add_error("end_date", error)
        return cleaned
