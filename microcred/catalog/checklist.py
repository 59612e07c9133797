"""The quality checklist a version passes before it goes to review and is published."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .above import answers as above
from .models import MicroCredentialVersion, PaymentOption


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    passed: bool
    hint: str = ""
    # A warning: shown with the checklist, but publishing does not wait for it.
    blocking: bool = True


def quality_checklist(version: MicroCredentialVersion, *, staffing=None) -> list[ChecklistItem]:
    """What an author must have in place, in the order the authoring page shows it.

    Reads requirements with their criteria, resources and alignments: prefetch them when
    calling this for more than one version. `staffing` (the assessment app's answer to
    "can its pool staff a review?", with `ready`, `needed` and `is_staffed`) adds a warning
    item: pools are often built after publishing, so it does not block, but the author
    sees it before earners do.
    """
    requirements = list(version.requirements.all())
    without_criteria = [r.title for r in requirements if not list(r.criteria.all())]
    without_evidence = [r.title for r in requirements if not r.evidence_types]
    items = [
        ChecklistItem(
            "competency",
            _("A competency statement and key method"),
            bool(version.competency.strip() and version.key_method.strip()),
            _("Describe the one skill and how the educator demonstrates it."),
        ),
        ChecklistItem(
            "requirements",
            _("At least one submission requirement, each accepting some evidence"),
            bool(requirements) and not without_evidence,
            _("Requirements without accepted evidence: %(names)s")
            % {"names": ", ".join(without_evidence)}
            if without_evidence
            else _("Add what the earner submits."),
        ),
        ChecklistItem(
            "rubric",
            _("Rubric criteria for every requirement"),
            bool(requirements) and not without_criteria,
            _("Requirements without criteria: %(names)s") % {"names": ", ".join(without_criteria)}
            if without_criteria
            else _("Say what Met looks like for each requirement."),
        ),
        ChecklistItem(
            "resources",
            _("Supporting research and resources"),
            bool(version.research.strip()) and bool(list(version.resources.all())),
            _("Summarize the research and list at least one resource."),
        ),
        ChecklistItem(
            "alignment",
            _("At least one standards alignment"),
            bool(list(version.alignments.all())),
            _("Align the micro-credential to a professional standard."),
        ),
        ChecklistItem(
            "image",
            _("A badge image"),
            bool(version.image),
            _("Upload a square PNG or JPEG."),
        ),
        ChecklistItem(
            "fee",
            _("A fee (0 if free)"),
            version.fee is not None,
            _("State the fee due at submission."),
        ),
        _payment_item(version),
        ChecklistItem(
            "credit",
            _("Credit: amount, unit and approving authority"),
            bool(
                version.credit_amount is not None
                and version.credit_unit.strip()
                and version.credit_authority.strip()
            ),
            _("For example 1 CPD credit approved by a state board."),
        ),
    ]
    if staffing is not None:
        items.append(
            ChecklistItem(
                "assessors",
                _("Enough calibrated assessors to start review, tie-break included"),
                staffing.is_staffed,
                _("Review cannot start: %(ready)d of the %(needed)d calibrated assessors it needs.")
                % {"ready": staffing.ready, "needed": staffing.needed},
                blocking=False,
            )
        )
    return items


def _payment_item(version: MicroCredentialVersion) -> ChecklistItem:
    """A paid micro-credential needs at least one way to pay that works here: otherwise
    an earner could draft everything and never submit."""
    label = _("A way to pay the fee that earners can use")
    if version.fee is None or version.fee == 0:
        # A missing fee is the fee item's to report; a free one needs no way to pay.
        return ChecklistItem("payment", label, True)
    chosen = [m for m in PaymentOption if version.accepts(m)]
    if not chosen:
        return ChecklistItem("payment", label, False, _("Choose at least one way to pay."))
    if any(above.payment_available(m) for m in chosen):
        return ChecklistItem("payment", label, True)
    return ChecklistItem(
        "payment",
        label,
        False,
        _(
            "%(methods)s cannot be used here: no card processor is set up. Also accept "
            "vouchers, district sponsorship or invoices."
        )
        % {"methods": ", ".join(str(m.label) for m in chosen)},
    )


def failing_items(version: MicroCredentialVersion) -> list[ChecklistItem]:
    return [item for item in quality_checklist(version) if item.blocking and not item.passed]
