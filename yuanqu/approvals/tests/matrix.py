"""Permission matrix of the approvals pages (see yuanqu/testing/matrix.py), one module per part."""

from .matrix_board import CASES as BOARD
from .matrix_case import CASES as CASE
from .matrix_catalogue import CASES as CATALOGUE
from .matrix_detail import CASES as DETAIL

CASES = BOARD + DETAIL + CASE + CATALOGUE
