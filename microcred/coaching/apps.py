from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "microcred.coaching"
    label = "coaching"
    verbose_name = _("Cohort coaching")

    def ready(self):
        from microcred.operations import periodic
        from microcred.submissions import above as submissions

        from .selectors import deadlines, threads
        from .tasks import remind_cohort_deadlines

        periodic.every_round("cohort deadline reminders", remind_cohort_deadlines)
        submissions.answers.provide(coaching_threads=threads, cohort_deadlines=deadlines)
