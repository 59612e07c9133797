import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from microcred.accounts.models import User
from microcred.credentials import selectors
from microcred.credentials.formats import baked, ob2
from microcred.credentials.issuing import batch_signing, learner_record
from microcred.credentials.models import Award

# ob2 writes each award's hosted Open Badges 2.0 assertion and its baked PNG beside it.
FORMATS = {
    "ob3": ("credential_json", ".json"),
    "ob3-jwt": ("credential_jwt", ".jwt"),
    "ob2": (None, ".json"),
}
# One learner record (CLR 2.0) per earner instead of one file per credential.
RECORD = "clr"


class Command(BaseCommand):
    help = gettext_lazy(
        "Write every signed award's credential to a folder, one file each; with --format ob2, "
        "the Open Badges 2.0 assertion and the baked PNG badge of every public, unrevoked "
        "award (the others are listed with the reason); with "
        "--format clr, one learner record (CLR 2.0) per earner."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=[*sorted(FORMATS), RECORD], default="ob3")
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
        batch_signing.sign_pending()
        if format == RECORD:
            self._records(folder, issuer)
            return
        if format == "ob2":
            written = self._ob2(folder, issuer)
            self.stdout.write(
                self.style.SUCCESS(
                    ngettext(
                        "%(n)d assertion and baked badge written to %(out)s.",
                        "%(n)d assertions and baked badges written to %(out)s.",
                        written,
                    )
                    % {"n": written, "out": folder}
                )
            )
            return
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
                ngettext(
                    "%(n)d credential written to %(out)s.",
                    "%(n)d credentials written to %(out)s.",
                    written,
                )
                % {"n": written, "out": folder}
            )
        )

    def _records(self, folder: Path, issuer: str | None) -> None:
        """Each earner's record of all their signed, unrevoked credentials (of one issuer's
        earners, with --issuer; the record still holds all of that earner's credentials)."""
        awards = Award.objects.filter(signed_at__isnull=False, revoked_at__isnull=True)
        if issuer:
            awards = awards.filter(issuer__slug=issuer)
        earners = User.objects.filter(pk__in=awards.values("earner_id")).order_by("pk")
        written = 0
        for earner in earners.iterator(chunk_size=100):
            record = learner_record.learner_record(earner, by=None)
            (folder / f"learner-record-{earner.pk}.json").write_text(record.json, encoding="utf-8")
            written += 1
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "%(n)d learner record written to %(out)s.",
                    "%(n)d learner records written to %(out)s.",
                    written,
                )
                % {"n": written, "out": folder}
            )
        )

    def _ob2(self, folder: Path, issuer: str | None) -> int:
        """Only awards whose hosted assertion verifies for anyone: the rest are listed
        with the reason, and no file is written for them."""
        awards = selectors.awards_for_export(issuer=issuer)
        written = 0
        for award in awards.iterator(chunk_size=200):
            reason = selectors.ob2_unavailable_reason(award)
            if reason is not None:
                self.stdout.write(
                    _("Skipped %(id)s: %(reason)s") % {"id": award.public_id, "reason": reason}
                )
                continue
            text = json.dumps(ob2.hosted_assertion(award), indent=2, ensure_ascii=False)
            (folder / f"{award.public_id}.json").write_text(text + "\n", encoding="utf-8")
            (folder / f"{award.public_id}.png").write_bytes(baked.ob2_png(award))
            written += 1
        return written
