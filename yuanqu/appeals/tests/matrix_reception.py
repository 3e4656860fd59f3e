"""Permission matrix: reception pages of appeals."""

from yuanqu.testing.matrix import Case  # noqa: F401

CASES = []
