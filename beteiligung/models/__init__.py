# The models are split by concern; each module is imported here so Django finds it.
