from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from microcred.credentials import services
from microcred.credentials.models import Award

FORMATS = {"ob3": ("credential_json", ".json"), "ob3-jwt": ("credential_jwt", ".jwt")}


class Command(BaseCommand):
    help = gettext_lazy("Write every signed award's credential to a folder, one file each.")

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=sorted(FORMATS), default="ob3")
        parser.add_argument("--out", required=True, help=_("the folder to write into"))
        parser.add_argument(
            "--issuer", help=_("only the awards of this issuer (its short name)"), default=None
        )

    def handle(self, *args, format, out, issuer, **options):
        folder = Path(out)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(
                _("Cannot write to %(out)s: %(why)s") % {"out": out, "why": exc}
            ) from exc
        services.sign_pending()
        field, suffix = FORMATS[format]
        awards = Award.objects.filter(signed_at__isnull=False).order_by("pk")
        if issuer:
            awards = awards.filter(issuer__slug=issuer)
        written = 0
        for public_id, text in awards.values_list("public_id", field).iterator(chunk_size=500):
            (folder / f"{public_id}{suffix}").write_text(text, encoding="utf-8")
            written += 1
        self.stdout.write(
            self.style.SUCCESS(
                _("%(n)d credentials written to %(out)s.") % {"n": written, "out": folder}
            )
        )
