# The models are split by concern; each module is imported here so Django finds it.
from .videos import DgsVideo  # noqa: F401
