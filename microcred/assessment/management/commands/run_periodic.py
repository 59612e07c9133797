"""Queue the recurring background work: the assignment sweep, reminders, escalations;
and, more often, recover what stopped: tasks whose worker died, unsigned awards, stalled
bulk issues, and (hourly) files that stopped web processes left behind.

`make run` keeps this running beside the worker; a deployment runs it as one small
process, or calls it from cron with --once (which does one round of each).
"""

import time

from django.core.management.base import BaseCommand

from microcred.assessment.tasks import assign_assessors, escalate_overdue, remind_assessors
from microcred.coaching.tasks import remind_cohort_deadlines
from microcred.credentials.issuing import services as credentials
from microcred.operations import services as operations
from microcred.submissions import stray_files
from microcred.submissions.evidence_removal import remove_expired_evidence
from microcred.support.tasks import open_overdue_tickets


class Command(BaseCommand):
    help = "Queue the assignment sweep, assessor reminders and overdue escalation periodically."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=300, help="Seconds between rounds.")
        parser.add_argument(
            "--recover-every",
            type=int,
            default=30,
            help="Seconds between recovery rounds (dead workers' tasks, unsigned awards).",
        )
        parser.add_argument("--once", action="store_true", help="Queue one round and exit.")

    def handle(self, *args, every, recover_every, once, **options):
        if every < 10 or recover_every < 5:
            self.stderr.write("--every must be at least 10 seconds, --recover-every 5.")
            raise SystemExit(2)
        next_round = 0.0
        while True:
            self.recover()
            if time.monotonic() >= next_round:
                self.queue_round()
                next_round = time.monotonic() + every
            if once:
                return
            time.sleep(recover_every)

    def queue_round(self):
        for task in (
            assign_assessors,
            remind_assessors,
            escalate_overdue,
            remind_cohort_deadlines,
            open_overdue_tickets,
            remove_expired_evidence,
        ):
            task.enqueue()
        self.stdout.write(
            "Queued the assignment sweep, reminders, escalations, cohort deadline "
            "reminders, overdue tickets and the evidence retention sweep."
        )

    def recover(self):
        tasks = operations.recover_tasks()
        signing = credentials.sweep_signing()
        if any(tasks.values()) or any(v for k, v in signing.items() if k != "unsigned"):
            self.stdout.write(
                f"Recovered {tasks['requeued']} task(s) of stopped workers "
                f"({tasks['failed']} failed for good); queued {signing['signers_queued']} "
                f"signer(s) for {signing['unsigned']} unsigned award(s); resumed "
                f"{signing['resumed']} bulk issue(s); {signing['finished']} finished."
            )
        swept = stray_files.sweep()
        if any(swept.values()):
            self.stdout.write(
                f"Removed {swept['stored']} stored evidence file(s) without a row and "
                f"{swept['temporary']} temporary upload file(s) left by stopped web processes."
            )
