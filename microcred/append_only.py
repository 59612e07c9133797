"""Rows written once and never changed: the audit logs of the platform."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst


class AppendOnly(models.Model):
    """A log entry: saved once, then neither changed nor deleted through the ORM."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise self._refused()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise self._refused()

    def _refused(self) -> ValidationError:
        return ValidationError(f"{capfirst(self._meta.verbose_name_plural)} are append-only.")
