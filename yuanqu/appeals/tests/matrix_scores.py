"""Permission matrix: department scores of appeals (appeals.scores).

The city reads every zone's departments, a zone's leader its zone's, a department's staff its own;
nobody else holds the permission (403). The page is scoped by rows, not by a URL's object, so no
persona gets a 404."""

from yuanqu.testing.matrix import Case

SCORERS = {"city", "leader_a", "leader_b", "dept_a", "dept_b"}

CASES = [
    Case("appeals:appeal_scores", ok=SCORERS),
    Case("appeals:appeal_scores", ok=SCORERS, data=lambda w: {"month": "2021-04", "zone": w.zone_a.pk},
         label="appeals:appeal_scores (month and zone)"),
    Case("appeals:appeal_scores_export", ok=SCORERS),
]
