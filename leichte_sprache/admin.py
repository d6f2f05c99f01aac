from .admin_videos import *  # noqa: F401,F403
