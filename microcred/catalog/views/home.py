from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import selectors


@require_GET
def home(request):
    return render(
        request,
        "home.html",
        {
            "stacks": selectors.published_stacks()[:8],
            "latest": selectors.catalog_search("", page_size=6, with_facets=False),
        },
    )
