from modeltranslation.translator import TranslationOptions, register

from .models import Berichtsrunde, Beteiligungsformat, Herausforderung, Massnahme


@register(Beteiligungsformat)
class BeteiligungsformatTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Herausforderung)
class HerausforderungTranslation(TranslationOptions):
    fields = ("title",)


@register(Massnahme)
class MassnahmeTranslation(TranslationOptions):
    fields = ("title", "description", "progress_note", "next_steps")


# StatusChange.note is deliberately not translated: a history row records what was
# written, by whom, in the language it was written in.


@register(Berichtsrunde)
class BerichtsrundeTranslation(TranslationOptions):
    fields = ("title",)


# A snapshot keeps its texts in every language inside Snapshot.data (JSON): frozen, not translated later.
