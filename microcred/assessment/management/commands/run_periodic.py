"""Queue the recurring background work: the assignment sweep, reminders, escalations.

`make run` keeps this running beside the worker; a deployment runs it as one small
process, or calls it from cron with --once.
"""

import time

from django.core.management.base import BaseCommand

from microcred.assessment.tasks import assign_assessors, escalate_overdue, remind_assessors
from microcred.coaching.tasks import remind_cohort_deadlines
from microcred.support.tasks import open_overdue_tickets


class Command(BaseCommand):
    help = "Queue the assignment sweep, assessor reminders and overdue escalation periodically."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=300, help="Seconds between rounds.")
        parser.add_argument("--once", action="store_true", help="Queue one round and exit.")

    def handle(self, *args, every, once, **options):
        if every < 10:
            self.stderr.write("--every must be at least 10 seconds.")
            raise SystemExit(2)
        while True:
            for task in (
                assign_assessors,
                remind_assessors,
                escalate_overdue,
                remind_cohort_deadlines,
                open_overdue_tickets,
            ):
                task.enqueue()
            self.stdout.write(
                "Queued the assignment sweep, reminders, escalations, cohort deadline "
                "reminders and overdue tickets."
            )
            if once:
                return
            time.sleep(every)
