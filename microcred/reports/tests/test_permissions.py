"""Who may pull certificates and transcripts, asked directly."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from microcred import permissions
from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_nobody_is_an_educator_of_an_issuer(earner, issuer):
    MembershipFactory(user=earner, organization=issuer, role=Role.EARNER)
    assert not permissions.is_educator_of(earner, issuer)


def test_a_signed_out_visitor_pulls_no_transcript(earner):
    assert not permissions.can_pull_transcript(AnonymousUser(), earner)


def test_a_deactivated_earner_pulls_not_even_their_own(earner):
    earner.is_active = False
    assert not permissions.can_pull_transcript(earner, earner)


def test_an_assessor_of_a_district_is_not_one_of_its_educators(district, outsider):
    MembershipFactory(user=outsider, organization=district, role=Role.ASSESSOR)
    assert not permissions.is_educator_of(outsider, district)


def test_a_district_admin_of_one_district_is_refused_another_districts_educator(
    district_admin, other_educator
):
    assert not permissions.can_pull_transcript(district_admin, other_educator)
