"""Permission matrix of this part of the approvals pages (see yuanqu/testing/matrix.py).

To fill: every URL of the part × persona, using yuanqu/approvals/tests/fixtures.py (case_a, case_b)."""

from yuanqu.testing.matrix import Case  # noqa: F401

CASES = []
