from django.conf import settings
from django.utils.translation import get_language

from .models import EditorProfile


def remember_language(sender, request, user, **kwargs):
    """E-mails to a partner editor go out in the language they last used the workspace in."""
    if user.is_staff or not user.partner_memberships.exists():
        return
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language in dict(settings.LANGUAGES):
        EditorProfile.objects.update_or_create(user=user, defaults={"language": language})
