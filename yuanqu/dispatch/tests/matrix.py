"""Permission matrix of the dispatch pages (see yuanqu/testing/matrix.py)."""

CASES = []
