"""Evidence files as assessors download them: identifying metadata removed, a neutral name."""

from django.http import Http404, HttpResponse

from microcred.submissions.blind_copies import CannotClean, strip_identifying_metadata


def cleaned_file(evidence, stem: str) -> HttpResponse:
    """The evidence file without identifying metadata, as an attachment named `stem` plus its
    extension; a file that cannot be cleaned is not served at all."""
    with evidence.file.open("rb") as handle:
        data = handle.read()
    try:
        data = strip_identifying_metadata(data, evidence.content_type)
    except CannotClean:
        raise Http404 from None
    name = evidence.original_name
    extension = name.rsplit(".", 1)[-1] if "." in name else "bin"
    response = HttpResponse(data, content_type=evidence.content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response
