from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import selectors
from .public import catalog_cards


@require_GET
def home(request):
    latest = selectors.catalog_search("", page_size=6, with_facets=False)
    return render(
        request,
        "home.html",
        {
            "stacks": selectors.published_stacks()[:8],
            "latest": latest,
            "cards": catalog_cards(request, latest.entries),
        },
    )
