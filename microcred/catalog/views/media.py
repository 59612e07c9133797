import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# Uploaded files anyone may see: badge images of micro-credentials and stacks. Evidence
# never lives under these prefixes.
PUBLIC_PREFIXES = ("badges/", "stacks/")


@require_GET
@cache_control(public=True, max_age=86400)
def public_media(request, path):
    if ".." in path.split("/") or not path.startswith(PUBLIC_PREFIXES):
        raise Http404
    try:
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return FileResponse(handle, content_type=content_type)
