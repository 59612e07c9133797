"""The demo's people, one or more for every role. Each signs in as <key>@demo.microcred.org."""

from .organizations import CEDAR_HOLLOW, LAKEVIEW, OPEN_PRACTICE, PRAIRIE_CENTER, RIVERBEND, STATE
from .schema import Person

ISSUERS = (LAKEVIEW, PRAIRIE_CENTER, OPEN_PRACTICE)

PEOPLE = (
    Person("staff", "Sam Rivera", is_staff=True),
    Person(
        "earner",
        "Maya Okafor",
        school="Riverbend Middle School",
        memberships=((RIVERBEND, "earner"),),
    ),
    Person(
        "earner2",
        "Daniel Reyes",
        school="Cedar Hollow High School",
        memberships=((CEDAR_HOLLOW, "earner"),),
    ),
    Person(
        "earner3",
        "Priya Nair",
        school="Willow Creek Elementary School",
        memberships=((RIVERBEND, "earner"),),
    ),
    Person(
        "earner4",
        "Lucía Fernández",
        school="Cedar Hollow Early Learning Center",
        memberships=((CEDAR_HOLLOW, "earner"),),
    ),
    Person(
        "earner5",
        "Jordan Blake",
        school="Riverbend High School",
        memberships=((RIVERBEND, "earner"),),
    ),
    Person("assessor", "Grace Lindqvist", memberships=tuple((s, "assessor") for s in ISSUERS)),
    Person("assessor2", "Tomás Herrera", memberships=tuple((s, "assessor") for s in ISSUERS)),
    Person("assessor3", "Aisha Bello", memberships=tuple((s, "assessor") for s in ISSUERS)),
    Person("facilitator", "Hannah Brooks", memberships=((LAKEVIEW, "facilitator"),)),
    Person("issuer-admin", "Olivia Chen", memberships=((LAKEVIEW, "issuer_admin"),)),
    Person("issuer-admin-prairie", "Marcus Webb", memberships=((PRAIRIE_CENTER, "issuer_admin"),)),
    Person("issuer-admin-open", "Noor Haddad", memberships=((OPEN_PRACTICE, "issuer_admin"),)),
    Person("district-admin", "Robert Kim", memberships=((RIVERBEND, "org_admin"),)),
    Person("state-admin", "Elena Petrova", memberships=((STATE, "org_admin"),)),
)

# Who writes each issuer's catalog.
AUTHORS = {
    LAKEVIEW: "issuer-admin",
    PRAIRIE_CENTER: "issuer-admin-prairie",
    OPEN_PRACTICE: "issuer-admin-open",
}
