"""Permission matrix: placeholder its owner fills."""

CASES = []
