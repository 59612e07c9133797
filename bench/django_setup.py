"""Django for a benchmark: a fresh database of its own (an SQLite file beside the bench,
or a PostgreSQL database dropped and made again), migrated, with production-like settings
that need no web server."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def fresh_database_url(name: str, engine: str, pg_database: str) -> str:
    """An empty database for the bench called `name` on this engine."""
    if engine == "sqlite":
        path = ROOT / "bench" / f"{name}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg
    from psycopg import sql

    database = sql.Identifier(pg_database)
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(database))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(database))
    return f"{PG_SERVER}/{pg_database}"


def setup_django(name: str, engine: str, pg_database: str, **environment: str) -> None:
    """Set Django up on a fresh, migrated database. Tasks are queued in the database, as in
    production, unless `environment` says otherwise (TASKS_BACKEND="immediate")."""
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.update(
        {
            "TASKS_BACKEND": "database",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "ALLOWED_HOSTS": "testserver",
            "STATIC_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_FROM_SOURCE": "true",
            **environment,
            "DATABASE_URL": fresh_database_url(name, engine, pg_database),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            # Measured as configured here, never by a demo .env.
            "ENV_FILE": os.devnull,
        }
    )
    import logging

    import django

    django.setup()
    from django.core.management import call_command

    logging.getLogger("django_tasks").setLevel(logging.WARNING)  # a line per task otherwise
    call_command("migrate", verbosity=0)
