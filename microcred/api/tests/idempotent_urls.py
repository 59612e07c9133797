"""A create endpoint for the idempotency tests alone: it numbers what it makes, so a
replay that ran it again would show a new number."""

from django.urls import path
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from microcred.api.idempotency import idempotent
from microcred.connect import scopes

made: list[str] = []


class _Note(serializers.Serializer):
    text = serializers.CharField(max_length=50)


class Notes(APIView):
    scope = scopes.CATALOG_WRITE

    @idempotent
    def post(self, request):
        note = _Note(data=request.data)
        note.is_valid(raise_exception=True)
        made.append(note.validated_data["text"])
        number = len(made)
        return Response(
            {"number": number, "text": note.validated_data["text"]},
            status=status.HTTP_201_CREATED,
            headers={"Location": f"/api/v1/notes/{number}/"},
        )


urlpatterns = [path("api/v1/notes/", Notes.as_view())]
