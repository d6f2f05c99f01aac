from django.urls import path, re_path

from . import partner_views, round_views, views

app_name = "massnahmen"

urlpatterns = [
    path("massnahmen/", views.MassnahmeListView.as_view(), name="list"),
    path("umsetzungsstand/", views.DashboardView.as_view(), name="dashboard"),
    path("massnahmen/bericht.pdf", views.MassnahmeReportPdfView.as_view(), name="report-pdf"),
    path("massnahmen/<int:pk>/", views.MassnahmeDetailView.as_view(), name="detail"),
    # Closed reporting rounds: what their snapshots froze, and what changed between two of them.
    path("berichtsrunden/", round_views.RoundListView.as_view(), name="rounds"),
    path("berichtsrunden/vergleich/", round_views.choose_comparison, name="round-compare-choose"),
    path("berichtsrunden/<slug:slug>/", round_views.RoundDetailView.as_view(), name="round"),
    path("berichtsrunden/<slug:slug>/bericht.pdf", round_views.RoundReportPdfView.as_view(), name="round-pdf"),
    path("berichtsrunden/<slug:slug>/bericht.xlsx", round_views.RoundWorkbookView.as_view(), name="round-xlsx"),
    path("berichtsrunden/<slug:earlier>/vergleich/<slug:later>/", round_views.RoundCompareView.as_view(),
         name="round-compare"),
    # The partner workspace: partner editors keep their measures current.
    path("partner/", partner_views.WorkspaceView.as_view(), name="workspace"),
    path("partner/massnahmen/<int:pk>/", partner_views.StatusUpdateView.as_view(), name="status-update"),
    path("partner/runden/<slug:slug>/", partner_views.RoundView.as_view(), name="workspace-round"),
    path("partner/vorschlaege/neu/", partner_views.ProposalCreateView.as_view(), name="proposal-create"),
    path("partner/vorschlaege/<int:pk>/", partner_views.ProposalUpdateView.as_view(), name="proposal-update"),
    # The guide's partner part (docs/handbuch.md) and its pictures (docs/handbuch/partner-*.png).
    path("partner/anleitung/", partner_views.GuideView.as_view(), name="guide"),
    re_path(r"^partner/anleitung/(?P<name>partner-[a-z0-9-]+)\.png$", partner_views.GuidePictureView.as_view(),
            name="guide-picture"),
]
