"""Content translations kept as files: content/translations/<lang>.yaml.

Each file is a list of entries {de: <German source text>, text: <translation>}. The
German text is the key, so a translation applies wherever that exact German text
stands, and a changed German source simply finds no translation (it is then shown in
German with a notice, and staff see it as missing).
"""

from pathlib import Path

import yaml
from django.conf import settings
from modeltranslation.translator import translator

from .seeds import ContentError

TRANSLATION_DIR = "translations"


def translated_fields():
    """[(model, [field names])] for every model registered with modeltranslation."""
    return [
        (model, list(translator.get_options_for_model(model).fields))
        for model in translator.get_registered_models()
        if not model._meta.abstract
    ]


def german_sources():
    """Every distinct German content text in the database, in a stable order."""
    seen, ordered = set(), []
    for model, fields in translated_fields():
        for row in model.objects.order_by("pk").values_list(*[f"{name}_de" for name in fields]):
            for value in row:
                if value and value not in seen:
                    seen.add(value)
                    ordered.append(value)
    return ordered


class _BlockDumper(yaml.SafeDumper):
    pass


def _str_representer(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _str_representer)


def dump_entries(entries):
    return yaml.dump(entries, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=10_000)


def translation_path(language, content_dir=None):
    return Path(content_dir or settings.CONTENT_DIR) / TRANSLATION_DIR / f"{language}.yaml"


def read_translations(language, content_dir=None):
    """{German text: translation} for one language; {} when there is no file."""
    path = translation_path(language, content_dir)
    if not path.exists():
        return {}
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(path, mark.line + 1 if mark else None, f"Kein gültiges YAML: {exc}") from None
    mapping = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("de"), str):
            raise ContentError(path, None, f"Eintrag {number}: „de“ (deutscher Ausgangstext) fehlt.")
        text = entry.get("text")
        if text is None or (isinstance(text, str) and not text.strip()):
            continue  # not yet translated
        if not isinstance(text, str):
            raise ContentError(path, None, f"Eintrag {number}: „text“ muss Text sein.")
        mapping[entry["de"]] = text
    return mapping
