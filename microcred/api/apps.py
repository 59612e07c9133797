from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "microcred.api"
    label = "api"
    verbose_name = "REST API"

    def ready(self):
        from microcred.operations import periodic

        from . import schema  # noqa: F401  (registers the OpenAPI scheme of our tokens)
        from .tasks import forget_old_idempotency_keys

        periodic.every_round("old idempotency keys", forget_old_idempotency_keys)
