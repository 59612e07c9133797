"""Import a standards framework from a 1EdTech CASE JSON package."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from microcred.accounts.models import Organization
from microcred.federation import case, services


class Command(BaseCommand):
    help = "Import a CASE 1.0 JSON framework (CFDocument, CFItems, CFAssociations)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--issuer",
            default="",
            help="The short name of the issuer it is for; without it, for every issuer.",
        )

    def handle(self, *args, file, issuer, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        if path.stat().st_size > case.MAX_BYTES:
            raise CommandError("The file is larger than 50 MB; nothing was imported.")
        organization = None
        if issuer:
            organization = Organization.objects.filter(
                slug=issuer, kind=Organization.Kind.ISSUER
            ).first()
            if organization is None:
                raise CommandError(f"No issuer named {issuer}.")
        try:
            framework = services.import_framework(
                path.read_bytes(), organization=organization, by=None
            )
        except case.FrameworkRefused as exc:
            lines = "\n".join(f"  {problem}" for problem in exc.problems)
            more = f"\n  …and {exc.more} more." if exc.more else ""
            raise CommandError(f"Nothing was imported:\n{lines}{more}") from exc
        self.stdout.write(f"Imported “{framework.title}”: {framework.items.count()} standards.")
