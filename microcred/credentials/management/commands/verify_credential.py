from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from microcred.credentials.verification import verify


class Command(BaseCommand):
    help = gettext_lazy(
        "Verify a credential file (JSON or VC-JWT, from any issuer): signature, issuer key, "
        "status and validity dates. Exits with 1 when it does not verify."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the credential file; - reads standard input"))

    def handle(self, *args, file, **options):
        if file == "-":
            import sys

            raw = sys.stdin.buffer.read()
        else:
            path = Path(file)
            if not path.is_file():
                raise CommandError(_("There is no file %(file)s.") % {"file": file})
            raw = path.read_bytes()
        result = verify.verify_text(raw)
        for check in result.checks:
            self.stdout.write(f"{check.name:<11} {_mark(check):<8} {check.message}")
        for n, inner in enumerate(result.credentials, start=1):
            for check in inner.checks:
                self.stdout.write(f"[{n}] {check.name:<7} {_mark(check):<8} {check.message}")
        warned = len(result.warnings) + sum(len(inner.warnings) for inner in result.credentials)
        if result.verified and warned:
            self.stdout.write(
                self.style.SUCCESS(
                    ngettext(
                        "Verified, with %(n)d warning: a warning does not stop a credential "
                        "from verifying.",
                        "Verified, with %(n)d warnings: a warning does not stop a credential "
                        "from verifying.",
                        warned,
                    )
                    % {"n": warned}
                )
            )
            return
        if result.verified:
            self.stdout.write(self.style.SUCCESS(_("Verified.")))
            return
        self.stdout.write(self.style.ERROR(_("Not verified.")))
        raise SystemExit(1)


def _mark(check) -> str:
    """An error FAILED, a warning (which the credential still verifies with) warning."""
    if check.ok:
        return "ok"
    return "warning" if check.warning else "FAILED"
