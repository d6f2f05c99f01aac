from modeltranslation.translator import TranslationOptions, register

from .models import Handlungsansatz, Handlungsfeld, Integrationskonzept, Leitlinie, LeitlinienEdition, Zielgruppe


@register(Integrationskonzept)
class IntegrationskonzeptTranslation(TranslationOptions):
    fields = ("title", "starting_point", "vision", "goals", "working_method")


@register(Handlungsfeld)
class HandlungsfeldTranslation(TranslationOptions):
    fields = ("title", "short_title", "description")


@register(Handlungsansatz)
class HandlungsansatzTranslation(TranslationOptions):
    fields = ("title",)


@register(Zielgruppe)
class ZielgruppeTranslation(TranslationOptions):
    fields = ("name", "qualifier", "definition")


@register(LeitlinienEdition)
class LeitlinienEditionTranslation(TranslationOptions):
    fields = ("title", "series", "publisher", "introduction", "preamble")


@register(Leitlinie)
class LeitlinieTranslation(TranslationOptions):
    fields = ("text",)
