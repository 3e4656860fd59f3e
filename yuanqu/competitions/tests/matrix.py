"""Permission matrix of the competitions pages (see yuanqu/testing/matrix.py)."""

CASES = []
