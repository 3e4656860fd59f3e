"""Permission matrix of the inbox pages (see yuanqu/testing/matrix.py)."""

CASES = []
