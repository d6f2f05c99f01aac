class MeasurePreviewMixin:
    """For a DetailView of a field, partner or project: its first published measures and their number.

    The object reaches its measures through the reverse relation `massnahmen` (a Maßnahme's
    manager method `preview()`), so the apps that show them never import massnahmen.
    """

    def get_context_data(self, **kwargs):
        measures = self.object.massnahmen.preview()
        return super().get_context_data(massnahmen=measures, measure_total=measures.paginator.count, **kwargs)
