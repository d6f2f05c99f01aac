from django.views.generic import DetailView, ListView

from .filters import MassnahmeFilter
from .models import Massnahme

PAGE_SIZE = 20


class MassnahmeListView(ListView):
    template_name = "massnahmen/list.html"
    context_object_name = "massnahmen"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.filterset = MassnahmeFilter(self.request.GET or None, queryset=Massnahme.objects.public().for_list())
        if self.filterset.is_bound and not self.filterset.is_valid():
            return Massnahme.objects.none()
        return self.filterset.qs.distinct() if self.filterset.is_bound else self.filterset.queryset

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter=self.filterset, query_string=query.urlencode(), filtered=bool(query), **kwargs
        )


class MassnahmeDetailView(DetailView):
    template_name = "massnahmen/detail.html"
    context_object_name = "massnahme"

    def get_queryset(self):
        return Massnahme.objects.public().for_detail()
