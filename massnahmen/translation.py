from modeltranslation.translator import TranslationOptions, register

from .models import Beteiligungsformat, Herausforderung, Massnahme, StatusChange


@register(Beteiligungsformat)
class BeteiligungsformatTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Herausforderung)
class HerausforderungTranslation(TranslationOptions):
    fields = ("title",)


@register(Massnahme)
class MassnahmeTranslation(TranslationOptions):
    fields = ("title", "description", "progress_note", "next_steps")


@register(StatusChange)
class StatusChangeTranslation(TranslationOptions):
    fields = ("note",)
