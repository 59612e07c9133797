"""How consistently assessors judge: per assessor and per micro-credential. A read
module: the retraining flag these figures raise is written by calibration.py.

Every figure is computed from the stored scores on each read (agreement.py holds the
statistics); nothing here is cached, so the page always matches the reviews.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from django.conf import settings

from microcred.catalog.models import MicroCredential, RubricCriterion

from . import agreement
from .models import (
    AssessorProfile,
    CalibrationScore,
    CriterionScore,
    Decision,
    ExpertScore,
    Purpose,
    Qualification,
    Review,
)

# --- agreement with anchors ---------------------------------------------------------------


def anchor_agreement_in_window(qualification: Qualification) -> tuple[float | None, int]:
    """Agreement with the experts over the anchors among the assessor's last N reviews
    of this micro-credential since they last calibrated, and how many anchors that was."""
    reviews = Review.objects.filter(
        assignment__assessor_id=qualification.assessor_id,
        assignment__submission__enrollment__micro_credential_id=qualification.micro_credential_id,
    )
    if qualification.calibrated_at is not None:
        reviews = reviews.filter(submitted_at__gte=qualification.calibrated_at)
    window = list(
        reviews.order_by("-submitted_at", "-pk").values_list("pk", "assignment__anchor_id")[
            : settings.RELIABILITY_WINDOW_REVIEWS
        ]
    )
    anchored = {pk: anchor_id for pk, anchor_id in window if anchor_id is not None}
    if not anchored:
        return None, 0
    experts = {
        (s.anchor_id, s.criterion_id): s.met
        for s in ExpertScore.objects.filter(anchor_id__in=set(anchored.values()))
    }
    pairs = [
        (met, experts.get((anchored[review_id], criterion_id)))
        for review_id, criterion_id, met in CriterionScore.objects.filter(
            review_id__in=list(anchored)
        ).values_list("review_id", "criterion_id", "met")
    ]
    return agreement.percent_agreement(pairs), len(anchored)


# --- the figures ---------------------------------------------------------------------------


class _ReviewRow(NamedTuple):
    pk: int
    submitted_at: datetime
    assessor_id: int
    submission_id: int
    purpose: str
    anchor_id: int | None


@dataclass
class AssessorFigures:
    profile_id: int
    name: str
    email: str
    status: str  # "calibrated", "retraining", "not calibrated"
    reviews: int = 0
    anchors_scored: int = 0  # criteria scored on anchors, live and in calibration
    decision_pairs: list = field(default_factory=list)
    anchor_pairs: list = field(default_factory=list)
    per_review: list = field(default_factory=list)  # (when, share agreeing), time order
    agreement_with_decisions: float | None = None
    agreement_with_anchors: float | None = None
    kappa: float | None = None
    drift: list = field(default_factory=list)
    drift_change: float | None = None

    @property
    def latest(self) -> float | None:
        return self.drift[-1] if self.drift else None


@dataclass
class CriterionFigures:
    criterion: RubricCriterion
    pairwise_agreement: float | None
    alpha: float | None
    anchor_agreement: float | None
    unclear: bool = False


@dataclass
class Report:
    micro_credential: MicroCredential
    alpha: float | None
    units: int
    reviews: int
    decisions: int
    tie_breaks: int
    tie_break_rate: float | None
    assessors: list[AssessorFigures]
    criteria: list[CriterionFigures]
    threshold: float
    window: int


def _pairwise(values: list) -> tuple[int, int]:
    """Agreeing pairs and all pairs among one unit's values."""
    present = [v for v in values if v is not None]
    agree = total = 0
    for i, a in enumerate(present):
        for b in present[i + 1 :]:
            total += 1
            agree += a == b
    return agree, total


def _status(qualification: Qualification | None) -> str:
    if qualification is None:
        return "not in pool"
    if qualification.retraining_since is not None:
        return "retraining"
    return "calibrated" if qualification.is_calibrated else "not calibrated"


def report(micro_credential: MicroCredential) -> Report:
    """Every reliability figure of one micro-credential, in a fixed number of queries."""
    mc = micro_credential
    threshold = settings.RETRAINING_THRESHOLD_PERCENT / 100
    window = settings.RELIABILITY_WINDOW_REVIEWS
    scored = _read_scores(mc)
    people = _assessors(mc, scored)
    tally = _tally(scored, people)
    for person in people.values():
        _finish(person, window)
    criteria = _criterion_figures(mc, tally, threshold)
    decisions = scored.decisions
    tie_breaks = sum(1 for d in decisions.values() if d.by_tie_break)
    return Report(
        micro_credential=mc,
        alpha=agreement.krippendorff_alpha_nominal(tally.units.values()),
        units=sum(1 for values in tally.units.values() if len(values) >= 2),
        reviews=len(scored.reviews),
        decisions=len(decisions),
        tie_breaks=tie_breaks,
        tie_break_rate=tie_breaks / len(decisions) if decisions else None,
        assessors=sorted(people.values(), key=lambda p: (p.status != "retraining", p.name)),
        criteria=criteria,
        threshold=threshold,
        window=window,
    )


@dataclass
class _Scored:
    """What was scored on one micro-credential, read once."""

    reviews: list[_ReviewRow]
    scores: dict[int, dict[int, bool]]  # review id → criterion id → met
    decisions: dict[int, Decision]  # by submission id
    decided: dict[int, dict[int, bool]]  # submission id → what the decision held per criterion
    experts: dict[tuple[int, int], bool]  # (anchor id, criterion id) → the experts' score
    calibration_rows: list[tuple[int, int, int, bool]]  # assessor, anchor, criterion, met


def _read_scores(mc: MicroCredential) -> _Scored:
    # Plain rows rather than model instances: a busy micro-credential has tens of
    # thousands of reviews, and building three objects per row would dominate the page.
    reviews = [
        _ReviewRow(*row)
        for row in Review.objects.filter(assignment__submission__enrollment__micro_credential=mc)
        .order_by("submitted_at", "pk")
        .values_list(
            "pk",
            "submitted_at",
            "assignment__assessor_id",
            "assignment__submission_id",
            "assignment__purpose",
            "assignment__anchor_id",
        )
    ]
    scores: dict[int, dict[int, bool]] = defaultdict(dict)
    for review_id, criterion_id, met in CriterionScore.objects.filter(
        review__assignment__submission__enrollment__micro_credential=mc
    ).values_list("review_id", "criterion_id", "met"):
        scores[review_id][criterion_id] = met
    decisions = {
        d.submission_id: d
        for d in Decision.objects.filter(submission__enrollment__micro_credential=mc)
    }
    # What the decision held per criterion: the tie-break's scores, or the agreeing reviews'.
    decided: dict[int, dict[int, bool]] = {}
    for review in reviews:
        decision = decisions.get(review.submission_id)
        if decision is None:
            continue
        deciding = Purpose.TIE_BREAK if decision.by_tie_break else Purpose.REVIEW
        if review.purpose == deciding:
            decided.setdefault(review.submission_id, scores[review.pk])
    experts = {
        (s.anchor_id, s.criterion_id): s.met
        for s in ExpertScore.objects.filter(anchor__micro_credential=mc)
    }
    calibration_rows = list(
        CalibrationScore.objects.filter(
            anchor__micro_credential=mc, attempt__scored_at__isnull=False
        ).values_list("attempt__qualification__assessor_id", "anchor_id", "criterion_id", "met")
    )
    return _Scored(reviews, scores, decisions, decided, experts, calibration_rows)


def _assessors(mc: MicroCredential, scored: _Scored) -> dict[int, AssessorFigures]:
    """Everyone qualified for, reviewing or calibrated on the micro-credential."""
    qualifications = {q.assessor_id: q for q in Qualification.objects.filter(micro_credential=mc)}
    involved = (
        set(qualifications)
        | {r.assessor_id for r in scored.reviews}
        | {row[0] for row in scored.calibration_rows}
    )
    return {
        profile_id: AssessorFigures(
            profile_id=profile_id,
            name=name or email,
            email=email,
            status=_status(qualifications.get(profile_id)),
        )
        for profile_id, name, email in AssessorProfile.objects.filter(pk__in=involved).values_list(
            "pk", "user__name", "user__email"
        )
    }


@dataclass
class _Tally:
    # Every score given per (submission, criterion): the units Krippendorff's alpha reads.
    units: dict[tuple[int, int], list] = field(default_factory=lambda: defaultdict(list))
    # (score, the experts' score) per criterion, on anchors live and in calibration.
    anchor_pairs: dict[int, list] = field(default_factory=lambda: defaultdict(list))


def _tally(scored: _Scored, people: dict[int, AssessorFigures]) -> _Tally:
    """Walk every review and calibration score once, filling each assessor's pairs."""
    tally = _Tally()
    experts = scored.experts
    for review in scored.reviews:
        person = people[review.assessor_id]
        person.reviews += 1
        own = scored.scores[review.pk]
        for criterion_id, met in own.items():
            tally.units[(review.submission_id, criterion_id)].append(met)
        if review.anchor_id is not None:
            pairs = [(met, experts.get((review.anchor_id, c))) for c, met in own.items()]
            person.anchor_pairs += pairs
            person.anchors_scored += len(pairs)
            for c, met in own.items():
                tally.anchor_pairs[c].append((met, experts.get((review.anchor_id, c))))
        elif review.purpose == Purpose.REVIEW and review.submission_id in scored.decided:
            reference = scored.decided[review.submission_id]
            pairs = [(met, reference.get(c)) for c, met in own.items()]
            person.decision_pairs += pairs
        else:
            continue
        share = agreement.percent_agreement(pairs)
        if share is not None:
            person.per_review.append((review.submitted_at, share))

    for profile_id, anchor_id, criterion_id, met in scored.calibration_rows:
        person = people[profile_id]
        pair = (met, experts.get((anchor_id, criterion_id)))
        person.anchor_pairs.append(pair)
        person.anchors_scored += 1
        tally.anchor_pairs[criterion_id].append(pair)
    return tally


def _finish(person: AssessorFigures, window: int) -> None:
    person.agreement_with_decisions = agreement.percent_agreement(person.decision_pairs)
    person.agreement_with_anchors = agreement.percent_agreement(person.anchor_pairs)
    person.kappa = agreement.cohen_kappa(person.anchor_pairs)
    person.drift = agreement.rolling([share for _when, share in person.per_review], window)
    if len(person.drift) > window:
        person.drift_change = person.drift[-1] - person.drift[window - 1]


def _criterion_figures(
    mc: MicroCredential, tally: _Tally, threshold: float
) -> list[CriterionFigures]:
    """Figures per criterion of today's version, then any scored criterion of an earlier one."""
    criteria = (
        list(
            RubricCriterion.objects.filter(requirement__version=mc.current_version_id).order_by(
                "requirement__position", "position", "pk"
            )
        )
        if mc.current_version_id
        else []
    )
    known = {c.pk for c in criteria}
    scored_ids = {c for (_s, c) in tally.units} | set(tally.anchor_pairs)
    criteria += list(
        RubricCriterion.objects.filter(pk__in=scored_ids - known).order_by(
            "requirement__version", "pk"
        )
    )
    by_criterion: dict[int, list] = defaultdict(list)
    for (_submission, criterion_id), values in tally.units.items():
        by_criterion[criterion_id].append(values)
    figures = []
    for criterion in criteria:
        units = by_criterion[criterion.pk]
        agree = total = 0
        for values in units:
            a, t = _pairwise(values)
            agree += a
            total += t
        pairwise = agree / total if total else None
        anchors = agreement.percent_agreement(tally.anchor_pairs[criterion.pk])
        low = [v for v in (pairwise, anchors) if v is not None]
        figures.append(
            CriterionFigures(
                criterion=criterion,
                pairwise_agreement=pairwise,
                alpha=agreement.krippendorff_alpha_nominal(units),
                anchor_agreement=anchors,
                unclear=bool(low) and min(low) < threshold,
            )
        )
    return figures


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def write_csv(report: Report, out) -> None:
    """The report as CSV, one row per figure, for spreadsheets and state reporting."""
    writer = csv.writer(out)
    mc = report.micro_credential
    writer.writerow(["section", "name", "figure", "value"])
    rows = [
        ("micro-credential", mc.slug, "krippendorff_alpha_nominal", _number(report.alpha)),
        ("micro-credential", mc.slug, "units_rated_twice_or_more", report.units),
        ("micro-credential", mc.slug, "reviews", report.reviews),
        ("micro-credential", mc.slug, "decisions", report.decisions),
        ("micro-credential", mc.slug, "tie_breaks", report.tie_breaks),
        ("micro-credential", mc.slug, "tie_break_rate_percent", _percent(report.tie_break_rate)),
    ]
    for person in report.assessors:
        rows += [
            ("assessor", person.email, "status", person.status),
            ("assessor", person.email, "reviews", person.reviews),
            ("assessor", person.email, "anchor_criteria_scored", person.anchors_scored),
            (
                "assessor",
                person.email,
                "agreement_with_decisions_percent",
                _percent(person.agreement_with_decisions),
            ),
            (
                "assessor",
                person.email,
                "agreement_with_anchors_percent",
                _percent(person.agreement_with_anchors),
            ),
            ("assessor", person.email, "cohen_kappa_vs_expert", _number(person.kappa)),
            ("assessor", person.email, "rolling_agreement_percent", _percent(person.latest)),
        ]
    for figures in report.criteria:
        name = figures.criterion.name
        rows += [
            ("criterion", name, "pairwise_agreement_percent", _percent(figures.pairwise_agreement)),
            ("criterion", name, "krippendorff_alpha_nominal", _number(figures.alpha)),
            (
                "criterion",
                name,
                "agreement_with_anchors_percent",
                _percent(figures.anchor_agreement),
            ),
            ("criterion", name, "unclear", "yes" if figures.unclear else "no"),
        ]
    for section, name, figure, value in rows:
        # Names are free text: a leading =, +, - or @ would run as a spreadsheet formula.
        if name[:1] in ("=", "+", "-", "@"):
            name = "'" + name
        writer.writerow([section, name, figure, value])
