import pytest


@pytest.fixture(autouse=True)
def easy_proof_of_work(settings):
    """A proof of work of 4 bits: tests solve it in Python in microseconds (production: 16)."""
    settings.BETEILIGUNG_POW_BITS = 4
