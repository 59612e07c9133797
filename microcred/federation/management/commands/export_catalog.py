"""Write the published catalog to a directory, as CTDL JSON-LD or as Open Badges 3.0
Achievements: one file for the whole catalog and one per micro-credential and stack,
the same documents the public addresses serve."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from microcred.federation import exports, selectors


class Command(BaseCommand):
    help = "Export the published catalog as CTDL JSON-LD or Open Badges 3.0 Achievements."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["ctdl", "ob3"], required=True)
        parser.add_argument("--out", required=True, help="The directory to write into.")

    def handle(self, *args, format, out, **options):
        directory = Path(out)
        (directory / "micro-credentials").mkdir(parents=True, exist_ok=True)
        (directory / "stacks").mkdir(parents=True, exist_ok=True)
        if format == "ctdl":
            catalog, one_version, one_stack = (
                exports.ctdl_catalog,
                exports.ctdl_micro_credential,
                exports.ctdl_stack,
            )
        else:
            catalog, one_version, one_stack = (
                exports.ob3_catalog,
                exports.ob3_micro_credential,
                exports.ob3_stack,
            )
        written = 1
        _write(directory / "catalog.json", catalog())
        for version in selectors.published_versions():
            _write(
                directory / "micro-credentials" / f"{version.micro_credential.slug}.json",
                one_version(version),
            )
            written += 1
        for stack in selectors.published_stacks():
            _write(directory / "stacks" / f"{stack.slug}.json", one_stack(stack))
            written += 1
        self.stdout.write(f"Wrote {written} {format} files to {directory}.")


def _write(path: Path, document) -> None:
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
