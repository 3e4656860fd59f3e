"""Permission matrix of the appeals pages (see yuanqu/testing/matrix.py), one module per part."""

from .matrix_core import CASES as CORE
from .matrix_reception import CASES as RECEPTION
from .matrix_scores import CASES as SCORES
from .matrix_similar import CASES as SIMILAR

CASES = CORE + RECEPTION + SIMILAR + SCORES
