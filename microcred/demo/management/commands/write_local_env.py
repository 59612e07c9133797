"""Write the local `.env` that `make run` leaves behind, so that every command run after
it (exports, verification, the worker) finds the demo's settings without being told."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from dotenv import dotenv_values, set_key

from microcred.credentials.selectors import signed_under

HEADER = """\
# Written by `make run` for the demo on this machine; never commit it (it is gitignored).
# Every setting in .env.example may be added here; variables set in the environment win.
# DEBUG=true: the demo's key and passwords are published, so this file is for a laptop only.
"""
# A base URL this command wrote; one the person wrote themselves (a tunnel, a LAN address)
# is theirs to change.
LOCAL = re.compile(r"^http://(127\.0\.0\.1|localhost):\d+$")


class Command(BaseCommand):
    help = gettext_lazy(
        "Write DEBUG, PORT and BASE_URL for the local demo into the .env file (ENV_FILE), "
        "keeping the address the database's credentials were signed under."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, required=True)

    def handle(self, *args, port, **options):
        if not 0 < port < 65536:
            raise CommandError(
                _("PORT must be between 1 and 65535, not %(port)s.") % {"port": port}
            )
        path = Path(settings.ENV_FILE)
        if not path.exists():
            path.write_text(HEADER)
        values = dotenv_values(path)
        wanted = f"http://127.0.0.1:{port}"
        base_url = values.get("BASE_URL") or wanted
        if LOCAL.match(base_url):
            base_url = wanted
        signed = signed_under()
        if signed and signed != base_url:
            # Issuer identifiers (did:web) and badge addresses are inside signed
            # credentials: another address would make every one of them point nowhere.
            self.stderr.write(
                _(
                    "The credentials in this database were signed under %(signed)s, so links "
                    "and exports keep that address. Serve it there (make run PORT=%(port)s) "
                    "or start afresh (make clean)."
                )
                % {"signed": signed, "port": signed.rsplit(":", 1)[-1]}
            )
            base_url = signed
        if "DEBUG" not in values:
            set_key(path, "DEBUG", "true", quote_mode="never")
        set_key(path, "PORT", str(port), quote_mode="never")
        set_key(path, "BASE_URL", base_url, quote_mode="never")
        self.stdout.write(_("%(path)s: BASE_URL=%(url)s") % {"path": path, "url": base_url})
