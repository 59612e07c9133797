import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from microcred.credentials.issuing import batch_signing
from microcred.demo import credit_reports, loader
from microcred.demo import fees as demo_fees

CREATED = {
    "organizations": ngettext_lazy("%(n)d organization", "%(n)d organizations", "n"),
    "people": ngettext_lazy("%(n)d person", "%(n)d people", "n"),
    "topics": ngettext_lazy("%(n)d topic", "%(n)d topics", "n"),
    "micro-credentials": ngettext_lazy("%(n)d micro-credential", "%(n)d micro-credentials", "n"),
    "versions": ngettext_lazy("%(n)d version", "%(n)d versions", "n"),
    "stacks": ngettext_lazy("%(n)d stack", "%(n)d stacks", "n"),
    "cohorts": ngettext_lazy("%(n)d cohort", "%(n)d cohorts", "n"),
    "enrollments": ngettext_lazy("%(n)d enrollment", "%(n)d enrollments", "n"),
    "submissions": ngettext_lazy("%(n)d submission", "%(n)d submissions", "n"),
    "reviews": ngettext_lazy("%(n)d review", "%(n)d reviews", "n"),
    "awards": ngettext_lazy("%(n)d award", "%(n)d awards", "n"),
}


class Command(BaseCommand):
    help = gettext_lazy(
        "Load the demo platform: issuers, micro-credentials, stacks, cohorts, people in every "
        "role and their backpacks. Safe to run again: what exists is kept as it is."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            # The demo's accounts, a superuser among them, have passwords printed in the
            # README: on a real platform they would be anyone's.
            raise CommandError(
                _(
                    "load_demo runs only with DEBUG=true: it makes a superuser and other "
                    "accounts whose passwords are published. On a laptop, run "
                    "`DEBUG=true python manage.py load_demo` (as `make run` does); never on "
                    "a real platform."
                )
            )
        started = time.monotonic()
        summary = loader.load()
        # The demo's awards are signed now, so that they can be exported and verified at
        # once, without waiting for a worker.
        batch_signing.sign_pending()
        seconds = time.monotonic() - started
        if summary.created:
            created = ", ".join(CREATED[what] % {"n": n} for what, n in summary.created.items())
            self.stdout.write(
                self.style.SUCCESS(
                    _("Demo data loaded in %(seconds).1f s: %(created)s.")
                    % {"seconds": seconds, "created": created}
                )
            )
        else:
            self.stdout.write(
                _("Demo data already present; nothing was changed (%(seconds).1f s).")
                % {"seconds": seconds}
            )
        self.stdout.write(
            "\n"
            + _("Demo sign-ins at %(url)s (every account has the same password):")
            % {"url": settings.BASE_URL + reverse("account_login")}
        )
        rows = [(_("Role"), _("E-mail"), _("Password"))]
        rows += [(login.role, login.email, login.password) for login in loader.logins()]
        widths = [max(len(row[column]) for row in rows) for column in range(2)]
        for role, address, password in rows:
            self.stdout.write(f"  {role.ljust(widths[0])}  {address.ljust(widths[1])}  {password}")
        self.stdout.write(
            _(
                "Platform staff must sign in with two-factor authentication: the staff "
                "account is asked to set up an authenticator app at its first sign-in."
            )
        )
        self.stdout.write("\n" + "\n".join(credit_reports.pointers()))
        self.stdout.write("\n" + "\n".join(demo_fees.pointers()))
        self.stdout.write(
            "\n"
            + _(
                "Organizations run their own people: the district admin at %(members)s, "
                "Lakeview's issuer admin at %(pool)s (assessor pool) and %(issuer)s (members)"
            )
            % {
                "members": settings.BASE_URL
                + reverse("people:members", args=["riverbend-unified"]),
                "pool": settings.BASE_URL
                + reverse("assessment:pool", args=["lakeview-college-of-education"]),
                "issuer": settings.BASE_URL
                + reverse("people:members", args=["lakeview-college-of-education"]),
            }
        )
