"""The appeal tests' fixtures (a frozen working day, a category, appeals walked through the services),
shared rather than rebuilt here."""

from yuanqu.appeals.tests import conftest as appeal_fixtures

today = appeal_fixtures.today
category = appeal_fixtures.category
make_appeal = appeal_fixtures.make_appeal
