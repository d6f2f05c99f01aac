from . import admin_following  # noqa: F401
