import pytest

from .receiver import Receiver, certificate, start


@pytest.fixture
def loopback(settings):
    """Webhooks may go to this machine over plain http, as only tests allow."""
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    settings.WEBHOOKS_REQUIRE_HTTPS = False
    settings.WEBHOOKS_TIMEOUT_SECONDS = 2
    return settings


@pytest.fixture
def receiver(loopback):
    receiver = Receiver()
    server, thread = start(receiver)
    yield receiver
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def tls_receiver(loopback, tmp_path):
    """A receiver on loopback over https, with a certificate of its own authority."""
    loopback.WEBHOOKS_REQUIRE_HTTPS = True
    receiver = Receiver()
    receiver.certificate, key = certificate(tmp_path)
    server, thread = start(receiver, tls=(receiver.certificate, key))
    yield receiver
    server.shutdown()
    server.server_close()
    thread.join(5)
