from django.conf import settings

from core.text import reader_language

from .models import EditorProfile


def remember_language(sender, request, user, **kwargs):
    """E-mails to a partner editor go out in the language they last used the workspace in."""
    if user.is_staff or not user.partner_memberships.exists():
        return
    language = reader_language()
    if language in dict(settings.LANGUAGES):
        EditorProfile.objects.update_or_create(user=user, defaults={"language": language})
