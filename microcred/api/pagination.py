"""Lists come a page at a time: `limit` (1–100, 50 unless asked) and `offset`. The body
holds `count`, `next`, `previous` and `results`; the headers repeat the total
(`X-Total-Count`) and the neighbours as RFC 8288 links (`Link`: first, prev, next,
last), as the Open Badges API does."""

from __future__ import annotations

from rest_framework.pagination import LimitOffsetPagination
from rest_framework.utils.urls import remove_query_param, replace_query_param


class Pages(LimitOffsetPagination):
    default_limit = 50
    max_limit = 100

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response["X-Total-Count"] = str(self.count)
        links = self._links()
        if links:
            response["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links)
        return response

    def respond(self, request, items: list, total: int, offset: int, limit: int):
        """A page of a list the view gathered itself (not a queryset)."""
        self.request, self.count, self.offset, self.limit = request, total, offset, limit
        return self.get_paginated_response(items)

    def _links(self) -> list[tuple[str, str]]:
        url = self.request.build_absolute_uri()
        last_offset = max(0, ((self.count - 1) // self.limit) * self.limit) if self.count else 0
        links = [("first", remove_query_param(url, self.offset_query_param))]
        if (previous := self.get_previous_link()) is not None:
            links.append(("prev", previous))
        if (following := self.get_next_link()) is not None:
            links.append(("next", following))
        links.append(("last", replace_query_param(url, self.offset_query_param, last_offset)))
        return links

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["required"] = ["count", "next", "previous", "results"]
        return answer
