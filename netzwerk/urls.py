from django.urls import path

from . import account_views, views

app_name = "netzwerk"

urlpatterns = [
    path("netzwerk/", views.NetzwerkView.as_view(), name="index"),
    path("netzwerk/partner/<slug:slug>/", views.PartnerDetailView.as_view(), name="partner"),
    path("netzwerk/projekte/<slug:slug>/", views.ProjektDetailView.as_view(), name="projekt"),
    # Accounts of partner editors (the workspace itself is in massnahmen).
    path("partner/konto/anmelden/", account_views.LoginView.as_view(), name="login"),
    path("partner/konto/abmelden/", account_views.LogoutView.as_view(), name="logout"),
    path("partner/konto/passwort/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("partner/konto/passwort/geaendert/", account_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("partner/konto/passwort/vergessen/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path("partner/konto/passwort/vergessen/gesendet/", account_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("partner/konto/passwort/neu/<uidb64>/<token>/", account_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("partner/konto/passwort/neu/fertig/", account_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("partner/konto/einladung/<uidb64>/<token>/", account_views.InvitationAcceptView.as_view(), name="invitation"),
]
