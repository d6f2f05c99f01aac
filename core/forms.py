"""Form fields the apps share."""

from django import forms

from .bidi import isolate_runs_text


# Primary keys are 64-bit; a larger number is no key at all and must not reach the database
# (SQLite raises OverflowError on it).
MAX_PK = 2**63 - 1


def _plausible_pk(value):
    try:
        return 0 < int(str(value)) <= MAX_PK
    except (TypeError, ValueError):
        return False


class IsolatingSelect(forms.Select):
    """A select whose option labels keep their order in both directions: a German name in an
    Arabic or Persian label ("… (Neue Neustadt/Neustädter See/Kannenstieg)") is isolated with
    Unicode's isolate controls, as an <option> holds no markup (core/bidi.py)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        return super().create_option(name, value, isolate_runs_text(label), selected, index, subindex, attrs)


class SafeModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not self.to_field_name and not _plausible_pk(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            if not self.to_field_name and not _plausible_pk(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
        return super()._check_values(value)
