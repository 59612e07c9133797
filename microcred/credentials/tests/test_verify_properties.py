"""Whatever is dropped on the verifier (any bytes, any JSON, a credential changed in any
one place, a JWT of any header and payload, a baked image damaged anywhere) gets a result
with reasons, never an error page."""

import base64
import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred import null_characters
from microcred.credentials.formats import baked, baking
from microcred.credentials.tests.factories import signed_award
from microcred.credentials.verification import resolver, results, verify

# Fixtures here are read, never changed (examples work on copies), so one per test serves
# every example.
examples = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)


@pytest.fixture(autouse=True)
def _no_outbound_http(monkeypatch):
    """Another issuer's documents would be fetched over HTTPS: here every fetch times out."""

    def unreachable(*args, **kwargs):
        raise resolver.requests.ConnectTimeout()

    monkeypatch.setattr(resolver.requests, "get", unreachable)


@pytest.fixture
def award(earner, issuer, issuer_admin):
    return signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)


def refused_or_verified(result: results.Result) -> None:
    """A result a person can read: verified, or at least one failed check with a reason."""
    assert isinstance(result, results.Result)
    if not result.verified:
        failures = result.errors or [c for r in result.credentials for c in r.errors]
        assert failures
        assert all(check.message.strip() for check in failures)
    json.dumps(result.as_dict(), default=str)  # what the API and the page show


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _paths(value, prefix=()):
    """Every place in a JSON document: the path of each object member and list item."""
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _paths(inner, (*prefix, index))


def changed_in_one_place(document, data):
    """The document with one member replaced by any JSON value, or removed."""
    changed = copy.deepcopy(document)
    path = data.draw(st.sampled_from([p for p in _paths(changed) if p]))
    parent = changed
    for step in path[:-1]:
        parent = parent[step]
    if data.draw(st.booleans()):
        parent[path[-1]] = data.draw(json_values)
    else:
        del parent[path[-1]]
    return changed


@given(raw=st.binary(max_size=2048))
def test_any_bytes_dropped_on_the_verifier_get_a_result(raw):
    refused_or_verified(verify.verify_text(raw))


@given(text=st.text(max_size=2048))
def test_any_text_gets_a_result(text):
    refused_or_verified(verify.verify_text(text))


@pytest.mark.django_db
@given(value=json_values)
def test_any_json_gets_a_result(value):
    refused_or_verified(verify.verify_text(json.dumps(value)))


@pytest.mark.django_db
@given(value=json_values)
def test_a_presentation_of_anything_gets_a_result(value):
    presentation = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": value,
    }
    refused_or_verified(verify.verify_text(json.dumps(presentation)))


@pytest.mark.django_db
@examples
@given(data=st.data())
def test_our_credential_changed_in_any_one_place_gets_a_result(award, data):
    changed = changed_in_one_place(json.loads(award.credential_json), data)

    refused_or_verified(verify.verify_text(json.dumps(changed)))


@pytest.mark.django_db
@given(header=json_values, payload=json_values, signature=st.binary(max_size=80))
def test_a_jwt_of_any_header_and_payload_gets_a_result(header, payload, signature):
    token = ".".join(
        [
            b64url(json.dumps(header).encode()),
            b64url(json.dumps(payload).encode()),
            b64url(signature),
        ]
    )
    refused_or_verified(verify.verify_text(token))


@pytest.mark.django_db
@examples
@given(data=st.data())
def test_our_jwt_with_its_header_or_payload_changed_gets_a_result(award, data):
    head, payload, signature = award.credential_jwt.split(".")
    part = data.draw(st.sampled_from([0, 1]))
    segments = [head, payload]
    document = json.loads(
        base64.urlsafe_b64decode(segments[part] + "=" * (-len(segments[part]) % 4))
    )
    segments[part] = b64url(json.dumps(changed_in_one_place(document, data)).encode())

    refused_or_verified(verify.verify_text(".".join([*segments, signature])))


@pytest.mark.django_db
@examples
@given(data=st.data())
def test_a_baked_png_damaged_anywhere_gets_a_result(award, data):
    png = bytearray(baked.ob3_png(award))
    how = data.draw(st.sampled_from(["cut", "flip", "insert"]))
    at = data.draw(st.integers(min_value=0, max_value=len(png) - 1))
    if how == "cut":
        png = png[:at]
    elif how == "flip":
        png[at] ^= data.draw(st.integers(min_value=1, max_value=255))
    else:
        png[at:at] = data.draw(st.binary(min_size=1, max_size=64))

    refused_or_verified(verify.verify_text(bytes(png)))


@pytest.mark.django_db
@examples
@given(
    text=st.text(max_size=400), keyword=st.sampled_from([baking.OB2_KEYWORD, baking.OB3_KEYWORD])
)
def test_a_png_baked_with_any_text_gets_a_result(award, text, keyword):
    png = baking.bake_png(baked.badge_png(award), keyword=keyword, text=text)

    refused_or_verified(verify.verify_text(png))


@pytest.mark.django_db
@examples
@given(data=st.data())
def test_a_baked_svg_changed_anywhere_gets_a_result(award, data):
    svg = baked.ob3_svg(award)
    at = data.draw(st.integers(min_value=0, max_value=len(svg)))
    cut = data.draw(st.integers(min_value=0, max_value=40))
    svg = svg[:at] + data.draw(st.text(max_size=40)) + svg[at + cut :]

    refused_or_verified(verify.verify_text(svg.encode()))


@given(
    body=st.text(max_size=300),
    attributes=st.dictionaries(
        st.from_regex(r"[a-zA-Z][a-zA-Z:-]{0,10}", fullmatch=True), st.text(max_size=30), max_size=3
    ),
)
def test_an_svg_of_any_content_gets_a_result(body, attributes):
    from xml.sax.saxutils import escape, quoteattr

    attrs = "".join(f" {name}={quoteattr(value)}" for name, value in attributes.items())
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{baking.OB3_NAMESPACE}">'
        f"<openbadges:credential{attrs}>{escape(body)}</openbadges:credential></svg>"
    )
    refused_or_verified(verify.verify_text(svg.encode()))


# -- What these properties found ------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("index", [None, [], {}, 1.5, True, "seven"])
def test_a_status_index_that_is_not_a_number_is_a_reason(award, index):
    changed = json.loads(award.credential_json)
    changed["credentialStatus"]["statusListIndex"] = index

    status = verify.verify_text(json.dumps(changed)).check("status")

    assert (status.ok, status.message.startswith("The status could not be read")) == (False, True)


@pytest.mark.django_db
@pytest.mark.parametrize("url", [None, 7, ["https://example.org/status/1"]])
def test_a_status_list_that_is_not_a_url_is_a_reason(award, url):
    changed = json.loads(award.credential_json)
    changed["credentialStatus"]["statusListCredential"] = url

    status = verify.verify_text(json.dumps(changed)).check("status")

    assert "not named by a URL" in status.message


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [None, 3, {"VerifiableCredential": True}])
def test_a_type_that_is_neither_a_name_nor_a_list_is_refused(award, kind):
    changed = json.loads(award.credential_json)
    changed["type"] = kind

    result = verify.verify_text(json.dumps(changed))

    assert result.check("format").message == "The type does not include VerifiableCredential."


@pytest.mark.django_db
@examples
@given(
    body=st.binary(max_size=1024) | json_values.map(lambda v: json.dumps(v).encode()),
    content_type=st.sampled_from(["application/json", "image/png", "image/svg+xml", "text/plain"]),
    path=st.sampled_from(["/credentials/verify", "/presentations/verify"]),
)
def test_the_verification_api_answers_any_body_with_a_status_and_a_reason(
    client, body, content_type, path
):
    response = client.post(path, body, content_type=content_type)

    answer = response.json()
    if response.status_code in (400, 413):
        assert answer["message"]
    else:
        assert (response.status_code, answer["verified"]) in ((200, True), (422, False))
        assert answer["verified"] or answer["errors"] or answer["credentialResults"]


@pytest.mark.django_db
@examples
@given(data=st.data())
def test_the_verification_api_answers_our_credential_changed_anywhere(client, award, data):
    changed = changed_in_one_place(json.loads(award.credential_json), data)
    body = {"verifiableCredential": changed}

    response = client.post("/credentials/verify", body, content_type="application/json")

    answer = response.json()
    if null_characters.contains(changed):
        # Refused before verifying: JSON may carry a null character, our text never does.
        assert (response.status_code, answer["message"]) == (400, null_characters.refused_message())
        return
    assert (response.status_code, answer["verified"]) in ((200, True), (422, False))
    assert answer["verified"] or answer["errors"]
