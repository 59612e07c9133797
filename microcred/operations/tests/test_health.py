"""/health/ for load balancers: the database, the task workers, the queue."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from microcred.credentials.tasks import sign_awards
from microcred.operations import services

from .conftest import database_down

pytestmark = pytest.mark.django_db


def test_healthy_when_the_database_answers_and_a_worker_beats(client, task_queue):
    services.beat("w1", started_at=timezone.now())
    sign_awards.enqueue()

    response = client.get("/health/")

    assert response.status_code == 200
    body = response.json()
    assert body["healthy"] is True
    assert body["database"] == {"ok": True}
    assert body["workers"]["alive"] == 1
    assert body["workers"]["last_heartbeat"]
    assert body["queue"]["ready"] == 1


def test_unhealthy_when_no_worker_has_beaten_within_the_lease(client, task_queue):
    with time_machine.travel(timezone.now() - services.TASK_LEASE - timedelta(seconds=5)):
        services.beat("w1", started_at=timezone.now())

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["workers"]["alive"] == 0


def test_unhealthy_when_the_database_is_down(client, task_queue):
    with database_down():
        response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["database"] == {"ok": False, "error": "unreachable"}


def test_no_worker_is_needed_when_tasks_run_inline(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["workers"] is None


def test_the_health_answer_is_never_cached(client):
    assert "no-cache" in client.get("/health/")["Cache-Control"]
