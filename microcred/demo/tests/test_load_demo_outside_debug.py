"""The demo's passwords are published, so it is never loaded outside DEBUG."""

import io

import pytest
from django.core.management import CommandError, call_command

from microcred.accounts.models import User


@pytest.mark.django_db
def test_load_demo_refuses_outside_debug_since_it_makes_a_superuser_with_a_published_password():
    with pytest.raises(CommandError, match="runs only with DEBUG=true"):
        call_command("load_demo", stdout=io.StringIO())
    assert not User.objects.exists()
