"""Questions an app asks of the apps above it, answered by those apps when they load.

Apps import only the apps below them (see docs/architecture.md). When a page or a check
of a lower app needs a fact a higher app owns (can this pool staff a review? how far is
this earner through the stack?), the lower app lists the question here and the higher app
answers it with one of its own functions in its `AppConfig.ready`:

    # catalog/above.py
    answers = Answers(staffing="whether a micro-credential's pool can staff a review")

    # assessment/apps.py, in ready()
    catalog_above.answers.provide(staffing=staffing.staffing)

    # catalog/views/authoring.py
    staffed = above.staffing(version.micro_credential)
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured


class Answers:
    def __init__(self, **questions: str) -> None:
        # name -> what it answers; the answering function once provided.
        self._questions = questions
        self._answers: dict[str, Callable] = {}

    def provide(self, **answers: Callable) -> None:
        unknown = set(answers) - set(self._questions)
        if unknown:
            raise ImproperlyConfigured(f"No one asks {', '.join(sorted(unknown))}.")
        self._answers.update(answers)

    def unanswered(self) -> list[str]:
        return [name for name in self._questions if name not in self._answers]

    def __getattr__(self, name: str) -> Callable:
        try:
            return self.__dict__["_answers"][name]
        except KeyError:
            questions = self.__dict__.get("_questions", {})
            if name in questions:
                raise ImproperlyConfigured(
                    f"Nothing answers {name!r} ({questions[name]}): is its app installed?"
                ) from None
            raise AttributeError(name) from None
