# The models are split by concern; each module is imported here so Django finds it.
from .following import Follow  # noqa: F401
