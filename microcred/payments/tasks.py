from django_tasks import task

from .models import Payment, PaymentStatus
from .providers.base import card_provider


@task()
def refund_card_payment(payment_id: int) -> None:
    """Ask the provider to refund a card payment marked refunded here.

    Safe to run twice: the provider is called with the same reference, and Stripe refuses
    to refund a charge twice.
    """
    payment = Payment.objects.filter(pk=payment_id, status=PaymentStatus.REFUNDED).first()
    provider = card_provider()
    if payment is None or provider is None or not payment.provider_reference:
        return
    provider.refund(payment.provider_reference)
