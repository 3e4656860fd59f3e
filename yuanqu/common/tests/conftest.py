import pytest

from yuanqu.common import workdays


@pytest.fixture(autouse=True)
def _fresh_workday_cache():
    # The table cache lives for the process; a test's rolled-back CalendarYear must not leak into the next.
    workdays.clear_cache()
    yield
    workdays.clear_cache()
