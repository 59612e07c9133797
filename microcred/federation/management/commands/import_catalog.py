"""List another provider's catalog (CTDL JSON-LD, Open Badges 3.0 Achievements or CSV)
beside ours in the public catalog."""

from django.core.management.base import BaseCommand, CommandError

from microcred.federation import catalogs, services

from . import _files


class Command(BaseCommand):
    help = (
        "Import another provider's catalog as external listings: CTDL JSON-LD, Open Badges "
        "3.0 Achievements (JSON) or the CSV template. Importing the same provider again "
        "updates its entries and retires those no longer in the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", required=True, choices=catalogs.FORMATS)
        parser.add_argument("--provider", required=True, help="The provider's name.")
        parser.add_argument(
            "--issuer",
            default="",
            help="The short name of the issuer that keeps it; without it, the platform.",
        )

    def handle(self, *args, file, format, provider, issuer, **options):  # noqa: A002
        content = _files.read(file, max_bytes=catalogs.MAX_BYTES)
        organization = _files.issuer_named(issuer)
        try:
            listed, counts = services.import_catalog(
                content,
                format=format,
                provider=provider,
                organization=organization,
                by=None,
            )
        except catalogs.CatalogRefused as exc:
            lines = "\n".join(f"  {problem}" for problem in exc.problems)
            more = f"\n  …and {exc.more} more." if exc.more else ""
            raise CommandError(f"Nothing was imported:\n{lines}{more}") from exc
        self.stdout.write(
            f"Imported the catalog of “{listed.name}”: {counts.added} added, "
            f"{counts.updated} updated, {counts.retired} retired, {counts.unchanged} unchanged."
        )
