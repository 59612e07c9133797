# ruff: noqa: E501  (the matrix is a table: one URL pattern a line)
"""Who may open what: every URL pattern of the platform, asked by every kind of person.

Each line of MATRIX is one URL pattern (by its name), the method that exercises it, what
each person gets, and where its URL's arguments come from: a path into the world of
tests/access/world.py (`public_id="award.public_id"`) or a quoted literal
(`kind="'text'"`). Answers:

    ok   the page, or a redirect to somewhere other than sign-in
    in   sent to sign in
    400  the request reached the page and what was sent was refused (an empty form)
    401  an API without a credential
    403  refused: signed in, not allowed
    404  not found, for someone who must not learn that it exists
    405  the method is not taken

Columns, in order: anonymous; an earner and another earner of the same district; an
assessor reviewing the earner's submission and another assessor of the same pool with no
part in it; a facilitator of the issuer; the issuer's admin and another issuer's; the
district's admin and another district's; the admin of the district's state; platform
staff. A new URL pattern needs a line here: the platform's own pages one each, another
project's (allauth under accounts/, the Django admin, Django's i18n) one line for each
page listed in THIRD_PARTY under their include's prefix.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.access.matrix import GET, POST, key_of, outcome, project_patterns
from tests.access.world import ROLES, build

# fmt: off
MATRIX = {
    #                                           anon earn ear2 asr  asr2 fac  iss  iss2 dis  dis2 stat staf
    "home":                                GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "credentials:did_document":            GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="issuer.slug"),
    "credentials:status_list":             GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", pk="status_list.pk"),
    "credentials:achievement":             GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="mc.slug", number="version.number"),
    "credentials:badge":                   GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", public_id="award.public_id"),
    "credentials:badge_credential":        GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", public_id="award.public_id"),
    "credentials:badge_jwt":               GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", public_id="award.public_id"),
    "credentials:revoke":                  POST("in   403  403  403  403  403  400  403  403  403  403  400", public_id="award.public_id"),
    "credentials:badge_privacy":           POST("in   400  403  403  403  403  403  403  403  403  403  403", public_id="award.public_id"),
    "credentials:record":                  GET("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "credentials:ob2_assertion":           GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", public_id="award.public_id"),
    "credentials:ob2_baked_png":           GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", public_id="award.public_id"),
    "credentials:ob2_baked_svg":           GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", public_id="award.public_id"),
    "credentials:ob3_baked_png":           GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", public_id="award.public_id"),
    "credentials:ob3_baked_svg":           GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", public_id="award.public_id"),
    "credentials:ob2_issuer":              GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="issuer.slug"),
    "credentials:ob2_revocations":         GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="issuer.slug"),
    "credentials:ob2_badge":               GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="mc.slug", number="version.number"),
    "credentials:ob2_badge_image":         GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="mc.slug", number="version.number"),
    "credentials:ob2_stack_badge":         GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="stack.slug"),
    "credentials:ob2_stack_badge_image":   GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="stack.slug"),
    "credentials:verify":                  GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "credentials:api_verify_credential":   POST("400  400  400  400  400  400  400  400  400  400  400  400"),
    "credentials:api_verify_presentation": POST("400  400  400  400  400  400  400  400  400  400  400  400"),
    "credentials:api_issue_credential":    POST("401  401  401  401  401  401  401  401  401  401  401  401"),
    "credentials:issuer_credentials":      GET("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug"),
    "reports:certificate":                 GET("in   ok   403  403  403  403  ok   403  ok   403  ok   ok", public_id="award.public_id"),
    "reports:transcript":                  GET("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "reports:organizations":               GET("in   403  403  403  403  403  403  403  ok   ok   ok   403"),
    "reports:educators":                   GET("in   403  403  403  403  403  403  403  ok   403  403  403", slug="district.slug"),
    "reports:open_record":                 POST("in   403  403  403  403  403  403  403  400  403  403  403", slug="district.slug"),
    "reports:openings":                    GET("in   403  403  403  403  403  403  403  ok   403  403  403", slug="district.slug"),
    "reports:educator_transcript":         GET("in   403  403  403  403  403  403  403  ok   403  403  403", slug="district.slug", user_id="earner.pk"),
    "catalog:index":                       GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "catalog:micro_credential":            GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="mc.slug"),
    "catalog:stacks":                      GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "federation:ctdl_catalog":             GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "federation:ctdl_issuer":              GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="issuer.slug"),
    "federation:ctdl_micro_credential":    GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="mc.slug"),
    "federation:ctdl_stack":               GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="stack.slug"),
    "federation:ob3_catalog":              GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "federation:ob3_micro_credential":     GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="mc.slug"),
    "federation:ob3_stack":                GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="stack.slug"),
    "federation:frameworks":               GET("in   403  403  403  403  403  ok   ok   403  403  403  ok"),
    "federation:catalogs":                 GET("in   403  403  403  403  403  ok   ok   403  403  403  ok"),
    "federation:pick_for_version":         POST("in   403  403  403  403  403  400  403  403  403  403  400", pk="draft_version.pk"),
    "federation:pick_for_stack":           POST("in   403  403  403  403  403  400  403  403  403  403  400", pk="stack.pk"),
    "federation:registry":                 GET("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug"),
    "catalog:stack":                       GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="stack.slug"),
    "catalog:issuer":                      GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="issuer.slug"),
    "author:service_level":                GET("in   403  403  403  403  403  ok   ok   ok   ok   ok   ok"),
    "author:workspace":                    GET("in   403  403  403  403  403  ok   ok   403  403  403  ok"),
    "author:version":                      GET("in   403  403  403  403  403  ok   403  403  403  403  ok", pk="draft_version.pk"),
    "author:save_details":                 POST("in   403  403  403  403  403  400  403  403  403  403  400", pk="draft_version.pk"),
    "author:add_requirement":              POST("in   403  403  403  403  403  400  403  403  403  403  400", pk="draft_version.pk"),
    "author:add_criterion":                POST("in   403  403  403  403  403  400  403  403  403  403  400", pk="draft_version.pk", requirement_pk="draft_version_requirement.pk"),
    "author:add_resource":                 POST("in   403  403  403  403  403  400  403  403  403  403  400", pk="draft_version.pk"),
    "author:add_alignment":                POST("in   403  403  403  403  403  400  403  403  403  403  400", pk="draft_version.pk"),
    "author:remove_part":                  POST("in   403  403  403  403  403  ok   403  403  403  403  ok", pk="draft_version.pk", kind="'requirement'", part_pk="draft_version_requirement.pk"),
    "author:submit_for_review":            POST("in   403  403  403  403  403  ok   403  403  403  403  ok", pk="draft_version.pk"),
    "author:return_to_draft":              POST("in   403  403  403  403  403  ok   403  403  403  403  ok", pk="draft_version.pk"),
    "author:publish":                      POST("in   403  403  403  403  403  ok   403  403  403  403  ok", pk="draft_version.pk"),
    "author:retire":                       POST("in   403  403  403  403  403  ok   403  403  403  403  ok", pk="version.pk"),
    "author:start_revision":               POST("in   403  403  403  403  403  ok   403  403  403  403  ok", pk="version.pk"),
    "author:stack_new":                    GET("in   403  403  403  403  403  ok   403  403  403  403  ok", issuer_slug="issuer.slug"),
    "author:stack":                        GET("in   403  403  403  403  403  ok   403  403  403  403  ok", pk="stack.pk"),
    "author:stack_alignment_add":          POST("in   403  403  403  403  403  400  403  403  403  403  400", pk="stack.pk"),
    "author:stack_alignment_remove":       POST("in   403  403  403  403  403  ok   403  403  403  403  ok", pk="stack.pk", alignment_pk="stack_alignment.pk"),
    "author:stack_publish":                POST("in   403  403  403  403  403  ok   403  403  403  403  ok", pk="stack.pk"),
    "author:cohort_new":                   GET("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="cohort_mc.slug"),
    "author:cohort_edit":                  GET("in   403  403  403  403  403  ok   403  403  403  403  ok", pk="cohort.pk"),
    "backpack:home":                       GET("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "backpack:enroll":                     POST("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="cohort_mc.slug"),
    "payments:webhook":                    POST("404  404  404  404  404  404  404  404  404  404  404  404"),
    "payments:fees":                       GET("in   403  403  403  403  403  403  403  ok   403  403  ok", slug="district.slug"),
    "payments:voucher_codes":              GET("in   403  403  403  403  403  403  403  ok   403  403  ok", slug="district.slug", batch_id="vouchers.pk"),
    "payments:decide_sponsorship":         POST("in   403  403  403  403  403  403  403  ok   403  403  ok", slug="district.slug", request_id="sponsorship.pk"),
    "payments:sponsorship_policy":         POST("in   403  403  403  403  403  403  403  ok   403  403  ok", slug="district.slug"),
    "payments:mark_invoice_paid":          POST("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug", invoice_id="invoice.pk"),
    "payments:cancel_invoice":             POST("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug", invoice_id="invoice.pk"),
    "submissions:start":                   POST("in   ok   404  404  404  404  404  404  404  404  404  404", enrollment_id="enrollment.pk"),
    "submissions:detail":                  GET("in   ok   404  404  404  404  404  404  404  404  404  404", reference="draft.reference"),
    "submissions:add_link":                POST("in   400  404  404  404  404  404  404  404  404  404  404", reference="draft.reference", requirement_id="requirement.pk"),
    "submissions:add_file":                POST("in   400  404  404  404  404  404  404  404  404  404  404", reference="draft.reference", requirement_id="requirement.pk"),
    "submissions:save_text":               POST("in   ok   404  404  404  404  404  404  404  404  404  404", reference="draft.reference", requirement_id="requirement.pk", kind="'text'"),
    "submissions:evidence_file":           GET("in   ok   404  404  404  404  404  404  404  404  404  404", reference="draft.reference", evidence_id="evidence.pk"),
    "submissions:remove_evidence":         POST("in   ok   404  404  404  404  404  404  404  404  404  404", reference="draft.reference", evidence_id="evidence.pk"),
    "submissions:collaboration":           POST("in   400  404  404  404  404  404  404  404  404  404  404", reference="draft.reference"),
    "submissions:pay_voucher":             POST("in   ok   404  404  404  404  404  404  404  404  404  404", reference="draft.reference"),
    "submissions:request_sponsorship":     POST("in   ok   404  404  404  404  404  404  404  404  404  404", reference="draft.reference"),
    "submissions:pay_card":                POST("in   ok   404  404  404  404  404  404  404  404  404  404", reference="draft.reference"),
    "submissions:request_invoice":         POST("in   ok   404  404  404  404  404  404  404  404  404  404", reference="draft.reference"),
    "submissions:submit":                  POST("in   ok   404  404  404  404  404  404  404  404  404  404", reference="draft.reference"),
    "submissions:withdraw":                POST("in   ok   404  404  404  404  404  404  404  404  404  404", reference="in_review.reference"),
    "duplicates:list":                     GET("in   403  403  403  403  403  ok   ok   ok   ok   ok   ok"),
    "duplicates:flag":                     GET("in   403  403  403  403  403  ok   403  403  403  403  ok", pk="flag.pk"),
    "duplicates:clear":                    POST("in   403  403  403  403  403  400  403  403  403  403  400", pk="flag.pk"),
    "duplicates:ask":                      POST("in   403  403  403  403  403  400  403  403  403  403  400", pk="flag.pk"),
    "duplicates:explain":                  GET("in   ok   ok   404  404  404  404  404  404  404  404  404", pk="flag.pk"),
    "assessment:queue":                    GET("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "assessment:review":                   GET("in   404  404  ok   404  404  404  404  404  404  404  404", pk="assignment.pk"),
    "assessment:accept":                   POST("in   404  404  ok   404  404  404  404  404  404  404  404", pk="assignment.pk"),
    "assessment:decline":                  POST("in   404  404  ok   404  404  404  404  404  404  404  404", pk="assignment.pk"),
    "assessment:evidence":                 GET("in   404  404  ok   404  404  404  404  404  404  404  404", pk="assignment.pk", evidence_id="review_evidence.pk"),
    "assessment:calibration":              GET("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "assessment:calibration_start":        POST("in   403  403  ok   ok   403  403  403  403  403  403  403", mc_pk="review_mc.pk"),
    "assessment:calibration_attempt":      GET("in   404  404  404  ok   404  404  404  404  404  404  404", pk="attempt.pk"),
    "assessment:calibration_evidence":     GET("in   404  404  404  404  404  404  404  404  404  404  404", pk="attempt.pk", evidence_id="review_evidence.pk"),
    "assessment:anchors":                  GET("in   403  403  403  403  403  ok   403  403  403  403  ok", mc_pk="review_mc.pk"),
    "assessment:anchor_new":               GET("in   403  403  403  403  403  ok   403  403  403  403  ok", mc_pk="review_mc.pk"),
    "assessment:pool":                     GET("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug"),
    "assessment:pool_invite":              POST("in   403  403  403  403  403  400  403  403  403  403  400", slug="issuer.slug"),
    "assessment:pool_invitation_resend":   POST("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug", pk="pool_invitation.pk"),
    "assessment:pool_invitation_revoke":   POST("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug", pk="pool_invitation.pk"),
    "assessment:pool_member":              GET("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug", pk="pool_member.pk"),
    "assessment:pool_member_remove":       GET("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug", pk="pool_member.pk"),
    "assessment:reliability":              GET("in   403  403  403  403  403  ok   ok   ok   ok   ok   ok"),
    "assessment:reliability_detail":       GET("in   403  403  403  403  403  ok   403  403  403  403  ok", mc_pk="review_mc.pk"),
    "assessment:reliability_export":       GET("in   403  403  403  403  403  ok   403  403  403  403  ok", mc_pk="review_mc.pk"),
    "notifications:inbox":                 GET("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "notifications:mark_all_read":         POST("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "coaching:cohorts":                    GET("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "coaching:cohort":                     GET("in   404  404  404  404  ok   ok   404  404  404  404  ok", cohort_id="cohort.pk"),
    "coaching:deadline":                   POST("in   404  404  404  404  400  400  404  404  404  404  400", cohort_id="cohort.pk"),
    "coaching:draft":                      GET("in   404  404  404  404  ok   ok   404  404  404  404  ok", cohort_id="cohort.pk", reference="cohort_draft.reference"),
    "coaching:comment":                    POST("in   404  404  404  404  400  403  404  404  404  404  403", cohort_id="cohort.pk", reference="cohort_draft.reference", requirement_id="cohort_requirement.pk"),
    "coaching:evidence_file":              GET("in   404  404  404  404  ok   ok   404  404  404  404  ok", cohort_id="cohort.pk", reference="cohort_draft.reference", evidence_id="cohort_evidence.pk"),
    "coaching:reply":                      POST("in   ok   404  404  404  404  404  404  404  404  404  404", reference="cohort_draft.reference", requirement_id="cohort_requirement.pk"),
    "support:home":                        GET("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "support:new":                         GET("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "support:desk":                        GET("in   403  403  403  403  403  ok   ok   403  403  403  ok"),
    "support:ticket":                      GET("in   ok   404  404  404  404  ok   404  404  404  404  ok", pk="ticket.pk"),
    "support:reply":                       POST("in   400  404  404  404  404  400  404  404  404  404  400", pk="ticket.pk"),
    "support:solved":                      POST("in   ok   404  404  404  404  ok   404  404  404  404  ok", pk="ticket.pk"),
    "webhooks:endpoints":                  GET("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug"),
    "webhooks:endpoint":                   GET("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug", pk="webhook_endpoint.pk"),
    "webhooks:edit":                       GET("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug", pk="webhook_endpoint.pk"),
    "webhooks:rotate_secret":              POST("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug", pk="webhook_endpoint.pk"),
    "webhooks:send_test":                  POST("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug", pk="webhook_endpoint.pk"),
    "webhooks:set_enabled":                POST("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug", pk="webhook_endpoint.pk"),
    "webhooks:remove":                     GET("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug", pk="webhook_endpoint.pk"),
    "webhooks:retry":                      POST("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug", pk="webhook_endpoint.pk", delivery_pk="webhook_delivery.pk"),
    "people:invitation":                   GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", token="invitation_token"),
    "people:download_data":                POST("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "people:delete_account":               GET("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "people:profile":                      GET("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "people:join":                         POST("in   400  400  400  400  400  400  400  400  400  400  400"),
    "people:leave":                        GET("in   ok   ok   404  404  404  404  404  404  404  404  404", slug="district.slug", role="'earner'"),
    "people:members":                      GET("in   403  403  403  403  403  403  403  ok   403  403  ok", slug="district.slug"),
    "people:grant":                        POST("in   403  403  403  403  403  403  403  ok   403  403  ok", slug="district.slug"),
    "people:revoke":                       GET("in   403  403  403  403  403  403  403  ok   403  403  ok", slug="district.slug", user_id="earner.pk", role="'earner'"),
    "people:resend_invitation":            POST("in   403  403  403  403  403  403  403  ok   403  403  ok", slug="district.slug", pk="invitation.pk"),
    "people:revoke_invitation":            POST("in   403  403  403  403  403  403  403  ok   403  403  ok", slug="district.slug", pk="invitation.pk"),
    "people:decide_join_request":          POST("in   403  403  403  403  403  403  403  ok   403  403  ok", slug="district.slug", pk="join_request.pk"),
    "people:history":                      GET("in   403  403  403  403  403  403  403  ok   403  403  ok", slug="district.slug"),
    "people:sign_in_rules":                GET("in   403  403  403  403  403  403  403  ok   403  403  ok", slug="district.slug"),
    "people:list_upload":                  GET("in   403  403  403  403  403  403  403  ok   403  403  ok", slug="district.slug"),
    "people:list":                         GET("in   403  403  403  403  403  403  403  ok   403  403  404", slug="district.slug", pk="invitation_list.pk"),
    "people:list_csv":                     GET("in   403  403  403  403  403  403  403  ok   403  403  404", slug="district.slug", pk="invitation_list.pk"),
    "connect:discovery":                   GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "connect:credentials":                 GET("401  401  401  401  401  401  401  401  401  401  401  401"),
    "connect:profile":                     GET("401  401  401  401  401  401  401  401  401  401  401  401"),
    "connect:register":                    POST("400  400  400  400  400  400  400  400  400  400  400  400"),
    "connect:authorize":                   GET("in   400  400  400  400  400  400  400  400  400  400  400"),
    "connect:token":                       POST("400  400  400  400  400  400  400  400  400  400  400  400"),
    "connect:revoke":                      POST("400  400  400  400  400  400  400  400  400  400  400  400"),
    "connect:apps":                        GET("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "connect:disconnect":                  POST("in   404  404  404  404  404  404  404  404  404  404  404", client_id="'nobody'"),
    "connect:api_clients":                 GET("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug"),
    "connect:api_client_revoke":           GET("in   403  403  403  403  403  ok   403  403  403  403  ok", slug="issuer.slug", pk="api_client.pk"),
    "api:micro_credentials":               GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "api:micro_credential":                GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", slug="mc.slug"),
    "api:openapi":                         GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "api:docs":                            GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "api:not_found":                       GET("404  404  404  404  404  404  404  404  404  404  404  404"),
    "connect:held_download":               GET("in   ok   404  404  404  404  404  404  404  404  404  404", pk="held_credential.pk"),
    "connect:held_remove":                 POST("in   ok   404  404  404  404  404  404  404  404  404  404", pk="held_credential.pk"),
    # Assignments and reviews (the REST API answers bearer tokens only: a page session is nobody)
    "api:assignments":                     GET("401  401  401  401  401  401  401  401  401  401  401  401"),
    "api:assignment":                      GET("401  401  401  401  401  401  401  401  401  401  401  401", pk="assignment.pk"),
    "api:assignment_accept":               POST("401  401  401  401  401  401  401  401  401  401  401  401", pk="assignment.pk"),
    "api:assignment_decline":              POST("401  401  401  401  401  401  401  401  401  401  401  401", pk="assignment.pk"),
    "api:assignment_review":               POST("401  401  401  401  401  401  401  401  401  401  401  401", pk="assignment.pk"),
    "api:assignment_evidence":             GET("401  401  401  401  401  401  401  401  401  401  401  401", pk="assignment.pk", evidence_id="review_evidence.pk"),
    # Authoring the catalog, awards and revocation (bearer tokens only)
    "api:authoring_versions":              GET("401  401  401  401  401  401  401  401  401  401  401  401"),
    "api:authoring_micro_credentials":     POST("401  401  401  401  401  401  401  401  401  401  401  401"),
    "api:authoring_version":               GET("401  401  401  401  401  401  401  401  401  401  401  401", pk="version.pk"),
    "api:authoring_image":                 GET("401  401  401  401  401  401  401  401  401  401  401  401", pk="version.pk"),
    "api:authoring_requirements":          POST("401  401  401  401  401  401  401  401  401  401  401  401", pk="version.pk"),
    "api:authoring_requirement":           GET("401  401  401  401  401  401  401  401  401  401  401  401", pk="version.pk", part="requirement.pk"),
    "api:authoring_criteria":              POST("401  401  401  401  401  401  401  401  401  401  401  401", pk="version.pk", part="requirement.pk"),
    "api:authoring_criterion":             GET("401  401  401  401  401  401  401  401  401  401  401  401", pk="version.pk", part="requirement.pk", criterion="'1'"),
    "api:authoring_resources":             POST("401  401  401  401  401  401  401  401  401  401  401  401", pk="version.pk"),
    "api:authoring_resource":              GET("401  401  401  401  401  401  401  401  401  401  401  401", pk="version.pk", part="'1'"),
    "api:authoring_alignments":            POST("401  401  401  401  401  401  401  401  401  401  401  401", pk="version.pk"),
    "api:authoring_alignment":             GET("401  401  401  401  401  401  401  401  401  401  401  401", pk="version.pk", part="'1'"),
    "api:authoring_submit_for_review":     POST("401  401  401  401  401  401  401  401  401  401  401  401", pk="version.pk"),
    "api:authoring_return_to_draft":       POST("401  401  401  401  401  401  401  401  401  401  401  401", pk="version.pk"),
    "api:authoring_publish":               POST("401  401  401  401  401  401  401  401  401  401  401  401", pk="version.pk"),
    "api:authoring_retire":                POST("401  401  401  401  401  401  401  401  401  401  401  401", pk="version.pk"),
    "api:authoring_revision":              POST("401  401  401  401  401  401  401  401  401  401  401  401", pk="version.pk"),
    "api:awards":                          GET("401  401  401  401  401  401  401  401  401  401  401  401"),
    "api:award":                           GET("401  401  401  401  401  401  401  401  401  401  401  401", public_id="award.public_id"),
    "api:award_revoke":                    POST("401  401  401  401  401  401  401  401  401  401  401  401", public_id="award.public_id"),
    "api:cohort_issuance":                 GET("401  401  401  401  401  401  401  401  401  401  401  401", cohort="cohort.pk"),
    "api:cohort_issue":                    POST("401  401  401  401  401  401  401  401  401  401  401  401", cohort="cohort.pk"),
    # Backpack and submissions: bearer tokens only, so every page session is anonymous here.
    "api:enrollments":                     GET("401  401  401  401  401  401  401  401  401  401  401  401"),
    "api:enrollment":                      GET("401  401  401  401  401  401  401  401  401  401  401  401", pk="enrollment.pk"),
    "api:enrollment_submissions":          POST("401  401  401  401  401  401  401  401  401  401  401  401", pk="enrollment.pk"),
    "api:submissions":                     GET("401  401  401  401  401  401  401  401  401  401  401  401"),
    "api:submission":                      GET("401  401  401  401  401  401  401  401  401  401  401  401", reference="draft.reference"),
    "api:submission_answer":               GET("401  401  401  401  401  401  401  401  401  401  401  401", reference="draft.reference", requirement_id="requirement.pk", kind="'text'"),
    "api:submission_links":                POST("401  401  401  401  401  401  401  401  401  401  401  401", reference="draft.reference", requirement_id="requirement.pk"),
    "api:submission_files":                POST("401  401  401  401  401  401  401  401  401  401  401  401", reference="draft.reference", requirement_id="requirement.pk"),
    "api:submission_evidence":             GET("401  401  401  401  401  401  401  401  401  401  401  401", reference="draft.reference", evidence_id="evidence.pk"),
    "api:submission_evidence_file":        GET("401  401  401  401  401  401  401  401  401  401  401  401", reference="draft.reference", evidence_id="evidence.pk"),
    "api:submission_collaboration":        GET("401  401  401  401  401  401  401  401  401  401  401  401", reference="draft.reference"),
    "api:submission_submit":               POST("401  401  401  401  401  401  401  401  401  401  401  401", reference="draft.reference"),
    "api:submission_withdraw":             POST("401  401  401  401  401  401  401  401  401  401  401  401", reference="in_review.reference"),
    # Vouchers, cohorts and reports (bearer tokens only)
    "api:voucher_batches":                 GET("401  401  401  401  401  401  401  401  401  401  401  401", slug="district.slug"),
    "api:voucher_batch":                   GET("401  401  401  401  401  401  401  401  401  401  401  401", slug="district.slug", batch_id="vouchers.pk"),
    "api:vouchers":                        GET("401  401  401  401  401  401  401  401  401  401  401  401", slug="district.slug"),
    "api:cohorts":                         GET("401  401  401  401  401  401  401  401  401  401  401  401"),
    "api:cohort":                          GET("401  401  401  401  401  401  401  401  401  401  401  401", cohort_id="cohort.pk"),
    "api:cohort_deadline":                 GET("401  401  401  401  401  401  401  401  401  401  401  401", cohort_id="cohort.pk", kind="'first_draft'"),
    "api:report_organizations":            GET("401  401  401  401  401  401  401  401  401  401  401  401"),
    "api:report_educators":                GET("401  401  401  401  401  401  401  401  401  401  401  401", slug="district.slug"),
    "api:record_openings":                 GET("401  401  401  401  401  401  401  401  401  401  401  401", slug="district.slug"),
    "api:educator_transcript":             GET("401  401  401  401  401  401  401  401  401  401  401  401", slug="district.slug", user_id="earner.pk"),
    "public_media":                        GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", path="version.image.name"),
    "operations:health":                   GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "operations:security_txt":             GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "account_login":                       GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "account_email":                       GET("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "mfa_index":                           GET("in   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    "admin:index":                         GET("in   in   in   in   in   in   in   in   in   in   in   ok"),
    "set_language":                        GET("ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
}
# fmt: on

# Another project's patterns are answered for by their include's prefix: these pages of
# it stand for the rest, and have their lines in MATRIX.
THIRD_PARTY = {
    "accounts/": ("account_login", "account_email", "mfa_index"),
    "admin/": ("admin:index",),
    "i18n/": ("set_language",),
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per module and process; each test's changes roll back to it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


def test_every_url_pattern_has_a_line_in_the_matrix():
    missing = sorted(
        {
            f"{key} ({route})"
            for route, name, module in project_patterns()
            if (key := key_of(route, name, module, THIRD_PARTY)) not in MATRIX
            and key not in THIRD_PARTY
        }
    )
    assert not missing, "URL patterns without a line in tests/test_access_matrix.py: " + ", ".join(
        missing
    )


def test_every_line_of_the_matrix_is_a_url_pattern():
    known = {name for _, name, _ in project_patterns()}
    assert not sorted(set(MATRIX) - known)


def test_every_third_party_include_is_answered_for():
    for prefix, names in THIRD_PARTY.items():
        assert set(names) <= set(MATRIX), prefix


@pytest.mark.django_db
@pytest.mark.parametrize("name", MATRIX)
def test_each_person_gets_the_answer_the_matrix_gives(name, world):
    row = MATRIX[name]
    url = reverse(name, kwargs=row.url_kwargs(world))
    got = []
    for role in ROLES:
        # Each person asks the world as built: what an earlier one changed is undone.
        with transaction.atomic():
            client = Client()
            if role != "anonymous":
                client.force_login(world.people[role])
            response = client.generic(row.method, url)
            got.append(outcome(response))
            if response.streaming:  # read to the end, which closes the file it serves
                b"".join(response.streaming_content)
            transaction.set_rollback(True)
    mismatches = [
        f"{role}: expected {want}, got {have}"
        for role, want, have in zip(ROLES, row.expected, got, strict=True)
        if want != have
    ]
    assert not mismatches, (
        f"{name} ({row.method} {url}): "
        + "; ".join(mismatches)
        + (f'\n  as a line: {row.method}("{"".join(f"{g:5}" for g in got).rstrip()}")')
    )
