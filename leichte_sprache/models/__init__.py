# The models are split by concern; each module is imported here so Django finds it.
from .pages import LeichteLeitlinie, Seite, Wort  # noqa: F401
from .videos import DgsVideo  # noqa: F401
