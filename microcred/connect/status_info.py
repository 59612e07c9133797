"""Errors of the Open Badges 3.0 API as the spec shapes them: Imsx_StatusInfo
(https://www.imsglobal.org/spec/ob/v3p0/#imsx_statusinfo)."""

from __future__ import annotations

from django.http import JsonResponse

# Imsx_CodeMinorFieldValue, by the HTTP status each goes with.
MINOR = {
    400: "invalid_data",
    401: "unauthorizedrequest",
    403: "forbidden",
    404: "not_found",
    405: "not_allowed",
    406: "not_acceptable",
    413: "invalid_data",
    415: "invalid_data",
    500: "internal_server_error",
}


def body(description: str, *, minor: str, major: str = "failure") -> dict:
    return {
        "imsx_codeMajor": major,
        "imsx_severity": "error" if major == "failure" else "status",
        "imsx_description": description,
        "imsx_codeMinor": {
            "imsx_codeMinorField": [
                {"imsx_codeMinorFieldName": "TargetEndSystem", "imsx_codeMinorFieldValue": minor}
            ]
        },
    }


def failure(status: int, description: str, *, minor: str | None = None) -> JsonResponse:
    response = JsonResponse(body(description, minor=minor or MINOR[status]), status=status)
    response["Cache-Control"] = "no-store"
    return response
