from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from microcred.assessment.views.service_level import service_level_report
from microcred.catalog import authoring_urls
from microcred.catalog.views.home import home
from microcred.catalog.views.media import public_media

admin.site.site_header = "microcred administration"
# Staff sign in through the site's own sign-in page, with its limits and second factor.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", home, name="home"),
    path("", include("microcred.credentials.urls")),
    path("", include("microcred.reports.urls")),
    path("", include("microcred.catalog.urls")),
    # The authoring pages are the catalog's, beside the service-level figures that the
    # assessment app keeps; the catalog sits below assessment, so they are joined here.
    path(
        "author/",
        include(
            (
                [
                    path("service-level/", service_level_report, name="service_level"),
                    *authoring_urls.urlpatterns,
                ],
                authoring_urls.app_name,
            )
        ),
    ),
    path("backpack/", include("microcred.backpack.urls")),
    path("payments/", include("microcred.payments.urls")),
    path("submissions/", include("microcred.submissions.urls")),
    path("duplicates/", include("microcred.submissions.duplicates.urls")),
    path("assessor/", include("microcred.assessment.urls")),
    path("notifications/", include("microcred.notifications.urls")),
    path("cohorts/", include("microcred.coaching.urls")),
    path("help/", include("microcred.support.urls")),
    path("federation/", include("microcred.federation.urls")),
    path("", include("microcred.webhooks.urls")),
    path("", include("microcred.people.urls")),
    path("", include("microcred.connect.urls")),
    path("", include("microcred.api.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("media/<path:path>", public_media, name="public_media"),
    path("", include("microcred.operations.urls")),
]

handler500 = "microcred.operations.views.server_error"
