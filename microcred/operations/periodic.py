"""The recurring work `run_periodic` does, as each app declares it.

Operations sits below the apps whose work it runs, so it cannot name their tasks: each
app adds its own in its `AppConfig.ready` (`every_round` for tasks queued every round,
`every_recovery` for what is put right every recovery round), in the order of
`INSTALLED_APPS`. Everything added here must be safe to run twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Round:
    # How the command names this work in its summary ("the assignment sweep").
    name: str
    tasks: tuple


ROUNDS: list[Round] = []
# Each returns a line to print when it did something, "" otherwise.
RECOVERIES: list[Callable[[], str]] = []


def every_round(name: str, *tasks) -> None:
    """Queue these tasks every round (`run_periodic --every`, 300 s)."""
    if not any(r.name == name for r in ROUNDS):
        ROUNDS.append(Round(name, tasks))


def every_recovery(recover: Callable[[], str]) -> None:
    """Run `recover` every recovery round (`run_periodic --recover-every`, 30 s)."""
    if recover not in RECOVERIES:
        RECOVERIES.append(recover)
