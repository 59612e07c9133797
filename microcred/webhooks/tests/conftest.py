import pytest

from .receiver import Receiver, start


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
