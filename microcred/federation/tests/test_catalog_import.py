"""Importing other providers' catalogs: every entry checked before anything is kept,
listed and searched with our own micro-credentials, updated and retired by importing
again."""

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from microcred.catalog import selectors
from microcred.catalog.models import ExternalListing, ExternalProvider, MicroCredential
from microcred.catalog.tests.factories import published_version
from microcred.credentials.formats import documents
from microcred.federation import catalogs, ctdl, exports, services

pytestmark = pytest.mark.django_db

SAMPLE = Path(catalogs.__file__).parent / "samples" / "provider-catalog.ctdl.json"
TEMPLATE = Path(catalogs.__file__).parent.parent / "static" / "federation" / "catalog-template.csv"
OB3_CONTEXT = [documents.VC_V2, documents.OB_V3]


def raw(data) -> bytes:
    return json.dumps(data).encode()


def sample() -> dict:
    return json.loads(SAMPLE.read_text())


def achievement(n: int, **extra) -> dict:
    return {
        "@context": OB3_CONTEXT,
        "id": f"https://badges.example.org/achievements/{n}",
        "type": ["Achievement"],
        "achievementType": "Badge",
        "name": f"Science Notebooks {n}",
        "description": "Keeps a science notebook with students.",
        "criteria": {"id": f"https://badges.example.org/earn/{n}", "narrative": "Show one."},
        "creator": {"id": "https://badges.example.org", "type": ["Profile"], "name": "Lab"},
        "alignment": [
            {"type": ["Alignment"], "targetName": "Inquiry", "targetUrl": "https://x.example.org"}
        ],
        "tag": ["science"],
        **extra,
    }


CSV_HEADER = (
    "id,name,description,url,type,offered_by,cost,currency,estimated_hours,competencies,keywords\n"
)


def csv_rows(*rows: str) -> bytes:
    return (CSV_HEADER + "".join(f"{row}\n" for row in rows)).encode()


def import_as(data: bytes, format="ctdl", *, provider="Example Learning", by=None, org=None):
    return services.import_catalog(data, format=format, provider=provider, organization=org, by=by)


def listed(provider="Example Learning"):
    return {
        listing.key: listing
        for listing in ExternalListing.objects.filter(provider__name=provider, retired_at=None)
    }


# -- What is imported ------------------------------------------------------------


def test_a_ctdl_graph_as_credential_engine_publishes_it_is_listed(issuer, issuer_admin):
    provider, counts = import_as(SAMPLE.read_bytes(), org=issuer, by=issuer_admin)
    assert (counts.added, counts.updated, counts.retired, counts.unchanged) == (2, 0, 0, 0)
    assert provider.organization == issuer
    micro = listed()["ce-3f1b6a2e-8a4d-4c1e-9a57-2d0e5b7c9f10"]
    assert micro.name == "Culturally Responsive Classroom Discourse"
    assert micro.kind == "MicroCredential"
    assert micro.url == "https://learning.example.org/micro-credentials/classroom-discourse"
    assert micro.offered_by == "Example Learning Collaborative"
    assert (micro.cost, micro.currency, micro.estimated_hours) == (
        Decimal("95.00"),
        "USD",
        Decimal("20.0"),
    )
    assert "students' languages" in micro.competencies
    assert micro.keywords.splitlines() == ["discourse", "equity"]
    certificate = listed()["ce-7a0c5d93-2e61-4b8f-a3d4-6f1e9b2c7d05"]
    assert certificate.estimated_hours == Decimal("1008.0")  # six weeks
    assert certificate.cost is None


def test_our_own_ctdl_export_imported_elsewhere_gives_the_same_listings(issuer, issuer_admin):
    versions = [
        published_version(issuer_admin, micro_credential__issuer=issuer, title=title)
        for title in ("Questioning for Depth", "Feedback that Moves Learning")
    ]
    exported = raw(exports.ctdl_catalog())
    expected = {
        (v.title, v.summary.strip(), ctdl.absolute(v.micro_credential.get_absolute_url()))
        for v in versions
    }
    # The second instance: the same catalog arrives as another provider's, and our own
    # micro-credentials are gone from it.
    for version in versions:
        MicroCredential.objects.filter(pk=version.micro_credential_id).update(current_version=None)
    import_as(exported, provider="First Instance")
    got = {
        (listing.name, listing.description, listing.url)
        for listing in listed("First Instance").values()
    }
    assert got == expected
    assert {listing.provider.name for listing in listed("First Instance").values()} == {
        "First Instance"
    }
    assert {listing.offered_by for listing in listed("First Instance").values()} == {issuer.name}
    results = selectors.catalog_search("questioning")
    assert [entry.name for entry in results.entries] == ["Questioning for Depth"]


def test_open_badges_achievements_are_listed_one_or_a_list():
    _provider, counts = import_as(raw([achievement(1), achievement(2)]), format="ob3")
    assert counts.added == 2
    one = listed()["https://badges.example.org/achievements/1"]
    assert one.url == "https://badges.example.org/earn/1"
    assert (one.kind, one.offered_by, one.competencies, one.keywords) == (
        "Badge",
        "Lab",
        "Inquiry",
        "science",
    )
    _provider, counts = import_as(raw(achievement(1)), format="ob3", provider="Single")
    assert counts.added == 1


def test_our_own_open_badges_catalog_imports(issuer, issuer_admin):
    version = published_version(issuer_admin, micro_credential__issuer=issuer)
    import_as(raw(exports.ob3_catalog()), format="ob3")
    (listing,) = listed().values()
    assert listing.name == version.title
    assert listing.url.endswith(version.micro_credential.get_absolute_url())


def test_the_csv_template_imports():
    _provider, counts = import_as(TEMPLATE.read_bytes(), format="csv")
    assert counts.added == 1
    listing = listed()["example-001"]
    assert listing.competencies.splitlines() == [
        "Designs checks for understanding",
        "Adjusts instruction from evidence",
    ]
    assert (listing.cost, listing.estimated_hours) == (Decimal("75.00"), Decimal("12.0"))


# -- Importing again ------------------------------------------------------------


def test_importing_again_updates_retires_and_counts():
    import_as(raw([achievement(1), achievement(2), achievement(3)]), format="ob3")
    changed = achievement(2, name="Science Notebooks, revised")
    _provider, counts = import_as(raw([achievement(1), changed, achievement(4)]), format="ob3")
    assert (counts.added, counts.updated, counts.retired, counts.unchanged) == (1, 1, 1, 1)
    assert sorted(listing.name for listing in listed().values()) == [
        "Science Notebooks 1",
        "Science Notebooks 4",
        "Science Notebooks, revised",
    ]
    assert [entry.name for entry in selectors.catalog_search("notebooks 3").entries] == []
    # A retired entry that comes back is listed again.
    _provider, counts = import_as(raw([achievement(1), achievement(3)]), format="ob3")
    assert (counts.added, counts.updated, counts.retired, counts.unchanged) == (0, 1, 2, 1)
    assert ExternalListing.objects.count() == 4


def test_a_provider_kept_by_one_issuer_is_not_imported_over_by_another(
    issuer, issuer_admin, other_issuer
):
    import_as(raw(achievement(1)), format="ob3", org=issuer, by=issuer_admin)
    with pytest.raises(catalogs.CatalogRefused, match="kept by another organization"):
        import_as(raw(achievement(2)), format="ob3", org=other_issuer)
    assert list(listed()) == ["https://badges.example.org/achievements/1"]


def test_only_an_issuers_admins_and_platform_staff_import(issuer, assessor, issuer_admin):
    with pytest.raises(PermissionDenied):
        import_as(raw(achievement(1)), format="ob3", org=issuer, by=assessor)
    with pytest.raises(PermissionDenied):
        import_as(raw(achievement(1)), format="ob3", org=None, by=issuer_admin)
    assert not ExternalProvider.objects.exists()


# -- In the catalog ------------------------------------------------------------


def test_listings_are_searched_and_faceted_with_our_micro_credentials(client, issuer, issuer_admin):
    published_version(issuer_admin, micro_credential__issuer=issuer, title="Classroom Discourse")
    import_as(SAMPLE.read_bytes())
    results = selectors.catalog_search("discourse")
    assert sorted(type(e).__name__ for e in results.entries) == [
        "ExternalListing",
        "MicroCredentialVersion",
    ]
    assert [(v.label, v.count) for v in results.facets["provider"]] == [("Example Learning", 1)]
    only = selectors.catalog_search("discourse", filters={"provider": ["example-learning"]})
    assert [e.name for e in only.entries] == ["Culturally Responsive Classroom Discourse"]
    assert (results.total, results.listings) == (2, 1)
    page = client.get(reverse("catalog:index"), {"q": "discourse"}).content.decode()
    assert "2 credentials (1 from other providers)" in page
    assert "Offered by Example Learning" in page
    assert 'href="https://learning.example.org/micro-credentials/classroom-discourse"' in page
    assert "Earn it at Example Learning" in page


def test_imported_text_is_shown_escaped(client):
    import_as(csv_rows('x1,Tom & Jerry "quoted",A > B,https://x.example.org,,,,,,,'), format="csv")
    page = client.get(reverse("catalog:index")).content.decode()
    assert "Tom &amp; Jerry &quot;quoted&quot;" in page
    assert "A &gt; B" in page


# -- Refused, whole ------------------------------------------------------------


def refused(data: bytes, format="ctdl") -> str:
    with pytest.raises(catalogs.CatalogRefused) as caught:
        import_as(data, format=format)
    assert not ExternalListing.objects.exists()
    return "\n".join(caught.value.problems)


def spoiled(spoil) -> bytes:
    data = copy.deepcopy(sample())
    spoil(data)
    return raw(data)


def first(data):
    return data["@graph"][0]


@pytest.mark.parametrize(
    ("spoil", "problem"),
    [
        (
            lambda d: first(d).update({"ceterms:name": "<b>Bold</b>"}),
            "@graph[0] (ce-3f1b6a2e-8a4d-4c1e-9a57-2d0e5b7c9f10): ceterms:name: holds HTML",
        ),
        (
            lambda d: first(d).update({"ceterms:subjectWebpage": "javascript:alert(1)"}),
            "ceterms:subjectWebpage: is not an http or https web address",
        ),
        (lambda d: first(d).pop("ceterms:name"), "ceterms:name: is missing"),
        (lambda d: first(d).pop("ceterms:ctid"), "ceterms:ctid: is missing"),
        (lambda d: first(d).update({"ceterms:ctid": "12"}), "is not a CTID"),
        (
            lambda d: first(d).update({"ceterms:description": "a\x00b"}),
            "ceterms:description: holds a null character",
        ),
        (
            lambda d: first(d).update({"ceterms:ownedBy": ["_:b0"]}),
            "ceterms:ownedBy: refers to _:b0, which is not in the file and not a web address",
        ),
        (
            lambda d: first(d).update({"ceterms:offeredBy": [first(d)["@id"]]}),
            "ceterms:offeredBy: refers to something that is not an organization",
        ),
        (
            lambda d: first(d)["ceterms:estimatedCost"][0].update({"ceterms:price": "-3"}),
            "ceterms:price: is not a number of zero or more",
        ),
        (
            lambda d: first(d)["ceterms:estimatedCost"][0].update({"ceterms:price": "lots"}),
            "ceterms:price: is not a number",
        ),
        (
            lambda d: first(d)["ceterms:estimatedDuration"][0].update(
                {"ceterms:exactDuration": "20 hours"}
            ),
            "is not an ISO 8601 duration",
        ),
        (
            lambda d: d["@graph"][1].update({"ceterms:ctid": first(d)["ceterms:ctid"]}),
            "the key is used by entry 1 too",
        ),
        (
            lambda d: d["@graph"][2].update({"ceterms:name": {"en-US": "<script>x</script>"}}),
            "ceterms:ownedBy ceterms:name: holds HTML or script",
        ),
    ],
)
def test_a_bad_ctdl_entry_refuses_the_whole_file(spoil, problem):
    assert problem in refused(spoiled(spoil))


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"not json", "The file is not JSON"),
        (b"\xff\xfe", "The file is not JSON"),
        (raw({"@graph": []}), "not JSON-LD"),
        (raw([{"@context": "https://credreg.net/ctdl/schema/context/json"}]), "not JSON-LD"),
        (
            raw({"@context": "https://evil.example.org/context.json", "@graph": []}),
            "https://evil.example.org/context.json is not a context the platform ships",
        ),
        (raw({"@context": {"ceterms": "https://purl.org/ctdl/terms/"}}), "embedded context"),
        (
            raw({"@context": "https://credreg.net/ctdl/schema/context/json", "@graph": {}}),
            "@graph must be a list",
        ),
        (
            raw({"@context": "https://credreg.net/ctdl/schema/context/json", "@graph": [{}]}),
            "holds no CTDL credential",
        ),
    ],
)
def test_a_file_that_is_not_a_ctdl_catalog_is_refused(data, problem):
    assert problem in refused(data)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (raw(achievement(1, name="<img src=x onerror=alert(1)>")), "name: holds HTML or script"),
        (
            raw(achievement(1, criteria={"id": "javascript:alert(1)"})),
            "criteria.id: is not an http",
        ),
        (raw(achievement(1, id="urn:uuid:1", criteria={})), "criteria.id: is missing"),
        (raw(achievement(1, type=["Profile"])), "type: is not Achievement"),
        (raw(achievement(1, description="")), "description: is missing"),
        (
            raw(achievement(1, **{"@context": ["https://example.org/badges.jsonld"]})),
            "is not a context the platform ships",
        ),
        (raw([achievement(1), 3]), "[1]: is not an Open Badges 3.0 Achievement"),
        (raw([achievement(1), achievement(1)]), "the key is used by entry 1 too"),
        (raw([]), "it holds no entries"),
    ],
)
def test_a_bad_achievement_refuses_the_whole_file(data, problem):
    assert problem in refused(data, format="ob3")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"id,name\nx,y\n", "missing: url"),
        (b"id,name,url,colour\n", "Columns not in the template: colour"),
        (b"\xff\xfeid", "not UTF-8"),
        (b"id,name,url\nx\x00,y,https://x.example.org\n", "null character"),
        (csv_rows(",No id,,https://x.example.org,,,,,,,"), "Row 2: id: is missing"),
        (csv_rows("a,<b>x</b>,,https://x.example.org,,,,,,,"), "Row 2 (a): name: holds HTML"),
        (csv_rows("a,A,,ftp://x.example.org,,,,,,,"), "url: is not an http or https"),
        (csv_rows("a,A,,https://x.example.org,,,1,US,,,"), "currency: is not a three-letter"),
        (csv_rows("a,A,,https://x.example.org,,,,,10000,,"), "estimated_hours: is more than"),
        (csv_rows("a,A,,https://x.example.org,,,,,,,,extra"), "more cells than"),
        (b'id,name,url\n"a,b\n', "The file is not CSV"),
    ],
)
def test_a_bad_csv_row_refuses_the_whole_file(data, problem):
    assert problem in refused(data, format="csv")


def test_a_file_over_the_limits_is_refused(monkeypatch):
    monkeypatch.setattr(catalogs, "MAX_ENTRIES", 2)
    assert "at most 2 are accepted" in refused(raw([achievement(n) for n in range(3)]), "ob3")
    assert "at most 2 are accepted" in refused(csv_rows(*["a,A,,https://x.example.org"] * 3), "csv")
    assert "at most 2 are accepted" in refused(
        spoiled(lambda d: d["@graph"].append({**first(d), "ceterms:ctid": "x"}))
    )
    monkeypatch.setattr(catalogs, "MAX_BYTES", 10)
    assert "larger than 50 MB" in refused(raw(achievement(1)), "ob3")


def test_a_provider_name_with_markup_is_refused():
    with pytest.raises(catalogs.CatalogRefused, match="HTML or script"):
        import_as(raw(achievement(1)), format="ob3", provider="<i>Lab</i>")


def test_nothing_of_a_refused_file_changes_what_was_listed():
    import_as(raw([achievement(1), achievement(2)]), format="ob3")
    refused_again = raw([achievement(1, name="Renamed"), achievement(3, name="<b>x</b>")])
    with pytest.raises(catalogs.CatalogRefused):
        import_as(refused_again, format="ob3")
    assert sorted(listing.name for listing in listed().values()) == [
        "Science Notebooks 1",
        "Science Notebooks 2",
    ]


# -- The command ------------------------------------------------------------


def test_the_command_imports_and_says_the_counts(capsys):
    call_command("import_catalog", str(SAMPLE), format="ctdl", provider="Example Learning")
    assert "2 added, 0 updated, 0 retired, 0 unchanged" in capsys.readouterr().out
    call_command("import_catalog", str(SAMPLE), format="ctdl", provider="Example Learning")
    assert "0 added, 0 updated, 0 retired, 2 unchanged" in capsys.readouterr().out


def test_the_command_imports_for_an_issuer(issuer):
    call_command(
        "import_catalog", str(TEMPLATE), format="csv", provider="Templates", issuer=issuer.slug
    )
    assert ExternalProvider.objects.get().organization == issuer


def test_the_command_lists_each_problem_and_fails(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(raw([achievement(1, name=""), achievement(2, criteria={"id": "data:x"})]))
    with pytest.raises(CommandError) as caught:
        call_command("import_catalog", str(bad), format="ob3", provider="Lab")
    assert "Nothing was imported" in str(caught.value)
    assert "[0] (https://badges.example.org/achievements/1): name: is missing" in str(caught.value)
    assert "criteria.id: is not an http or https web address" in str(caught.value)


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [
        ({"file": "/nowhere.json"}, "No file at"),
        ({"issuer": "nobody"}, "No issuer named nobody"),
    ],
)
def test_the_command_refuses_what_it_cannot_read(arguments, problem):
    file = arguments.pop("file", str(SAMPLE))
    with pytest.raises(CommandError, match=problem):
        call_command("import_catalog", file, format="ctdl", provider="X", **arguments)


def test_the_command_refuses_a_file_over_50_mb(tmp_path, monkeypatch):
    monkeypatch.setattr(catalogs, "MAX_BYTES", 10)
    with pytest.raises(CommandError, match="larger than 50 MB"):
        call_command("import_catalog", str(SAMPLE), format="ctdl", provider="X")


# -- The page ------------------------------------------------------------


def upload(client, data: bytes, *, name="catalog.json", format="ob3", organization, provider="Lab"):
    return client.post(
        reverse("federation:catalogs"),
        {
            "file": SimpleUploadedFile(name, data),
            "format": format,
            "provider": provider,
            "organization": organization,
        },
    )


def test_an_issuer_admin_imports_for_their_issuer_and_sees_the_counts(client, issuer, issuer_admin):
    client.force_login(issuer_admin)
    response = upload(client, raw([achievement(1)]), organization=issuer.pk)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "1 added, 0 updated, 0 retired, 0 unchanged" in page
    assert ExternalProvider.objects.get().organization == issuer


def test_the_page_lists_every_problem_and_keeps_nothing(client, issuer, issuer_admin):
    client.force_login(issuer_admin)
    response = upload(
        client, raw([achievement(1, name="<b>x</b>"), achievement(2)]), organization=issuer.pk
    )
    assert response.status_code == 400
    assert "The catalog was not imported" in response.content.decode()
    assert "[0] (https://badges.example.org/achievements/1): name: holds HTML" in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert not ExternalListing.objects.exists()


def test_the_page_refuses_an_upload_over_50_mb(client, issuer, issuer_admin, monkeypatch):
    monkeypatch.setattr(catalogs, "MAX_BYTES", 10)
    client.force_login(issuer_admin)
    response = upload(client, raw([achievement(1)]), organization=issuer.pk)
    assert "larger than 50 MB" in response.content.decode()


def test_an_issuer_admin_cannot_import_for_another_issuer(client, issuer_admin, other_issuer):
    client.force_login(issuer_admin)
    response = upload(client, raw([achievement(1)]), organization=other_issuer.pk)
    assert response.status_code == 400
    assert not ExternalProvider.objects.exists()


def test_platform_staff_import_for_the_platform(django_user_model):
    staff = django_user_model.objects.create_user(
        email="staff@example.org", password="x", is_staff=True
    )
    provider, _counts = import_as(TEMPLATE.read_bytes(), format="csv", by=staff)
    assert provider.organization is None


@pytest.mark.parametrize(
    ("spoil", "problem"),
    [
        (lambda d: first(d).update({"ceterms:name": [{"x": 1}]}), "ceterms:name: is not text"),
        (lambda d: first(d).update({"ceterms:name": "x" * 301}), "longer than 300 characters"),
        (lambda d: first(d).update({"ceterms:name": "   "}), "ceterms:name: is missing"),
        (
            lambda d: first(d).update({"ceterms:subjectWebpage": "https://not a host"}),
            "ceterms:subjectWebpage: is not an http or https web address",
        ),
        (
            lambda d: first(d)["ceterms:estimatedCost"][0].update({"ceterms:price": True}),
            "ceterms:price: is not a number",
        ),
        (
            lambda d: first(d)["ceterms:estimatedCost"][0].update({"ceterms:price": 10**9}),
            "ceterms:price: is more than",
        ),
        (
            lambda d: first(d)["ceterms:estimatedCost"][0].update({"ceterms:currency": "dollars"}),
            "ceterms:currency: is longer than 3",
        ),
    ],
)
def test_more_bad_ctdl_values_are_named(spoil, problem):
    assert problem in refused(spoiled(spoil))


def test_a_single_ctdl_object_with_references_by_id_is_read():
    node = copy.deepcopy(first(sample()))
    node["@context"] = "https://credreg.net/ctdl/schema/context/json"
    node["@type"] = ["ceterms:MicroCredential", "ceterms:Badge"]
    node["ceterms:ownedBy"] = [{"@id": "https://registry.example.org/resources/ce-org"}]
    node["ceterms:estimatedDuration"] = [{"ceterms:maxDuration": "P4Y"}]
    node["ceterms:estimatedCost"] = [{"ceterms:price": "0"}]
    import_as(raw(node))
    (listing,) = listed().values()
    assert (listing.kind, listing.offered_by, listing.estimated_hours) == ("Badge", "", None)
    assert listing.is_free


def test_an_achievement_whose_id_is_its_page_is_earned_there():
    import_as(raw(achievement(1, type="Achievement", criteria={"narrative": "Do it."})), "ob3")
    (listing,) = listed().values()
    assert listing.url == "https://badges.example.org/achievements/1"


def test_rebuilding_the_search_keeps_the_listings(issuer, issuer_admin):
    from microcred.catalog import search

    published_version(issuer_admin, micro_credential__issuer=issuer, title="Classroom Discourse")
    import_as(SAMPLE.read_bytes())
    search.rebuild()
    assert selectors.catalog_search("discourse").total == 2
