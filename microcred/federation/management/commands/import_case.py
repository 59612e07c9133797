"""Import a standards framework from a 1EdTech CASE JSON package."""

from django.core.management.base import BaseCommand, CommandError

from microcred.federation import case, services

from . import _files


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
        content = _files.read(file, max_bytes=case.MAX_BYTES)
        organization = _files.issuer_named(issuer)
        try:
            framework = services.import_framework(content, organization=organization, by=None)
        except case.FrameworkRefused as exc:
            lines = "\n".join(f"  {problem}" for problem in exc.problems)
            more = f"\n  …and {exc.more} more." if exc.more else ""
            raise CommandError(f"Nothing was imported:\n{lines}{more}") from exc
        self.stdout.write(f"Imported “{framework.title}”: {framework.items.count()} standards.")
