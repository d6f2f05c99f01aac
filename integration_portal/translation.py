from modeltranslation.translator import TranslationOptions, register

from .models import Seite


@register(Seite)
class SeiteTranslation(TranslationOptions):
    fields = ("title", "body")
