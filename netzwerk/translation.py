from modeltranslation.translator import TranslationOptions, register

from .models import Arbeitsgruppe, Finanzierungsquelle, Netzwerk, Netzwerkpartner, Projekt, Stadtteil, Thema


@register(Stadtteil)
class StadtteilTranslation(TranslationOptions):
    fields = ("name",)


@register(Thema)
class ThemaTranslation(TranslationOptions):
    fields = ("name",)


@register(Arbeitsgruppe)
class ArbeitsgruppeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Netzwerkpartner)
class NetzwerkpartnerTranslation(TranslationOptions):
    fields = ("name", "description", "contact_role")


@register(Netzwerk)
class NetzwerkTranslation(TranslationOptions):
    fields = ("name", "description", "goals", "tasks")


@register(Finanzierungsquelle)
class FinanzierungsquelleTranslation(TranslationOptions):
    fields = ("name",)


@register(Projekt)
class ProjektTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "aims", "main_target_group", "evaluation", "funding_note")
