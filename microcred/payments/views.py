import logging

from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import services
from .providers.base import BadSignature, card_provider

log = logging.getLogger(__name__)

MAX_WEBHOOK_BYTES = 256 * 1024


@csrf_exempt  # the provider signs the request instead; the signature is checked below
@require_POST
def provider_webhook(request):
    provider = card_provider()
    if provider is None:
        return HttpResponse(status=404)
    if len(request.body) > MAX_WEBHOOK_BYTES:
        return HttpResponseBadRequest("Payload too large.")
    try:
        event = provider.parse_webhook(request.body, request.headers)
    except BadSignature:
        log.warning("Refused a payment webhook with a bad signature.")
        return HttpResponseBadRequest("Bad signature.")
    payment = services.record_provider_event(event, provider=provider.name)
    return JsonResponse({"received": True, "payment": payment.pk if payment else None})
