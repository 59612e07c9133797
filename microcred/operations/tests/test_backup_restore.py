"""The backup and restore of docs/operations.md, run as an operator runs it: a platform
with a signed award is backed up (database, media files, and the key-encryption secret
kept apart), restored into an empty database and a new media folder, and the award
exported from the restored copy verifies with the platform's own verifier. Its signing
keys decrypt with the same secret, and with no other.

On SQLite (the default) the database is copied with sqlite3's online `.backup`; when the
suite runs on PostgreSQL (DATABASE_URL=postgres://…) it is dumped with `pg_dump
--format=custom` and restored with `pg_restore` into a new database, as the page says.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[3]
SECRET = "backup-test-key-encryption-secret"

MAKE_AN_AWARD = """
from microcred.accounts.models import Organization, Role
from microcred.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from microcred.credentials.tests.factories import signed_award

issuer = OrganizationFactory(kind=Organization.Kind.ISSUER, name="Lakeside Teaching Institute")
admin = UserFactory(name="Ivy Issuer")
MembershipFactory(user=admin, organization=issuer, role=Role.ISSUER_ADMIN)
earner = UserFactory(name="Erin Earner")
award = signed_award(earner, issuer_admin=admin, micro_credential__issuer=issuer)
print(award.public_id)
"""

UNSEAL_KEYS = """
from microcred.credentials.issuing.keys import unseal
from microcred.credentials.models import SigningKey
keys = list(SigningKey.objects.all())
for key in keys:
    unseal(key.sealed_private)
print(f"{len(keys)} keys decrypted")
"""


def _manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own command line)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=check,
    )


def _run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=120)  # noqa: S603


def _platform_env(database_url: str, media: Path, secret: str = SECRET) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "MEDIA_", "CREDENTIALS_", "DJANGO_SETTINGS"))
    }
    env.update(
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media),
        CREDENTIALS_ENCRYPTION_KEYS=secret,
        SECRET_KEY="backup-test-secret-key",
        DEBUG="true",
        TASKS_BACKEND="immediate",
        PYTHONWARNINGS="ignore",
    )
    return env


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


class SQLite:
    def __init__(self, folder: Path):
        self.live = folder / "live.sqlite3"
        self.restored = folder / "restored.sqlite3"

    def urls(self) -> tuple[str, str]:
        return f"sqlite:///{self.live}", f"sqlite:///{self.restored}"

    def backup(self, dump: Path) -> None:
        _run("sqlite3", str(self.live), f".backup '{dump}'")

    def restore(self, dump: Path) -> None:
        assert not self.restored.exists()
        shutil.copyfile(dump, self.restored)

    def drop(self) -> None:
        pass


class PostgreSQL:
    def __init__(self, url: str):
        base = urlsplit(url).path.lstrip("/") or "microcred"
        self.server = _with_database(url, "postgres")
        self.live = _with_database(url, f"{base}_backup_live")
        self.restored = _with_database(url, f"{base}_backup_restored")

    def urls(self) -> tuple[str, str]:
        self.drop()
        _run("psql", self.server, "-c", f"CREATE DATABASE {self._name(self.live)}")
        return self.live, self.restored

    def backup(self, dump: Path) -> None:
        _run("pg_dump", "--format=custom", "--no-owner", f"--file={dump}", self.live)

    def restore(self, dump: Path) -> None:
        _run("psql", self.server, "-c", f"CREATE DATABASE {self._name(self.restored)}")
        _run("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={self.restored}", str(dump))

    def drop(self) -> None:
        for url in (self.live, self.restored):
            _run("psql", self.server, "-c", f"DROP DATABASE IF EXISTS {self._name(url)}")

    @staticmethod
    def _name(url: str) -> str:
        return urlsplit(url).path.lstrip("/")


@pytest.fixture
def database(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        engine = PostgreSQL(url)
    else:
        if shutil.which("sqlite3") is None:
            pytest.skip("the sqlite3 command is not installed (Debian's sqlite3)")
        engine = SQLite(tmp_path)
    yield engine
    engine.drop()


def test_a_restored_backup_verifies_an_award_with_the_platforms_own_verifier(tmp_path, database):
    live_url, restored_url = database.urls()
    live_media, restored_media = tmp_path / "media", tmp_path / "restored-media"
    live = _platform_env(live_url, live_media)
    _manage(live, "migrate", "--noinput")
    public_id = _manage(live, "shell", "-c", MAKE_AN_AWARD).stdout.strip().splitlines()[-1]
    media_files = sorted(p.relative_to(live_media) for p in live_media.rglob("*") if p.is_file())
    assert media_files, "the award's badge image is a media file to back up"

    # Back up: the database, then the media folder.
    backup = tmp_path / "backup"
    backup.mkdir()
    database.backup(backup / "database.dump")
    with tarfile.open(backup / "media.tar.gz", "w:gz") as archive:
        archive.add(live_media, arcname=".")

    # Restore into an empty database and a new media folder.
    database.restore(backup / "database.dump")
    restored_media.mkdir()
    with tarfile.open(backup / "media.tar.gz") as archive:
        archive.extractall(restored_media, filter="data")
    restored = _platform_env(restored_url, restored_media)
    _manage(restored, "migrate", "--noinput")

    exported = tmp_path / "exported"
    _manage(restored, "export_credentials", "--format", "ob3", "--out", str(exported))
    [credential] = [p for p in exported.rglob("*") if p.is_file() and public_id in p.name]
    verified = _manage(restored, "verify_credential", str(credential))
    assert "Verified." in verified.stdout, verified.stdout
    assert (
        sorted(p.relative_to(restored_media) for p in restored_media.rglob("*") if p.is_file())
        == media_files
    )
    assert "keys decrypted" in _manage(restored, "shell", "-c", UNSEAL_KEYS).stdout

    # Without the key-encryption secret the restored keys are useless: it is backed up
    # apart from the database, and restored with it.
    wrong = _platform_env(restored_url, restored_media, secret="some-other-secret")
    refused = _manage(wrong, "shell", "-c", UNSEAL_KEYS, check=False)
    assert refused.returncode != 0
    assert "cannot be decrypted with CREDENTIALS_ENCRYPTION_KEYS" in refused.stderr
