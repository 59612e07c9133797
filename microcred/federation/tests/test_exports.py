"""What the catalog publishes: CTDL that validates against the Credential Registry's own
schemas and expands with the shipped context, and the Open Badges Achievements the
credentials carry, at stable public addresses and from export_catalog."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.urls import reverse
from pyld import jsonld

from microcred.catalog.models import Alignment
from microcred.catalog.tests.factories import StackFactory, add_to_stack, published_version
from microcred.credentials.formats import documents, ob3
from microcred.federation import ctdl, exports

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data"
SCHEMAS = {
    "ceterms:MicroCredential": "ctdl-credential.schema.json",
    "ceterms:OpenBadge": "ctdl-credential.schema.json",
    "ceterms:CredentialOrganization": "ctdl-organization.schema.json",
    "ceasn:Competency": "ctdl-competency.schema.json",
    "ceasn:CompetencyFramework": "ctdl-competency_framework.schema.json",
}


def schema_errors(node: dict) -> list[str]:
    schema = json.loads((DATA / SCHEMAS[node["@type"]]).read_text())
    validator = jsonschema.Draft4Validator(schema)
    return [error.message for error in validator.iter_errors(node)]


def shipped_context_only(url, options=None):
    if url != ctdl.CONTEXT:
        raise AssertionError(f"{url} would be fetched")
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads((DATA / "ctdl-context.json").read_text()),
    }


@pytest.fixture
def catalog(issuer, issuer_admin):
    version = published_version(issuer_admin, micro_credential__issuer=issuer)
    Alignment.objects.create(
        version=version,
        framework="Common Core State Standards for Mathematical Practice",
        code="MP1",
        name="Make sense of problems and persevere in solving them.",
        url="https://www.thecorestandards.org/Math/Practice/MP1/",
        case_identifier="3c4b8a4e-0d0f-5d5a-9a57-6f3e1c0b8a11",
    )
    stack = StackFactory(issuer=issuer, title="Discussion leader")
    add_to_stack(stack, version.micro_credential)
    return version, stack


def test_every_node_of_the_catalog_validates_against_the_registry_schemas(catalog):
    document = exports.ctdl_catalog()
    types = sorted(node["@type"] for node in document["@graph"])
    assert types == sorted(
        [
            "ceterms:MicroCredential",
            "ceterms:OpenBadge",
            "ceterms:CredentialOrganization",
            "ceasn:CompetencyFramework",
            "ceasn:Competency",
        ]
    )
    for node in document["@graph"]:
        assert schema_errors(node) == [], node["@type"]


def test_the_catalog_expands_with_the_shipped_context_without_losing_a_property(catalog):
    document = exports.ctdl_catalog()
    expanded = jsonld.expand(document, {"documentLoader": shipped_context_only})
    credential = next(
        node
        for node in expanded[0]["@graph"]
        if node["@type"] == ["https://purl.org/ctdl/terms/MicroCredential"]
    )
    written = next(n for n in document["@graph"] if n["@type"] == "ceterms:MicroCredential")
    assert len([k for k in credential if k.startswith("https://purl.org/ctdl/")]) == len(
        [k for k in written if k.startswith("ceterms:")]
    )


def test_a_micro_credential_says_what_it_costs_how_long_it_takes_and_how_it_is_assessed(
    catalog,
):
    version, _stack = catalog
    node = ctdl.micro_credential(version)
    assert node["ceterms:estimatedCost"][0]["ceterms:price"] == 25.0
    assert node["ceterms:estimatedCost"][0]["ceterms:currency"] == "USD"
    assert node["ceterms:estimatedDuration"][0]["ceterms:exactDuration"] == "PT15H"
    condition = node["ceterms:requires"][0]
    assert "Plan a protocol" in condition["ceterms:description"]
    assert condition["ceterms:submissionOf"] == ["Lesson plan"]


def test_a_standard_picked_from_case_carries_its_item_address_and_identifier(catalog):
    version, _stack = catalog
    targets = ctdl.micro_credential(version)["ceterms:requires"][0]["ceterms:targetCompetency"]
    case_item = next(t for t in targets if t.get("ceterms:codedNotation") == "MP1")
    assert case_item["ceterms:targetNode"] == "https://www.thecorestandards.org/Math/Practice/MP1/"
    assert "3c4b8a4e-0d0f-5d5a-9a57-6f3e1c0b8a11" in case_item["ceterms:targetNodeDescription"]


def test_the_stack_is_an_open_badge_made_of_its_micro_credentials(catalog):
    version, stack = catalog
    node = ctdl.open_badge(stack)
    assert node["ceterms:hasPart"] == [ctdl.credential_id(version)]
    assert ctdl.micro_credential(version)["ceterms:isPartOf"] == [ctdl.stack_id(stack)]


def test_a_re_export_keeps_the_same_ctids(catalog):
    first = {n["@id"]: n["ceterms:ctid"] for n in exports.ctdl_catalog()["@graph"]}
    second = {n["@id"]: n["ceterms:ctid"] for n in exports.ctdl_catalog()["@graph"]}
    assert first == second


def test_the_ob3_achievement_is_the_one_credentials_carry(catalog):
    version, _stack = catalog
    published = exports.ob3_micro_credential(version)
    assert published["@context"] == [documents.VC_V2, documents.OB_V3]
    assert {k: v for k, v in published.items() if k != "@context"} == (
        ob3.micro_credential_achievement(version)
    )


def test_the_ob3_achievement_validates_and_names_the_case_item(catalog):
    version, _stack = catalog
    schema = json.loads(
        (Path(documents.CONTEXTS_DIR) / "ob_v3p0_achievementcredential_schema.json").read_text()
    )
    achievement_schema = {"$ref": "#/$defs/Achievement", "$defs": schema["$defs"]}
    achievement = exports.ob3_micro_credential(version)
    errors = list(jsonschema.Draft201909Validator(achievement_schema).iter_errors(achievement))
    assert errors == []
    case_alignment = next(a for a in achievement["alignment"] if a.get("targetType"))
    assert case_alignment == {
        "type": ["Alignment"],
        "targetName": "Make sense of problems and persevere in solving them.",
        "targetUrl": "https://www.thecorestandards.org/Math/Practice/MP1/",
        "targetFramework": "Common Core State Standards for Mathematical Practice",
        "targetType": "CFItem",
        "targetCode": "3c4b8a4e-0d0f-5d5a-9a57-6f3e1c0b8a11",
    }


def test_the_public_addresses_serve_the_documents(client, catalog):
    version, stack = catalog
    slug = version.micro_credential.slug
    one = client.get(reverse("federation:ctdl_micro_credential", args=[slug])).json()
    assert one["@id"] == ctdl.credential_id(version)
    whole = client.get(reverse("federation:ctdl_catalog")).json()
    assert ctdl.stack_id(stack) in {n["@id"] for n in whole["@graph"]}
    badges = client.get(reverse("federation:ob3_catalog")).json()
    assert [b["name"] for b in badges] == [version.title, stack.title]
    assert client.get(reverse("federation:ob3_stack", args=[stack.slug])).json()["name"] == (
        stack.title
    )


def test_a_draft_has_no_public_document(client, issuer):
    from microcred.catalog.tests.factories import CompleteDraftFactory

    draft = CompleteDraftFactory(micro_credential__issuer=issuer)
    url = reverse("federation:ctdl_micro_credential", args=[draft.micro_credential.slug])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("fmt", ["ctdl", "ob3"])
def test_export_catalog_writes_the_catalog_and_one_file_each(tmp_path, catalog, fmt):
    version, stack = catalog
    call_command("export_catalog", "--format", fmt, "--out", str(tmp_path))
    slug = version.micro_credential.slug
    assert json.loads((tmp_path / "catalog.json").read_text())
    one = json.loads((tmp_path / "micro-credentials" / f"{slug}.json").read_text())
    expected = (
        exports.ctdl_micro_credential(version)
        if fmt == "ctdl"
        else exports.ob3_micro_credential(version)
    )
    assert one == expected
    assert (tmp_path / "stacks" / f"{stack.slug}.json").exists()
