"""Queue the recurring background work: the assignment sweep, reminders, escalations;
and, more often, recover what stopped: tasks whose worker died, unsigned awards, stalled
bulk issues, and (hourly) files that stopped web processes left behind.

Each app declares its own work in `microcred.operations.periodic` when it loads.

`make run` keeps this running beside the worker; a deployment runs it as one small
process, or calls it from cron with --once (which does one round of each).
"""

import time

from django.core.management.base import BaseCommand
from django.utils.text import get_text_list

from microcred.operations import periodic
from microcred.operations import services as operations


class Command(BaseCommand):
    help = "Queue the assignment sweep, reminders and escalations; recover stopped work."

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
        for round_ in periodic.ROUNDS:
            for task in round_.tasks:
                task.enqueue()
        names = [round_.name for round_ in periodic.ROUNDS]
        self.stdout.write(f"Queued {get_text_list(names, 'and')}.")

    def recover(self):
        tasks = operations.recover_tasks()
        if any(tasks.values()):
            self.stdout.write(
                f"Recovered {tasks['requeued']} task(s) of stopped workers "
                f"({tasks['failed']} failed for good)."
            )
        for recover in periodic.RECOVERIES:
            if line := recover():
                self.stdout.write(line)
