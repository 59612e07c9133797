"""The agreement statistics, against published worked examples and against independent
implementations (the `krippendorff` package and NLTK's annotation metrics)."""

import random

import krippendorff
import pytest
from nltk.metrics.agreement import AnnotationTask

from microcred.assessment.agreement import (
    cohen_kappa,
    krippendorff_alpha_nominal,
    percent_agreement,
    rolling,
)

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
# observers, twelve units, values 1–5, with missing data (None). Nominal alpha = 0.743.
KRIPPENDORFF_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
# Section A of the same paper: two observers, binary data, ten units. Alpha = 0.095.
KRIPPENDORFF_A = [
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
]


def units_of(matrix):
    """Observers × units (the paper's layout) to one list of values per unit."""
    return [list(column) for column in zip(*matrix, strict=True)]


def test_alpha_matches_krippendorffs_worked_example_with_missing_data():
    assert krippendorff_alpha_nominal(units_of(KRIPPENDORFF_C)) == pytest.approx(0.743, abs=5e-4)


def test_alpha_matches_krippendorffs_binary_two_observer_example():
    assert krippendorff_alpha_nominal(units_of(KRIPPENDORFF_A)) == pytest.approx(0.095, abs=5e-4)


def test_kappa_matches_the_textbook_example_of_fifty_grant_proposals():
    # Two readers of 50 proposals: 20 both yes, 15 both no, 5 yes/no, 10 no/yes.
    # p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, kappa = 0.4.
    pairs = [(1, 1)] * 20 + [(0, 0)] * 15 + [(1, 0)] * 5 + [(0, 1)] * 10
    assert cohen_kappa(pairs) == pytest.approx(0.4)


def test_kappa_leaves_out_pairs_with_a_missing_rating():
    pairs = [(1, 1)] * 20 + [(0, 0)] * 15 + [(1, 0)] * 5 + [(0, 1)] * 10
    assert cohen_kappa([*pairs, (None, 1), (0, None), (None, None)]) == pytest.approx(0.4)


def _random_matrix(seed, *, coders, units, missing):
    rng = random.Random(seed)
    matrix = [
        [None if rng.random() < missing else rng.random() < 0.6 for _ in range(units)]
        for _ in range(coders)
    ]
    # A shared tendency, so that alpha is not just noise around zero.
    for unit in range(units):
        if rng.random() < 0.5:
            value = rng.random() < 0.5
            for row in matrix:
                if row[unit] is not None:
                    row[unit] = value
    return matrix


@pytest.mark.parametrize("seed", range(8))
def test_alpha_agrees_with_the_krippendorff_package_including_missing_ratings(seed):
    matrix = _random_matrix(seed, coders=4, units=40, missing=0.25)
    numeric = [[float("nan") if v is None else float(v) for v in row] for row in matrix]
    expected = krippendorff.alpha(reliability_data=numeric, level_of_measurement="nominal")
    assert krippendorff_alpha_nominal(units_of(matrix)) == pytest.approx(expected, abs=1e-9)


def test_alpha_of_the_worked_example_agrees_with_the_krippendorff_package():
    numeric = [[float("nan") if v is None else v for v in row] for row in KRIPPENDORFF_C]
    expected = krippendorff.alpha(reliability_data=numeric, level_of_measurement="nominal")
    assert krippendorff_alpha_nominal(units_of(KRIPPENDORFF_C)) == pytest.approx(expected)


@pytest.mark.parametrize("seed", range(8))
def test_kappa_agrees_with_nltk_including_missing_ratings(seed):
    rng = random.Random(seed)
    pairs = []
    for _ in range(60):
        expert = rng.random() < 0.6
        assessor = expert if rng.random() < 0.7 else rng.random() < 0.5
        pairs.append((None if rng.random() < 0.1 else assessor, expert))
    complete = [(i, a, b) for i, (a, b) in enumerate(pairs) if a is not None]
    task = AnnotationTask(
        data=[("assessor", i, a) for i, a, _b in complete]
        + [("expert", i, b) for i, _a, b in complete]
    )
    assert cohen_kappa(pairs) == pytest.approx(task.kappa(), abs=1e-9)


def test_alpha_is_none_when_no_unit_has_two_ratings():
    assert krippendorff_alpha_nominal([[True, None], [None, False], [None]]) is None


def test_alpha_is_none_when_everyone_always_gives_the_same_value():
    assert krippendorff_alpha_nominal([[True, True], [True, True, True]]) is None


def test_kappa_is_none_when_both_raters_use_one_category_throughout():
    assert cohen_kappa([(True, True)] * 5) is None


def test_percent_agreement_counts_only_complete_pairs():
    assert percent_agreement([(1, 1), (1, 0), (None, 1), (0, 0)]) == pytest.approx(2 / 3)


def test_percent_agreement_is_none_without_pairs():
    assert percent_agreement([(None, 1)]) is None


def test_rolling_share_follows_the_last_values_only():
    assert rolling([True, True, False, False, False], 2) == [1.0, 1.0, 0.5, 0.0, 0.0]
