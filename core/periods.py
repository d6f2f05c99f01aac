"""Start and end dates: one rule, written once, for models, their database constraints and forms;
and dates known only to the day, month or year a source gives."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
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


class DatePrecision(models.TextChoices):
    """How exactly a date is known. A change made in the portal knows its moment; a state taken
    from a source document is dated as exactly as the document dates it, never more."""

    MOMENT = "", _("Zeitpunkt der Eingabe")
    DAY = "day", _("Tag")
    MONTH = "month", _("Monat")
    YEAR = "year", _("Jahr")


# How a date of each precision is shown (Django's date formats, localised per language).
PRECISION_FORMATS = {
    DatePrecision.MOMENT: "SHORT_DATE_FORMAT",
    DatePrecision.DAY: "SHORT_DATE_FORMAT",
    DatePrecision.MONTH: "YEAR_MONTH_FORMAT",
    DatePrecision.YEAR: "Y",
}


@dataclass(frozen=True)
class SourceDate:
    """The date a source gives for a state: a day, or only a month or a year.

    A month or a year is stored as its first day together with the precision, and shown only as
    precisely as it is known ("September 2021", "2021").
    """

    date: datetime.date
    precision: str = DatePrecision.DAY

    def __post_init__(self):
        if self.precision not in (DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR):
            raise ValueError(f"A source date is a day, a month or a year, not {self.precision!r}")
        first = {DatePrecision.MONTH: self.date.replace(day=1), DatePrecision.YEAR: self.date.replace(month=1, day=1)}
        if first.get(self.precision, self.date) != self.date:
            raise ValueError(f"A {self.precision} is stored as its first day, not {self.date}")

    def moment(self):
        """Midnight at the start of the date, in the portal's time zone: what a DateTimeField stores."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time()))
