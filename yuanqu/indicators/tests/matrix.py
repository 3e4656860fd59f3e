"""Permission matrix of the indicators pages (see yuanqu/testing/matrix.py), one module per part."""

from .matrix_bulletin import CASES as BULLETIN
from .matrix_catalogue import CASES as CATALOGUE
from .matrix_cockpit import CASES as COCKPIT
from .matrix_import import CASES as IMPORT
from .matrix_values import CASES as VALUES

CASES = VALUES + CATALOGUE + IMPORT + BULLETIN + COCKPIT
