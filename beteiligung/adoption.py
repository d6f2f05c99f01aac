""""Als Maßnahme aufnehmen": an entry becomes a measure, the way partners' proposals do.

The new measure is a proposal (massnahmen.models.Freigabe.VORGESCHLAGEN, reviewed in the
admin like every proposal) linked to the entry; the entry is set "aufgenommen" with a public
answer. The entry's page shows the measure once it is approved (public), with its status; the
measure's page shows the entries it came from.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from massnahmen.models import Massnahme

from .models import Moderation, State

DEFAULT_ANSWER = _("Wir nehmen diesen Eintrag als Maßnahme auf. Sobald die Maßnahme veröffentlicht ist, "
                   "sehen Sie hier, wie weit sie ist.")


def adopt_as_measure(entry, by, public_answer=""):
    """Create a proposed measure from `entry`, link both, set the entry "aufgenommen". Returns the measure."""
    with transaction.atomic():
        measure = Massnahme(title_de=entry.title_as_written[:500], description_de=entry.text,
                            beteiligungsformat=entry.beteiligungsformat)
        measure.propose(by, note=f"Aus {entry.get_kind_display()} #{entry.pk}: {entry.title_as_written}")
        if entry.handlungsfeld_id:
            measure.handlungsfelder.add(entry.handlungsfeld_id)
        measure.stadtteile.set(entry.stadtteile.all())
        measure.herausforderungen.add(entry)
        moderation, _created = Moderation.objects.get_or_create(entry=entry)
        moderation.change_state(State.AUFGENOMMEN, public_answer or str(DEFAULT_ANSWER), by=by)
    return measure
