"""Lists come a page at a time: `limit` (1–100, 50 unless asked) and `offset`. The body
holds `count`, `next`, `previous` and `results`; the headers repeat the total
(`X-Total-Count`) and the neighbours as RFC 8288 links (`Link`: first, prev, next,
last), as the Open Badges API does."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.utils.urls import remove_query_param, replace_query_param

# The furthest offset a list answers: far past any list's end, small enough for every database.
MAX_OFFSET = 10_000_000


class Pages(LimitOffsetPagination):
    default_limit = 50
    max_limit = 100

    def _number(self, request, name: str, low: int, high: int, default: int) -> int:
        """A page parameter as sent, or 400 naming it: a wrong value is not silently
        replaced by another."""
        raw = request.query_params.get(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or not low <= value <= high or raw.strip() != raw:
            raise ValidationError(
                {name: [_("A whole number from %(low)s to %(high)s.") % {"low": low, "high": high}]}
            )
        return value

    def get_limit(self, request):
        return self._number(request, self.limit_query_param, 1, self.max_limit, self.default_limit)

    def get_offset(self, request):
        return self._number(request, self.offset_query_param, 0, MAX_OFFSET, 0)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.limit_query_param:
                parameter["schema"] |= {
                    "minimum": 1,
                    "maximum": self.max_limit,
                    "default": self.default_limit,
                }
            else:
                parameter["schema"] |= {"minimum": 0, "maximum": MAX_OFFSET, "default": 0}
        return parameters

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
