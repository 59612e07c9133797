"""Deliveries to a real receiver on loopback: signed by the scheme, retried with back-off,
cut, timed out, and stopping at an endpoint that keeps failing."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from microcred.accounts import services as accounts
from microcred.accounts.models import Role
from microcred.accounts.tests.factories import UserFactory
from microcred.notifications.models import Notification
from microcred.webhooks import delivering, services, tasks
from microcred.webhooks.models import Delivery, DeliveryStatus, Endpoint, EventType

pytestmark = pytest.mark.django_db


def register(organization, by, url, events=(EventType.MEMBER_JOINED,)):
    return services.register(organization, by=by, url=url, events=list(events))


def test_a_test_event_reaches_the_receiver_signed_under_the_endpoints_secret(
    receiver, issuer, org_admin, django_capture_on_commit_callbacks
):
    endpoint, secret = register(issuer, org_admin, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_test(endpoint, by=org_admin)
    [message] = receiver.checked(secret)
    assert message["type"] == "webhook.test"
    assert message["data"]["organization"]["id"] == issuer.slug
    assert message["timestamp"].endswith("Z")
    delivery = Delivery.objects.get()
    assert receiver.received[0].headers["webhook-id"] == delivery.message_id
    assert receiver.received[0].headers["content-type"] == "application/json"
    assert receiver.received[0].path == "/hooks"
    assert (delivery.status, delivery.attempts, delivery.status_code) == ("succeeded", 1, 200)
    assert delivery.response_excerpt == '{"ok": true}'
    assert delivery.next_attempt_at is None
    assert delivery.duration_ms is not None


def test_the_secret_is_kept_sealed_and_a_rotated_one_signs_from_then_on(
    receiver, issuer, org_admin, django_capture_on_commit_callbacks
):
    endpoint, first = register(issuer, org_admin, receiver.url)
    assert first.startswith("whsec_")
    assert first.encode() not in bytes(endpoint.sealed_secret)
    second = services.rotate_secret(endpoint, by=org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_test(endpoint, by=org_admin)
    assert receiver.checked(second)
    with pytest.raises(Exception, match="No matching signature"):
        receiver.checked(first)


def test_someone_joining_is_announced_after_the_commit(
    receiver, district, django_capture_on_commit_callbacks
):
    admin = UserFactory()
    accounts._take_role(district, admin, Role.ORG_ADMIN)
    endpoint, secret = register(district, admin, receiver.url)
    newcomer = UserFactory(name="Nia Newcomer", email="nia@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        accounts.grant_role(district, newcomer, Role.EARNER, by=admin)
    [message] = receiver.checked(secret)
    assert message["type"] == "member.joined"
    assert message["data"] == {
        "organization": {"id": district.slug, "name": district.name, "kind": "district"},
        "role": "earner",
        "member": {"name": "Nia Newcomer", "email": "nia@example.org"},
    }


def test_an_event_rolled_back_announces_nothing(
    receiver, district, django_capture_on_commit_callbacks
):
    from django.db import transaction

    admin = UserFactory()
    accounts._take_role(district, admin, Role.ORG_ADMIN)
    register(district, admin, receiver.url)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        accounts.grant_role(district, UserFactory(), Role.EARNER, by=admin)
        transaction.set_rollback(True)
    assert not Delivery.objects.exists()
    assert not receiver.received


def test_an_endpoint_hears_only_the_events_it_chose(
    receiver, district, django_capture_on_commit_callbacks
):
    admin = UserFactory()
    accounts._take_role(district, admin, Role.ORG_ADMIN)
    register(district, admin, receiver.url, events=[EventType.AWARD_ISSUED])
    with django_capture_on_commit_callbacks(execute=True):
        accounts.grant_role(district, UserFactory(), Role.EARNER, by=admin)
    assert not Delivery.objects.exists()


def test_announcing_an_event_twice_delivers_it_once(receiver, district, org_admin):
    admin = UserFactory()
    membership = accounts._take_role(district, admin, Role.ORG_ADMIN)
    register(district, admin, receiver.url)
    assert tasks.announce.call(EventType.MEMBER_JOINED, [membership.pk], "k1") == 1
    assert tasks.announce.call(EventType.MEMBER_JOINED, [membership.pk], "k1") == 0
    assert Delivery.objects.count() == 1
    assert len(receiver.received) == 1


def test_a_failed_attempt_is_tried_again_after_each_delay_then_given_up(
    receiver, issuer, org_admin, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_RETRY_DELAYS = [30, 300]
    settings.WEBHOOKS_RETRY_JITTER_PERCENT = 0
    receiver.status, receiver.answer = 503, b"busy"
    endpoint, secret = register(issuer, org_admin, receiver.url)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            delivery = services.send_test(endpoint, by=org_admin)
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.status_code) == ("pending", 1, 503)
        assert delivery.next_attempt_at == start + timedelta(seconds=30)
        assert delivery.error == "HTTP 503"
        assert delivery.response_excerpt == "busy"
        assert tasks.send_due_deliveries.call() == 0  # not yet due
        receiver.checked(secret, last=1)
    with time_machine.travel(start + timedelta(seconds=31), tick=False):
        assert tasks.send_due_deliveries.call() == 1
        delivery.refresh_from_db()
        assert delivery.attempts == 2
        assert delivery.next_attempt_at == start + timedelta(seconds=31 + 300)
        receiver.checked(secret, last=1)
    with time_machine.travel(start + timedelta(seconds=400), tick=False):
        tasks.send_due_deliveries.call()
        receiver.checked(secret, last=1)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("failed", 3, None)
    ids = {m.headers["webhook-id"] for m in receiver.received}
    assert ids == {delivery.message_id}
    assert len(receiver.received) == 3
    endpoint.refresh_from_db()
    assert endpoint.failures == 3
    assert endpoint.is_active


def test_retry_now_sends_a_message_that_gave_up_once_more(
    receiver, issuer, org_admin, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_RETRY_DELAYS = []
    receiver.status = 500
    endpoint, _secret = register(issuer, org_admin, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.send_test(endpoint, by=org_admin)
    delivery.refresh_from_db()
    assert delivery.status == "failed"
    receiver.status = 204
    with django_capture_on_commit_callbacks(execute=True):
        services.retry_now(delivery, by=org_admin)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.status_code) == ("succeeded", 2, 204)
    endpoint.refresh_from_db()
    assert endpoint.failures == 0
    with pytest.raises(services.EndpointProblem, match="nothing to retry"):
        services.retry_now(delivery, by=org_admin)


def test_an_endpoint_failing_again_and_again_is_disabled_and_its_admins_told(
    receiver, issuer, org_admin, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_RETRY_DELAYS = []
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 2
    receiver.status = 500
    endpoint, _secret = register(issuer, org_admin, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_test(endpoint, by=org_admin)
        services.send_test(endpoint, by=org_admin)
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert endpoint.disabled_at is not None
    assert "2 failed attempts in a row" in endpoint.disabled_reason
    notice = Notification.objects.get(user=org_admin)
    assert notice.url == endpoint.get_absolute_url()
    assert endpoint.url in notice.subject
    with pytest.raises(services.EndpointProblem, match="Enable the endpoint"):
        services.send_test(endpoint, by=org_admin)
    # Waiting messages are not sent to a disabled endpoint, and resume when it is enabled.
    waiting = Delivery.objects.create(
        endpoint=endpoint,
        message_id="msg_waiting",
        event_type="webhook.test",
        payload="{}",
        next_attempt_at=timezone.now(),
    )
    assert delivering.attempt(waiting.pk) is None
    receiver.status = 200
    with django_capture_on_commit_callbacks(execute=True):
        services.set_enabled(endpoint, by=org_admin, enabled=True)
    waiting.refresh_from_db()
    endpoint.refresh_from_db()
    assert waiting.status == "succeeded"
    assert endpoint.failures == 0
    assert endpoint.is_active


def test_a_slow_receiver_times_out(
    receiver, issuer, org_admin, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_TIMEOUT_SECONDS = 1
    receiver.delay = 2
    endpoint, _secret = register(issuer, org_admin, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.send_test(endpoint, by=org_admin)
    delivery.refresh_from_db()
    assert delivery.status == "pending"
    assert delivery.status_code is None
    assert "timed out" in delivery.error


def test_an_oversize_answer_is_cut(
    receiver, issuer, org_admin, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_MAX_RESPONSE_BYTES = 4096
    receiver.answer = b"x" * 100_000
    endpoint, _secret = register(issuer, org_admin, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.send_test(endpoint, by=org_admin)
    delivery.refresh_from_db()
    assert delivery.status == "succeeded"
    assert len(delivery.response_excerpt) == 1000
    assert delivery.response_excerpt.endswith("…")


def test_a_redirect_is_not_followed(
    receiver, issuer, org_admin, django_capture_on_commit_callbacks
):
    receiver.status = 302
    receiver.extra_headers = {"Location": "http://169.254.169.254/latest/meta-data/"}
    endpoint, _secret = register(issuer, org_admin, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.send_test(endpoint, by=org_admin)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.status_code, delivery.error) == ("pending", 302, "HTTP 302")
    assert len(receiver.received) == 1


def test_a_delivery_is_attempted_once_however_often_its_task_runs(
    receiver, issuer, org_admin, django_capture_on_commit_callbacks
):
    endpoint, _secret = register(issuer, org_admin, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.send_test(endpoint, by=org_admin)
    assert tasks.deliver.call(delivery.pk) == "not due"
    assert len(receiver.received) == 1


def test_a_receiver_that_is_not_listening_is_a_failed_attempt(
    loopback, issuer, org_admin, django_capture_on_commit_callbacks
):
    endpoint, _secret = register(issuer, org_admin, "http://127.0.0.1:9/hooks")
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.send_test(endpoint, by=org_admin)
    delivery.refresh_from_db()
    assert delivery.status == "pending"
    assert delivery.error.startswith("No answer:")
    assert Endpoint.objects.get().failures == 1


def test_the_body_is_the_json_that_was_signed(
    receiver, issuer, org_admin, django_capture_on_commit_callbacks
):
    endpoint, _secret = register(issuer, org_admin, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.send_test(endpoint, by=org_admin)
    delivery.refresh_from_db()
    assert receiver.received[0].body == delivery.payload.encode()
    assert set(json.loads(delivery.payload)) == {"type", "timestamp", "data"}
    assert DeliveryStatus(delivery.status) == DeliveryStatus.SUCCEEDED


def test_retries_of_deliveries_that_failed_together_are_spread_out(settings):
    settings.WEBHOOKS_RETRY_DELAYS = [1000]
    settings.WEBHOOKS_RETRY_JITTER_PERCENT = 10
    waits = {delivering.next_delay(1).total_seconds() for _ in range(50)}
    assert all(900 <= wait <= 1100 for wait in waits)
    assert len(waits) > 40
    assert delivering.next_delay(2) is None


def test_a_retry_waits_on_the_database_queue_for_its_time(
    receiver, issuer, org_admin, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.WEBHOOKS_RETRY_DELAYS = [600]
    receiver.status = 503
    endpoint, _secret = register(issuer, org_admin, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.send_test(endpoint, by=org_admin)
    queued = DBTaskResult.objects.get(task_path="microcred.webhooks.tasks.deliver")
    assert queued.args_kwargs["args"] == [delivery.pk]
    DBTaskResult.objects.all().delete()

    assert tasks.deliver.call(delivery.pk) == "pending"

    delivery.refresh_from_db()
    assert delivery.attempts == 1
    retry = DBTaskResult.objects.get(task_path="microcred.webhooks.tasks.deliver")
    assert retry.args_kwargs["args"] == [delivery.pk]
    assert retry.run_after == delivery.next_attempt_at
    assert 540 <= (retry.run_after - delivery.last_attempt_at).total_seconds() <= 660


def test_a_receiver_whose_certificate_does_not_verify_gets_nothing(
    tls_receiver, issuer, org_admin, django_capture_on_commit_callbacks
):
    endpoint, _secret = register(issuer, org_admin, tls_receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.send_test(endpoint, by=org_admin)
    delivery.refresh_from_db()
    assert delivery.status_code is None
    assert delivery.error.startswith("No answer: the receiver's certificate did not verify")
    assert tls_receiver.received == []


def test_a_receiver_under_the_networks_own_authority_is_reached_over_tls(
    tls_receiver, issuer, org_admin, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_CA_BUNDLE = tls_receiver.certificate
    endpoint, secret = register(issuer, org_admin, tls_receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.send_test(endpoint, by=org_admin)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.status_code) == ("succeeded", 200)
    [message] = tls_receiver.checked(secret)
    assert message["type"] == "webhook.test"
