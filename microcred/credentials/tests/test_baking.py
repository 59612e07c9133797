"""Baked badges: bake, read back, verify; and every kind of bad image a verifier is given."""

import io
import json
import struct
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from microcred.credentials.formats import baked, baking, ob2
from microcred.credentials.issuing import services
from microcred.credentials.verification import verify

from .factories import signed_award

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(earner, issuer, issuer_admin):
    return signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)


def failed(result) -> dict:
    return {check.name: check.message for check in result.errors}


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    found, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        found.append((png[at + 4 : at + 8], png[at + 8 : at + 8 + length]))
        at += 12 + length
    return found


def itxt(keyword: str, text: str) -> bytes:
    data = keyword.encode() + b"\x00\x00\x00\x00\x00" + text.encode()
    return (
        struct.pack(">I", len(data))
        + b"iTXt"
        + data
        + struct.pack(">I", zlib.crc32(b"iTXt" + data))
    )


def with_chunk_before_iend(png: bytes, chunk: bytes) -> bytes:
    return png[:-12] + chunk + png[-12:]


# -- Baking ---------------------------------------------------------------------------------


def test_the_2_0_png_holds_the_hosted_assertion_once_just_before_iend(award):
    png = baked.ob2_png(award)

    kinds = [kind for kind, _ in chunks(png)]
    assert kinds[-2:] == [b"iTXt", b"IEND"]
    assert kinds.count(b"iTXt") == 1
    keyword, _, rest = chunks(png)[-2][1].partition(b"\x00")
    assert keyword == b"openbadges"
    assert rest[:2] == b"\x00\x00"  # uncompressed, as baking requires
    assert json.loads(rest[4:]) == ob2.hosted_assertion(award)


def test_baking_a_baked_png_again_replaces_its_chunk(award):
    once = baked.ob2_png(award)

    twice = baking.bake_png(once, keyword="openbadges", text='{"id": "again"}')

    texts = [data for kind, data in chunks(twice) if kind == b"iTXt"]
    assert len(texts) == 1
    assert texts[0].endswith(b'{"id": "again"}')


def test_the_3_0_png_holds_the_signed_credential(award):
    read = baking.read(baked.ob3_png(award))

    assert read.credential == award.credential_json
    assert read.assertion is None


def test_the_2_0_svg_names_the_hosted_assertion_and_holds_its_json(award):
    svg = baked.ob2_svg(award)

    assert 'xmlns:openbadges="http://openbadges.org"' in svg
    assert f'<openbadges:assertion verify="{ob2.assertion_url(award)}"><![CDATA[' in svg
    read = baking.read(svg.encode())
    assert json.loads(read.assertion) == ob2.hosted_assertion(award)


def test_the_3_0_svg_holds_the_credential_in_the_3_0_namespace(award):
    svg = baked.ob3_svg(award)

    assert 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' in svg
    assert baking.read(svg.encode()).credential == award.credential_json


def test_json_that_would_end_a_cdata_section_survives_baking():
    png = baking.badge_png(None, title="Questioning")
    text = json.dumps({"narrative": "a ]]> b"})

    svg = baking.bake_svg(png, title="Q", assertion=text, verify_url="https://example.org/a")

    assert json.loads(baking.read(svg.encode()).assertion) == {"narrative": "a ]]> b"}


# -- Round trips: bake, read, verify -----------------------------------------------------------


@pytest.mark.parametrize("make", [baked.ob3_png, baked.ob3_svg], ids=["png", "svg"])
def test_a_baked_3_0_credential_verifies(award, make):
    image = make(award)

    result = verify.verify_text(image if isinstance(image, bytes) else image.encode())

    assert result.verified, failed(result)
    assert result.checks[0].name == "baked"
    assert result.check("signature").ok


@pytest.mark.parametrize("make", [baked.ob2_png, baked.ob2_svg], ids=["png", "svg"])
def test_a_baked_2_0_assertion_is_the_one_its_issuer_hosts(award, make):
    image = make(award)

    result = verify.verify_text(image if isinstance(image, bytes) else image.encode())

    assert result.verified, failed(result)
    assert result.kind == "assertion"
    assert ob2.assertion_url(award) in result.check("format").message
    assert result.check("hosted").ok
    assert result.check("status").ok


def test_a_png_baked_with_only_the_assertion_url_is_read_from_its_host(award):
    png = baking.bake_png(
        baked.badge_png(award), keyword="openbadges", text=ob2.assertion_url(award)
    )

    result = verify.verify_text(png)

    assert result.verified, failed(result)
    assert result.check("hosted").message == "The issuer hosts the assertion at that address."


def test_a_baked_2_0_badge_of_a_revoked_award_is_revoked(award, issuer_admin):
    png = baked.ob2_png(award)
    services.revoke(award, by=issuer_admin, reason="Plagiarised evidence.")

    result = verify.verify_text(png)

    assert not result.verified
    assert result.revoked
    assert failed(result) == {"status": "The issuer has revoked this assertion."}


def test_a_baked_3_0_credential_of_a_revoked_award_is_revoked(award, issuer_admin):
    png = baked.ob3_png(award)
    services.revoke(award, by=issuer_admin, reason="Plagiarised evidence.")

    result = verify.verify_text(png)

    assert result.revoked
    assert not result.verified


def test_an_unsigned_award_has_no_baked_3_0_credential_yet(earner, issuer, issuer_admin, client):
    from .factories import met_submission

    submission = met_submission(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    award = submission.award

    assert client.get(f"/badges/{award.public_id}/credential.png").status_code == 404
    assert client.get(f"/badges/{award.public_id}/badge.png").status_code == 200


# -- Edited after baking ------------------------------------------------------------------------


def test_a_3_0_credential_edited_inside_the_png_fails_its_signature(award):
    credential = json.loads(award.credential_json)
    credential["credentialSubject"]["achievement"]["name"] = "Something never earned"
    png = baking.bake_png(
        baked.badge_png(award), keyword="openbadgecredential", text=json.dumps(credential)
    )

    result = verify.verify_text(png)

    assert not result.verified
    assert "signature" in failed(result)


def test_a_3_0_credential_edited_inside_the_svg_fails_its_signature(award):
    svg = baked.ob3_svg(award).replace(award.title, "Something never earned")

    result = verify.verify_text(svg.encode())

    assert not result.verified
    assert "signature" in failed(result)


def test_a_2_0_assertion_edited_inside_the_png_is_caught(award):
    assertion = ob2.hosted_assertion(award)
    assertion["issuedOn"] = "2001-01-01T00:00:00Z"
    png = baking.bake_png(baked.badge_png(award), keyword="openbadges", text=json.dumps(assertion))

    result = verify.verify_text(png)

    assert not result.verified
    assert "changed after baking" in failed(result)["hosted"]
    assert "issuedOn" in failed(result)["hosted"]


def test_a_2_0_assertion_pointing_at_no_award_is_refused(award):
    assertion = ob2.hosted_assertion(award)
    assertion["id"] = ob2.assertion_url(award).replace(award.public_id.hex[:8], "00000000")
    png = baking.bake_png(baked.badge_png(award), keyword="openbadges", text=json.dumps(assertion))

    result = verify.verify_text(png)

    assert not result.verified
    assert "could not be read" in failed(result)["hosted"]


# -- Bad images --------------------------------------------------------------------------------


def test_a_png_with_two_badge_chunks_is_refused_as_ambiguous(award):
    png = with_chunk_before_iend(baked.ob3_png(award), itxt("openbadgecredential", "{}"))

    result = verify.verify_text(png)

    assert not result.verified
    assert "which one is meant cannot be told" in failed(result)["format"]


def test_an_svg_with_two_assertions_is_refused_as_ambiguous(award):
    svg = baked.ob2_svg(award)
    element = svg[svg.index("<openbadges:assertion") : svg.index("</openbadges:assertion>") + 23]
    twice = svg.replace(element, element + element)

    result = verify.verify_text(twice.encode())

    assert "which one is meant cannot be told" in failed(result)["format"]


def test_a_png_cut_short_is_refused(award):
    png = baked.ob3_png(award)

    result = verify.verify_text(png[: len(png) // 2])

    assert failed(result)["format"].startswith("The PNG is cut short")


def test_a_damaged_png_is_refused(award):
    png = bytearray(baked.ob3_png(award))
    png[40] ^= 0xFF

    result = verify.verify_text(bytes(png))

    assert "checksum" in failed(result)["format"]


def test_a_png_without_a_badge_says_so(award):
    result = verify.verify_text(baked.badge_png(award))

    assert failed(result)["format"].startswith("This PNG image carries no badge")


def test_compressed_badge_data_is_refused(award):
    data = b"openbadgecredential\x00\x01\x00\x00\x00" + zlib.compress(
        award.credential_json.encode()
    )
    chunk = struct.pack(">I", len(data)) + b"iTXt" + data
    chunk += struct.pack(">I", zlib.crc32(b"iTXt" + data))

    result = verify.verify_text(with_chunk_before_iend(baked.badge_png(award), chunk))

    assert "compressed" in failed(result)["format"]


SVG_WITH_SCRIPT = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">'
    "<openbadges:credential>{}</openbadges:credential><script>alert(1)</script></svg>"
)
SVG_WITH_HANDLER = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'
SVG_WITH_ENTITIES = (
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    '<svg xmlns="http://www.w3.org/2000/svg">&b;</svg>'
)
SVG_WITH_EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "http://169.254.169.254/latest">]>'
    '<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'
)


@pytest.mark.parametrize(
    ("svg", "reason"),
    [
        (SVG_WITH_SCRIPT, "script"),
        (SVG_WITH_HANDLER, "event handlers"),
        (SVG_WITH_ENTITIES, "DTD or entities"),
        (SVG_WITH_EXTERNAL_ENTITY, "DTD or entities"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', "not well-formed"),
    ],
    ids=["script", "handler", "entity-expansion", "external-entity", "malformed"],
)
def test_an_unsafe_or_broken_svg_is_refused_unread(svg, reason, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("nothing is fetched")

    monkeypatch.setattr("socket.create_connection", no_network)

    result = verify.verify_text(svg.encode())

    assert not result.verified
    assert reason in failed(result)["format"]


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "JPEG"),
        (b"GIF89a" + b"\x00" * 64, "GIF"),
        (b"%PDF-1.7\n" + b"\x00" * 64, "PDF"),
    ],
)
def test_a_file_that_is_not_a_badge_image_is_named(raw, named):
    result = verify.verify_text(raw)

    assert failed(result)["format"] == (
        f"A {named} file cannot carry a badge: baked badges are PNG or SVG images."
    )


def test_the_verifier_page_reads_a_dropped_baked_png(award, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("badge.png", baked.ob3_png(award), content_type="image/png")

    response = client.post("/verify/", {"file": upload})

    assert response.status_code == 200
    assert "An Open Badges 3.0 credential baked into a PNG image." in response.content.decode()
    assert response.context["result"].verified


def test_the_verifier_page_refuses_an_oversized_image(client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.CREDENTIALS_MAX_VERIFY_BYTES = 1024
    upload = SimpleUploadedFile("big.png", baking.PNG_SIGNATURE + b"\x00" * 4096)

    response = client.post("/verify/", {"file": upload})

    assert response.status_code == 413
    assert "larger than" in response.content.decode()


def test_the_verifier_page_answers_a_damaged_png_without_an_error_page(award, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = baked.ob3_png(award)
    upload = SimpleUploadedFile("badge.png", png[:100], content_type="image/png")

    response = client.post("/verify/", {"file": upload})

    assert response.status_code == 200
    assert "The PNG is cut short" in response.content.decode()


def test_the_command_verifies_a_baked_png_and_fails_an_edited_one(award, tmp_path, capsys):
    good = tmp_path / "good.png"
    good.write_bytes(baked.ob3_png(award))
    edited = tmp_path / "edited.png"
    changed = award.credential_json.replace(award.title, "Something never earned")
    edited.write_bytes(
        baking.bake_png(baked.badge_png(award), keyword="openbadgecredential", text=changed)
    )

    call_command("verify_credential", str(good))
    assert "Verified." in capsys.readouterr().out
    with pytest.raises(SystemExit):
        call_command("verify_credential", str(edited))
    assert "Not verified." in capsys.readouterr().out


def test_the_command_reports_a_baked_2_0_assertion(award, tmp_path, capsys):
    path = tmp_path / "badge.svg"
    path.write_text(baked.ob2_svg(award))

    call_command("verify_credential", str(path))

    out = capsys.readouterr().out
    assert ob2.assertion_url(award) in out
    assert "The baked assertion is the one its issuer hosts." in out


def test_the_vc_api_verifies_a_posted_baked_image(award, client):
    response = client.post(
        "/credentials/verify", data=baked.ob3_png(award), content_type="image/png"
    )

    assert response.status_code == 200
    assert response.json()["verified"] is True
    assert "baked" in response.json()["checks"]


def test_the_vc_api_answers_a_posted_damaged_image_with_422_and_the_reason(award, client):
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

    response = client.post("/credentials/verify", data=svg, content_type="image/svg+xml")

    assert response.status_code == 422
    assert "script" in response.json()["errors"][0]["message"]


def test_the_vc_api_refuses_an_oversized_image_with_413(client, settings):
    settings.CREDENTIALS_MAX_VERIFY_BYTES = 1024

    response = client.post(
        "/credentials/verify", data=baking.PNG_SIGNATURE + bytes(4096), content_type="image/png"
    )

    assert response.status_code == 413


def _svg_with_assertion(body: str) -> bytes:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">'
        f'<openbadges:assertion verify="x"><![CDATA[{body}]]></openbadges:assertion></svg>'
    ).encode()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("[1, 2]", "The baked assertion is not a JSON object."),
        ('{"verification": "hosted", "id": 5}', "The baked assertion does not say where"),
        ('{"verification": {"type": "signed"}, "id": "https://a.example/1"}', "as signed"),
        ('{"verification": [], "id": "https://a.example/1"}', "as nothing"),
        ("eyJhbGciOiJSUzI1NiJ9.e30.sig", "signed Open Badges 2.0 assertion"),
        (
            '{"verification": {"type": "hosted"}, "id": "https://10.0.0.1/a.json"}',
            "not on the public internet",
        ),
    ],
    ids=["array", "no-id", "signed-type", "odd-verification", "jws", "private-host"],
)
def test_a_baked_assertion_of_an_odd_shape_gets_a_reason(body, reason):
    result = verify.verify_text(_svg_with_assertion(body))

    assert not result.verified
    assert reason in " ".join(failed(result).values())


def test_an_svg_in_an_unknown_encoding_is_refused():
    svg = b'<?xml version="1.0" encoding="bogus"?><svg xmlns="http://www.w3.org/2000/svg"/>'

    result = verify.verify_text(svg)

    assert "not well-formed XML (unknown encoding: bogus)" in failed(result)["format"]


def test_a_baked_svg_is_served_so_that_nothing_in_it_runs(award, client):
    response = client.get(f"/badges/{award.public_id}/credential.svg?download=1")

    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["Content-Disposition"] == (
        f'attachment; filename="{award.public_id}-credential.svg"'
    )


def test_a_badge_without_an_image_is_a_disc_with_the_titles_initial_drawn_once():
    first = baking.badge_png(None, title="questioning")
    assert first.startswith(baking.PNG_SIGNATURE)
    assert baking.badge_png(None, title=" Quiet reading") is first
    assert baking.badge_png(None, title="Reading") != first


def test_an_uploaded_image_that_is_not_png_is_converted_once():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 30, 30)).save(buffer, format="JPEG")
    name = default_storage.save("badges/test/red.jpg", ContentFile(buffer.getvalue()))

    def upload():
        field = default_storage.open(name)
        field.name = name  # as a model's file field names it
        return field

    first = baking.badge_png(upload(), title="Red")
    assert first.startswith(baking.PNG_SIGNATURE)
    assert baking.badge_png(upload(), title="Red") is first
    with Image.open(io.BytesIO(first)) as image:
        assert image.size == (40, 40)
