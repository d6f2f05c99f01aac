from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def follow_confirm_days():
    """How many days a follow request waits for its confirmation before it is deleted."""
    return settings.FOLLOW_CONFIRM_DAYS
