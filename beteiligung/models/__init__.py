# The models are split by concern; each module is imported here so Django finds it.
# The entry itself is massnahmen.Herausforderung (one kind of record for workshop and online
# entries); these are the moderation pieces attached to it.
from .hiding import Hiding, HidingReason  # noqa: F401
from .moderation import Moderation, ModerationChange, ModerationError, State, moderate_from_source, online_format, submit  # noqa: F401
from .remarks import InternalRemark  # noqa: F401
from .following import Follow  # noqa: F401
