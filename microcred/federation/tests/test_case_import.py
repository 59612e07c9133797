"""Importing a CASE framework: everything checked before anything is kept, problems named
entry by entry, and the standards then picked as alignments of drafts and stacks."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from microcred.catalog.tests.factories import CompleteDraftFactory, StackFactory
from microcred.credentials.formats import ob3
from microcred.federation import case, samples, services
from microcred.federation.models import Framework, FrameworkItem

pytestmark = pytest.mark.django_db

EPL = next(s for s in samples.SAMPLES if "evidence-based" in s.name)


def sample() -> dict:
    return json.loads(EPL.read_text())


def raw(data) -> bytes:
    return json.dumps(data).encode()


def test_a_framework_is_imported_with_its_tree(issuer, issuer_admin):
    framework = services.import_framework(EPL.read_bytes(), organization=issuer, by=issuer_admin)
    assert framework.title == "Evidence-based professional learning (sample framework)"
    assert framework.licence == "CC0 1.0 Universal"
    child = FrameworkItem.objects.get(framework=framework, human_coding_scheme="EPL.1.a")
    assert child.parent.human_coding_scheme == "EPL.1"
    assert FrameworkItem.objects.filter(framework=framework, parent=None).count() == 3


def test_importing_again_replaces_the_framework_rather_than_adding_one(issuer, issuer_admin):
    services.import_framework(EPL.read_bytes(), organization=issuer, by=issuer_admin)
    changed = sample()
    changed["CFItems"] = changed["CFItems"][:2]
    changed["CFAssociations"] = changed["CFAssociations"][:2]
    services.import_framework(raw(changed), organization=issuer, by=issuer_admin)
    assert Framework.objects.count() == 1
    assert FrameworkItem.objects.count() == 2


@pytest.mark.parametrize(
    ("spoil", "problem"),
    [
        (lambda d: d["CFItems"][1].update(fullStatement="<script>alert(1)</script>"), "CFItems[1]"),
        (lambda d: d["CFItems"][2].pop("fullStatement"), "fullStatement is missing"),
        (lambda d: d["CFItems"][3].update(identifier="not-a-uuid"), "is not a UUID"),
        (lambda d: d["CFItems"][4].update(uri="ftp://example.org/x"), "not a web address"),
        (
            lambda d: d["CFAssociations"][5]["destinationNodeURI"].update(
                identifier="1b4e28ba-2fa1-11d2-883f-0016d3cca427"
            ),
            "not in the file",
        ),
    ],
)
def test_a_bad_entry_is_named_and_nothing_is_kept(issuer, issuer_admin, spoil, problem):
    data = sample()
    spoil(data)
    with pytest.raises(case.FrameworkRefused) as refused:
        services.import_framework(raw(data), organization=issuer, by=issuer_admin)
    assert any(problem in line for line in refused.value.problems)
    assert not Framework.objects.exists()
    assert not FrameworkItem.objects.exists()


def test_a_file_that_is_not_json_is_refused():
    with pytest.raises(case.FrameworkRefused, match="not JSON"):
        case.read(b"CFDocument,title\n1,2")


def test_a_file_of_more_than_100000_items_is_refused():
    data = sample()
    data["CFItems"] = [{}] * (case.MAX_ITEMS + 1)
    with pytest.raises(case.FrameworkRefused, match="at most 100,000"):
        case.read(raw(data))


def test_a_file_over_50_mb_is_refused_before_it_is_parsed():
    with pytest.raises(case.FrameworkRefused, match="50 MB"):
        case.read(b" " * (case.MAX_BYTES + 1))


def test_someone_who_does_not_author_for_the_issuer_cannot_import(issuer, outsider):
    with pytest.raises(PermissionDenied):
        services.import_framework(EPL.read_bytes(), organization=issuer, by=outsider)


def test_import_case_reports_every_problem_and_keeps_nothing(tmp_path):
    data = sample()
    data["CFItems"][0]["fullStatement"] = "<b>bold</b>"
    data["CFItems"][1]["identifier"] = "x"
    path = tmp_path / "bad.json"
    path.write_bytes(raw(data))
    with pytest.raises(CommandError) as error:
        call_command("import_case", str(path))
    assert "CFItems[0]" in str(error.value)
    assert "CFItems[1]" in str(error.value)
    assert not Framework.objects.exists()


def test_import_case_imports_the_shipped_samples(capsys):
    for path in samples.SAMPLES:
        call_command("import_case", str(path))
    assert Framework.objects.filter(organization=None).count() == len(samples.SAMPLES)
    assert FrameworkItem.objects.filter(human_coding_scheme="MP4").exists()


def test_the_upload_page_lists_the_problems_with_their_text_escaped(client, issuer, issuer_admin):
    data = sample()
    data["CFDocument"]["title"] = "<img src=x onerror=alert(1)>"
    client.force_login(issuer_admin)
    response = client.post(
        reverse("federation:frameworks"),
        {"organization": issuer.pk, "file": SimpleUploadedFile("f.json", raw(data))},
    )
    assert response.status_code == 400
    assert "CFDocument: title holds HTML or script" in response.content.decode()
    assert "<img src=x" not in response.content.decode()
    assert not Framework.objects.exists()


def test_the_upload_page_imports_a_framework_for_the_issuer(client, issuer, issuer_admin):
    client.force_login(issuer_admin)
    response = client.post(
        reverse("federation:frameworks"),
        {"organization": issuer.pk, "file": SimpleUploadedFile("f.json", EPL.read_bytes())},
        follow=True,
    )
    assert "8 standards" in response.content.decode()
    assert Framework.objects.get().organization == issuer


@pytest.fixture
def framework(issuer, issuer_admin):
    return services.import_framework(EPL.read_bytes(), organization=issuer, by=issuer_admin)


def test_an_author_picks_a_standard_for_a_draft(client, issuer, issuer_admin, framework):
    draft = CompleteDraftFactory(micro_credential__issuer=issuer)
    item = framework.items.get(human_coding_scheme="EPL.2.a")
    client.force_login(issuer_admin)
    url = reverse("federation:pick_for_version", args=[draft.pk])
    page = client.get(url, {"framework": framework.pk, "q": "student work"})
    assert "Collects student work" in page.content.decode()
    assert "Names the student outcome" not in page.content.decode()
    response = client.post(url, {"item": item.pk})
    assert response.status_code == 302
    alignment = draft.alignments.get(case_identifier=item.identifier)
    assert (alignment.code, alignment.url) == ("EPL.2.a", item.uri)
    entry = next(
        a for a in ob3.micro_credential_achievement(draft)["alignment"] if "targetType" in a
    )
    assert entry["targetType"] == "CFItem"
    assert entry["targetCode"] == item.identifier


def test_an_author_picks_a_standard_for_a_stack(client, issuer, issuer_admin, framework):
    stack = StackFactory(issuer=issuer)
    item = framework.items.get(human_coding_scheme="EPL.3")
    client.force_login(issuer_admin)
    client.post(reverse("federation:pick_for_stack", args=[stack.pk]), {"item": item.pk})
    assert stack.alignments.get().case_identifier == item.identifier


def test_another_issuers_framework_cannot_be_picked(
    client, issuer, other_issuer, issuer_admin, framework
):
    stack = StackFactory(issuer=other_issuer)
    item = framework.items.first()
    with pytest.raises(PermissionDenied):
        services.align_stack(stack, item, by=issuer_admin)
    assert not stack.alignments.exists()
