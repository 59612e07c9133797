"""The organizations of the demo: three issuers, a state agency and two of its districts."""

from .schema import Organization

LAKEVIEW = "lakeview-college-of-education"
PRAIRIE_CENTER = "prairie-state-teaching-center"
OPEN_PRACTICE = "open-practice-network"
STATE = "prairie-state-department"
RIVERBEND = "riverbend-unified"
CEDAR_HOLLOW = "cedar-hollow-schools"

ISSUERS = (
    Organization(
        slug=LAKEVIEW,
        name="Lakeview College of Education",
        description=(
            "The college of education of a public university. Its micro-credentials are "
            "written by faculty, run in facilitated cohorts with start and end dates, and "
            "carry continuing professional development or graduate credit."
        ),
        website="https://education.lakeview.example.edu",
        email="microcredentials@lakeview.example.edu",
    ),
    Organization(
        slug=PRAIRIE_CENTER,
        name="Prairie State Teaching and Learning Center",
        description=(
            "The state's center for educator professional learning. Each of its "
            "micro-credentials is worth half a state recertification credit, and its "
            "stacks lead to state endorsements."
        ),
        website="https://teaching.prairie.example.gov",
        email="learning@prairie.example.gov",
    ),
    Organization(
        slug=OPEN_PRACTICE,
        name="Open Practice Network",
        description=(
            "A national nonprofit of classroom teachers and teacher leaders. It publishes "
            "free and low-cost micro-credentials on everyday classroom practice, assessed "
            "by experienced teachers."
        ),
        website="https://openpractice.example.org",
        email="hello@openpractice.example.org",
    ),
)

STATE_AGENCY = Organization(
    slug=STATE,
    name="Prairie State Department of Education",
    description=(
        "Licenses the state's educators and approves micro-credentials for recertification "
        "credit and endorsements."
    ),
    website="https://education.prairie.example.gov",
)

DISTRICTS = (
    Organization(
        slug=RIVERBEND,
        name="Riverbend Unified School District",
        description="A district of 14 schools that sponsors its teachers' assessment fees.",
        parent=STATE,
    ),
    Organization(
        slug=CEDAR_HOLLOW,
        name="Cedar Hollow Public Schools",
        description="A small rural district of five schools.",
        parent=STATE,
    ),
)
