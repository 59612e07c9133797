"""Django for a benchmark: a database of its own (an SQLite file beside the bench, or a
PostgreSQL database at BENCH_POSTGRES), made fresh and migrated unless the bench reuses
it, with production-like settings that need no web server."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PG_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def sqlite_path(name: str) -> Path:
    return ROOT / "bench" / f"{name}.sqlite3"


def database_url(name: str, engine: str, pg_database: str, *, fresh: bool = True) -> str:
    """The database of the bench called `name` on this engine; emptied first if `fresh`."""
    if engine == "sqlite":
        path = sqlite_path(name)
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    if fresh:
        import psycopg
        from psycopg import sql

        database = sql.Identifier(pg_database)
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(database))
    return f"{PG_SERVER}/{pg_database}"


def configure(**environment: str) -> None:
    """Set Django up with production-like settings plus `environment`. Tasks are queued in
    the database, as in production, unless `environment` says otherwise
    (TASKS_BACKEND="immediate")."""
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
            "DJANGO_SETTINGS_MODULE": "config.settings",
            # Measured as configured here, never by a demo .env.
            "ENV_FILE": os.devnull,
        }
    )
    import logging

    import django

    django.setup()
    logging.getLogger("django_tasks").setLevel(logging.WARNING)  # a line per task otherwise


def setup_django(
    name: str, engine: str, pg_database: str, *, fresh: bool = True, **environment: str
) -> None:
    """Set Django up on the bench's database; a fresh one is migrated. Processes a bench
    starts beside itself pass fresh=False to share the database it filled."""
    configure(**environment, DATABASE_URL=database_url(name, engine, pg_database, fresh=fresh))
    if fresh:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
