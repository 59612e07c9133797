import contextlib

import pytest
from django.db import OperationalError, connection

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def task_queue(settings):
    """Tasks go through the database queue and its workers, as in production."""
    settings.TASKS = DATABASE_TASKS


@contextlib.contextmanager
def database_down():
    """Every statement fails as it does when the server is gone: at the connection's edge
    (Django's execute wrapper), not in our code."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")

    with connection.execute_wrapper(refuse):
        yield
