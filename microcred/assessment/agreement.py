"""Agreement statistics for Met / Not met ratings: plain functions, no database.

A rating is any hashable value (True/False here); None is a missing rating and is left
out, never counted as a category. Each function returns None when the data cannot give
an answer (nothing to compare, or no variation at all), rather than a made-up number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from itertools import permutations

Rating = Hashable | None


def percent_agreement(pairs: Iterable[tuple[Rating, Rating]]) -> float | None:
    """The share of pairs with both ratings present that agree."""
    both = [(a, b) for a, b in pairs if a is not None and b is not None]
    if not both:
        return None
    return sum(a == b for a, b in both) / len(both)


def cohen_kappa(pairs: Iterable[tuple[Rating, Rating]]) -> float | None:
    """Cohen's kappa of two raters (here an assessor and the expert), pairs with a missing
    rating left out: (p_o − p_e) / (1 − p_e), with p_e from each rater's own marginals.

    None when there are no complete pairs, or when chance agreement is already total
    (both raters used one and the same category throughout), where kappa is undefined.
    """
    both = [(a, b) for a, b in pairs if a is not None and b is not None]
    n = len(both)
    if not n:
        return None
    observed = sum(a == b for a, b in both) / n
    first, second = Counter(a for a, _b in both), Counter(b for _a, b in both)
    expected = sum(first[c] * second[c] for c in first) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha_nominal(units: Iterable[Iterable[Rating]]) -> float | None:
    """Krippendorff's alpha for nominal data, 1 − D_o / D_e, from the coincidence matrix.

    `units` holds, per unit (one criterion of one submission), the values its coders gave;
    None marks a coder who did not rate it. Units with fewer than two values are not
    pairable and drop out, as in Krippendorff (2011), "Computing Krippendorff's
    Alpha-Reliability", section C. None when nothing is pairable or only one value occurs.
    """
    coincidences: Counter = Counter()
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        # Each ordered pair of different coders' values in the unit, weighted 1 / (m − 1).
        for a, b in permutations(values, 2):
            coincidences[(a, b)] += 1 / (m - 1)
    totals: Counter = Counter()
    for (a, _b), weight in coincidences.items():
        totals[a] += weight
    n = sum(totals.values())
    if n <= 1 or len(totals) < 2:
        return None
    disagreement_observed = sum(w for (a, b), w in coincidences.items() if a != b)
    disagreement_expected = sum(totals[a] * totals[b] for a in totals for b in totals if a != b) / (
        n - 1
    )
    return 1 - disagreement_observed / disagreement_expected


def rolling(values: Sequence[float], window: int) -> list[float]:
    """The mean of each run of `window` consecutive values (fewer at the start), one
    figure per value: a drift line over an assessor's reviews in time order, where each
    value is one review's share of criteria agreeing with its reference (or a bool)."""
    result = []
    total = 0.0
    for index, value in enumerate(values):
        total += float(value)
        if index >= window:
            total -= float(values[index - window])
        result.append(total / min(index + 1, window))
    return result
