"""Permission matrix of the supervision pages (see yuanqu/testing/matrix.py)."""

CASES = []
