from yuanqu.testing.matrix import EVERYONE, Case

CASES = [Case("dashboard:home", ok=EVERYONE)]
