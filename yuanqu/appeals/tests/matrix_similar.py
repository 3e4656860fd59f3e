"""Permission matrix: similar pages of appeals."""

from yuanqu.testing.matrix import Case  # noqa: F401

CASES = []
