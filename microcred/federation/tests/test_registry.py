"""Publishing to a Credential Engine registry, against a real HTTP server started here
that answers as the Registry Assistant does."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.urls import reverse

from microcred.catalog.tests.factories import published_version
from microcred.federation import registry as sending
from microcred.federation import services
from microcred.federation.models import RegistryPublication

pytestmark = pytest.mark.django_db


class Registry:
    def __init__(self, *, status=200, answer=None):
        self.received: list[tuple[dict, dict]] = []
        registry = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                registry.received.append((self.path, dict(self.headers), json.loads(body)))
                payload = json.dumps(answer or {"Successful": True, "Messages": []}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/assistant/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def configured(settings):
    settings.CREDENTIAL_REGISTRY_API_KEY = "test-key"
    settings.CREDENTIAL_REGISTRY_ORGANIZATION_CTID = "ce-5e2a8b5c-0d35-4a7a-9b58-1f3d8a6b2c11"
    return settings


def test_with_no_key_nothing_is_sent_and_the_page_says_so(client, settings, issuer, issuer_admin):
    settings.CREDENTIAL_REGISTRY_API_KEY = ""
    client.force_login(issuer_admin)
    url = reverse("federation:registry", args=[issuer.slug])
    assert "No registry key is configured" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "Nothing was sent" in response.content.decode()
    assert RegistryPublication.objects.get().outcome == RegistryPublication.Outcome.NOT_SENT


def test_the_catalog_is_published_one_graph_per_credential(
    client, configured, issuer, issuer_admin, django_capture_on_commit_callbacks
):
    version = published_version(issuer_admin, micro_credential__issuer=issuer)
    client.force_login(issuer_admin)
    with Registry() as registry:
        configured.CREDENTIAL_REGISTRY_URL = registry.url
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("federation:registry", args=[issuer.slug]))
    [(path, headers, body)] = registry.received
    assert path == "/assistant/credential/publishGraph"
    assert headers["Authorization"] == "ApiToken test-key"
    assert (
        body["PublishForOrganizationIdentifier"] == configured.CREDENTIAL_REGISTRY_ORGANIZATION_CTID
    )
    assert body["GraphInput"]["@graph"][0]["ceterms:name"] == version.title
    publication = RegistryPublication.objects.get()
    assert publication.outcome == RegistryPublication.Outcome.PUBLISHED
    assert publication.finished_at is not None
    page = client.get(reverse("federation:registry", args=[issuer.slug])).content.decode()
    assert "Published" in page
    assert "Successful" in page


def test_a_refusal_by_the_registry_is_shown_as_a_failure_with_its_answer(
    client, configured, issuer, issuer_admin, django_capture_on_commit_callbacks
):
    published_version(issuer_admin, micro_credential__issuer=issuer)
    answer = {"Successful": False, "Messages": ["Error: the CTID <x> is not valid"]}
    with Registry(status=200, answer=answer) as registry:
        configured.CREDENTIAL_REGISTRY_URL = registry.url
        with django_capture_on_commit_callbacks(execute=True):
            publication = services.request_publication(issuer, by=issuer_admin)
    publication.refresh_from_db()
    assert publication.outcome == RegistryPublication.Outcome.FAILED
    assert "is not valid" in publication.answer
    client.force_login(issuer_admin)
    page = client.get(reverse("federation:registry", args=[issuer.slug])).content.decode()
    assert "the CTID &lt;x&gt; is not valid" in page


def test_an_unreachable_registry_is_a_failure_with_the_reason(
    configured, issuer, issuer_admin, django_capture_on_commit_callbacks
):
    published_version(issuer_admin, micro_credential__issuer=issuer)
    with Registry() as registry:
        url = registry.url
    configured.CREDENTIAL_REGISTRY_URL = url  # the server has stopped
    with django_capture_on_commit_callbacks(execute=True):
        publication = services.request_publication(issuer, by=issuer_admin)
    publication.refresh_from_db()
    assert publication.outcome == RegistryPublication.Outcome.FAILED
    assert "Connection" in publication.answer


def test_a_publication_already_sent_is_not_sent_again(
    configured, issuer, issuer_admin, django_capture_on_commit_callbacks
):
    published_version(issuer_admin, micro_credential__issuer=issuer)
    with Registry() as registry:
        configured.CREDENTIAL_REGISTRY_URL = registry.url
        with django_capture_on_commit_callbacks(execute=True):
            publication = services.request_publication(issuer, by=issuer_admin)
        sending.publish(publication.pk)
    assert len(registry.received) == 1


def test_only_the_issuers_admins_reach_the_page(client, issuer, other_issuer, earner):
    client.force_login(earner)
    assert client.get(reverse("federation:registry", args=[issuer.slug])).status_code == 403
