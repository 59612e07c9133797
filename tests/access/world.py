"""One small platform in which every page of the access matrix has something to show:
two issuers, a state with two districts, a signed award, a submission in review, a draft
with a file, a cohort, a pool, invitations, fees and a support ticket, made through the
same services the pages use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from microcred.accounts import invitation_links
from microcred.accounts import services as accounts
from microcred.accounts.models import Organization, Role
from microcred.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from microcred.assessment import calibration, pools
from microcred.assessment.models import Assignment, PoolMember
from microcred.assessment.services import assign
from microcred.assessment.tests.factories import (
    calibration_set,
    new_assessor,
    qualified_assessor,
)
from microcred.catalog.models import Requirement, StackAlignment
from microcred.catalog.tests.factories import (
    CompleteDraftFactory,
    StackFactory,
    add_to_stack,
    png_upload,
)
from microcred.coaching.tests.factories import CohortFactory, cohort_draft, two_part_version
from microcred.credentials.models import StatusList
from microcred.credentials.tests.factories import signed_award
from microcred.payments import services as payments
from microcred.people import services as people
from microcred.submissions import services as submissions
from microcred.submissions.duplicates import services as duplicates
from microcred.submissions.duplicates.models import Flag
from microcred.submissions.duplicates.tests.factories import LIGHTLY_EDITED, ORIGINAL
from microcred.submissions.duplicates.tests.factories import submitted as duplicate_submitted
from microcred.submissions.tests.factories import enrollment_for
from microcred.support.tests.factories import ticket_about

# The columns of the matrix, in order: who asks. "Here" is the issuer of the award and of
# the submission in review, and the district (in the state) of both earners.
ROLES = (
    "anonymous",
    "earner",
    "other_earner",
    "assessor",
    "other_assessor",
    "facilitator",
    "issuer_admin",
    "other_issuer_admin",
    "district_admin",
    "other_district_admin",
    "state_admin",
    "staff",
)


@dataclass
class World:
    people: dict[str, Any] = field(default_factory=dict)
    things: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.things[name]
        except KeyError:
            raise AttributeError(name) from None

    def value(self, dotted: str):
        """`award.public_id` → the attribute path's value; a literal when quoted ('x')."""
        if dotted.startswith("'"):
            return dotted.strip("'")
        head, *rest = dotted.split(".")
        obj = self.things[head] if head in self.things else self.people[head]
        for part in rest:
            obj = getattr(obj, part)
        return obj


def build() -> World:
    w = World()
    _organizations(w)
    _people(w)
    _award(w)
    _review(w)
    _draft_and_payments(w)
    _cohort(w)
    _authoring_and_people(w)
    _webhooks(w)
    _held_credential(w)
    _api_clients(w)
    return w


def _member(w: World, key, org, role, **kwargs):
    user = UserFactory(name=key.replace("_", " ").title(), **kwargs)
    MembershipFactory(user=user, organization=org, role=role)
    w.people[key] = user
    return user


def _organizations(w: World) -> None:
    """Two issuers, a state and two districts, one of them in the state."""
    t = w.things
    t["issuer"] = OrganizationFactory(kind=Organization.Kind.ISSUER, name="Lakeside Institute")
    t["other_issuer"] = OrganizationFactory(kind=Organization.Kind.ISSUER, name="Prairie Guild")
    t["state"] = OrganizationFactory(kind=Organization.Kind.STATE, name="State Agency")
    t["district"] = OrganizationFactory(
        kind=Organization.Kind.DISTRICT, name="Riverbend", parent=t["state"]
    )
    t["other_district"] = OrganizationFactory(kind=Organization.Kind.DISTRICT, name="Hillcrest")


def _people(w: World) -> None:
    """A person in each role, named after it."""
    p, t = w.people, w.things
    _member(w, "earner", t["district"], Role.EARNER)
    _member(w, "other_earner", t["district"], Role.EARNER)
    _member(w, "issuer_admin", t["issuer"], Role.ISSUER_ADMIN)
    _member(w, "other_issuer_admin", t["other_issuer"], Role.ISSUER_ADMIN)
    _member(w, "district_admin", t["district"], Role.ORG_ADMIN)
    _member(w, "other_district_admin", t["other_district"], Role.ORG_ADMIN)
    _member(w, "state_admin", t["state"], Role.ORG_ADMIN)
    _member(w, "facilitator", t["issuer"], Role.FACILITATOR)
    p["staff"] = UserFactory(name="Sam Staff", is_staff=True)


def _award(w: World) -> None:
    """An award, signed, with its status list, stack and public images."""
    p, t = w.people, w.things
    earner, admin = p["earner"], p["issuer_admin"]
    award = signed_award(earner, issuer_admin=admin, micro_credential__issuer=t["issuer"])
    t["award"] = award
    t["version"] = award.version
    t["mc"] = award.version.micro_credential
    t["status_list"] = StatusList.objects.order_by("pk").first()
    t["stack"] = StackFactory(issuer=t["issuer"])
    add_to_stack(t["stack"], t["mc"])
    t["stack_alignment"] = StackAlignment.objects.create(
        stack=t["stack"], framework="ISTE Standards for Educators", name="Learner"
    )


def _review(w: World) -> None:
    """A submission in review: `assessor` holds one of its two assignments; `other_assessor`
    joined the same pool, is yet to calibrate (an attempt open) and has no part in it."""
    p, t = w.people, w.things
    earner, admin = p["earner"], p["issuer_admin"]
    reviewed = enrollment_for(
        earner, issuer_admin=admin, fee=0, micro_credential__issuer=t["issuer"]
    )
    t["review_mc"] = reviewed.micro_credential
    p["assessor"] = qualified_assessor(t["review_mc"], name="Asha Assessor").user
    qualified_assessor(t["review_mc"], name="Bo Assessor")
    in_review = submissions.start_attempt(reviewed, by=earner)
    for requirement in Requirement.objects.filter(version=reviewed.version):
        submissions.save_text(in_review, requirement, by=earner, kind="text", text=ORIGINAL)
    t["review_evidence"] = submissions.add_file(
        in_review, requirement, by=earner, upload=png_upload("lesson.png")
    )
    t["in_review"] = submissions.submit(in_review, by=earner)
    assign.sweep()
    p["other_assessor"] = new_assessor(t["review_mc"], name="Olu Assessor").user
    t["assignment"] = Assignment.objects.get(
        submission=t["in_review"], assessor__user=p["assessor"]
    )
    # Another earner's lightly edited copy of the same answer raises a duplicate flag.
    duplicates.check_submission(t["in_review"].pk)
    copy = duplicate_submitted(reviewed.version, earner=p["other_earner"], text=LIGHTLY_EDITED)
    duplicates.check_submission(copy.pk)
    t["flag"] = Flag.objects.get()
    t["pool_member"] = PoolMember.objects.get(assessor__user=p["assessor"], issuer=t["issuer"])
    t["pool_invitation"] = pools.invite_assessor(
        t["issuer"],
        by=admin,
        email="newcomer@example.org",
        micro_credential_ids=[t["review_mc"].pk],
        capacity=3,
    )
    calibration_set(t["review_mc"], by=admin)
    t["attempt"] = calibration.start_calibration(t["review_mc"], by=p["other_assessor"])


def _draft_and_payments(w: World) -> None:
    """The earner's draft with a file, on a micro-credential with a fee; a sponsorship
    request, vouchers, a help-desk ticket and an invoice."""
    p, t = w.people, w.things
    earner, admin = p["earner"], p["issuer_admin"]
    draft_enrollment = enrollment_for(
        earner, issuer_admin=admin, fee=40, micro_credential__issuer=t["issuer"]
    )
    t["enrollment"] = draft_enrollment
    t["draft"] = submissions.start_attempt(draft_enrollment, by=earner)
    t["requirement"] = Requirement.objects.filter(version=draft_enrollment.version).first()
    t["evidence"] = submissions.add_file(
        t["draft"], t["requirement"], by=earner, upload=png_upload("plan.png")
    )
    t["sponsorship"] = payments.request_sponsorship(
        draft_enrollment, by=earner, district=t["district"]
    )
    t["vouchers"] = payments.create_voucher_batch(
        t["district"], by=p["district_admin"], name="Spring", count=2
    )
    t["ticket"] = ticket_about(t["in_review"])
    invoiced = enrollment_for(
        earner, issuer_admin=admin, fee=40, micro_credential__issuer=t["issuer"]
    )
    t["invoice"] = payments.request_invoice(invoiced, by=earner, purchase_order="PO-1")


def _cohort(w: World) -> None:
    """A cohort run by the facilitator, with the earner's draft in it."""
    p, t = w.people, w.things
    earner, admin = p["earner"], p["issuer_admin"]
    cohort_version = two_part_version(admin, t["issuer"])
    t["cohort_mc"] = cohort_version.micro_credential
    t["cohort"] = CohortFactory(micro_credential=t["cohort_mc"], facilitator=p["facilitator"])
    t["cohort_draft"] = cohort_draft(earner, t["cohort"])
    t["cohort_requirement"] = Requirement.objects.filter(version=cohort_version).first()
    t["cohort_evidence"] = submissions.add_file(
        t["cohort_draft"], t["cohort_requirement"], by=earner, upload=png_upload("notes.png")
    )


def _authoring_and_people(w: World) -> None:
    """A draft version of the issuer's to author, and the district's invitation, join
    request and invitation list."""
    p, t = w.people, w.things
    t["draft_version"] = CompleteDraftFactory(micro_credential__issuer=t["issuer"])
    t["draft_version_requirement"] = t["draft_version"].requirements.first()

    # People: an invitation, a join request and an invitation list of the district.
    invitation = accounts.invite(
        t["district"], by=p["district_admin"], email="invited@example.org", role=Role.EARNER
    )
    t["invitation"] = invitation
    t["invitation_token"] = invitation_links.invitation_token(invitation)
    newcomer = UserFactory(name="Nia Newcomer")
    t["join_request"] = people.ask_to_join(t["district"], by=newcomer)
    t["invitation_list"] = people.check_list(
        t["district"],
        by=p["district_admin"],
        data=b"email,role\nlisted@example.org,earner\n",
        filename="list.csv",
    )


def _api_clients(w: World) -> None:
    """An API client of the issuer's, made by its admin."""
    from microcred.accounts.models import Role
    from microcred.connect import scopes, services

    w.things["api_client"] = services.create_organization_client(
        w.things["issuer"],
        by=w.people["issuer_admin"],
        name="Roster sync",
        roles=[Role.FACILITATOR],
        scope=[scopes.COHORTS],
    ).client


def _webhooks(w: World) -> None:
    """An endpoint of the issuer's, with a delivery that failed. Made as rows: registering
    through the service would look its host up in the DNS."""
    from microcred.credentials.issuing import keys
    from microcred.webhooks.models import Delivery, Endpoint

    t = w.things
    t["webhook_endpoint"] = Endpoint.objects.create(
        organization=t["issuer"],
        url="https://hooks.example.org/in",
        events=["award.issued"],
        sealed_secret=keys.seal_bytes(b"whsec_dGVzdA=="),
    )
    t["webhook_delivery"] = Delivery.objects.create(
        endpoint=t["webhook_endpoint"],
        message_id="msg_world",
        event_type="award.issued",
        payload="{}",
        status="failed",
        attempts=7,
    )


def _held_credential(w: World) -> None:
    """A credential another issuer signed, kept in the earner's backpack by an app."""
    from microcred.connect.models import HeldCredential

    w.things["held_credential"] = HeldCredential.objects.create(
        earner=w.people["earner"],
        credential_id="urn:uuid:4b7c2f1e-0000-4000-8000-000000000001",
        issuer_id="did:web:badges.example.org",
        issuer_name="Example Badges",
        name="Leading restorative circles",
        compact_jws="eyJhbGciOiJFZERTQSJ9.e30.c2ln",
    )
