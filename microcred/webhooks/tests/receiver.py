"""A webhook receiver on loopback, in a thread: it checks every message's signature the
way docs/webhooks.md tells a receiver to, and answers as a test tells it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook


def verify(secret: str, headers: dict, body: bytes) -> dict:
    """The check docs/webhooks.md shows, in plain Python: HMAC-SHA256 of id.timestamp.body
    under the base64 secret after `whsec_`, compared with each `v1,` signature."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    offered = [
        s.split(",", 1)[1] for s in headers["webhook-signature"].split() if s.startswith("v1,")
    ]
    if not any(hmac.compare_digest(expected, s) for s in offered):
        raise ValueError("no signature matches")
    if abs(time.time() - int(headers["webhook-timestamp"])) > 300:
        raise ValueError("the timestamp is too far from now")
    return json.loads(body)


@dataclass
class Received:
    headers: dict
    body: bytes
    path: str


@dataclass
class Receiver:
    """Answers `status` with `answer` (after `delay` seconds); keeps what arrived."""

    status: int = 200
    answer: bytes = b'{"ok": true}'
    delay: float = 0
    extra_headers: dict = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    url: str = ""

    def checked(self, secret: str, *, last: int = 0) -> list[dict]:
        """Every message received (or the last few), each verified by the library and by
        the docs' check."""
        messages = []
        for message in self.received[-last:]:
            Webhook(secret).verify(message.body, message.headers)
            messages.append(verify(secret, message.headers, message.body))
        return messages


def certificate(folder) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1 and its key, as PEM files in `folder`: what a
    receiver inside a network with its own authority would present."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hooks.internal.example")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "receiver.pem", folder / "receiver.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert_path), str(key_path)


def start(receiver: Receiver, host: str = "127.0.0.1", *, tls: tuple[str, str] | None = None):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (the standard library's name)
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            receiver.received.append(
                Received({k.lower(): v for k, v in self.headers.items()}, body, self.path)
            )
            if receiver.delay:
                time.sleep(receiver.delay)
            try:
                self.send_response(receiver.status)
                for name, value in receiver.extra_headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(receiver.answer)))
                self.end_headers()
                self.wfile.write(receiver.answer)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    scheme = "http"
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"{scheme}://{host}:{server.server_address[1]}/hooks"
    return server, thread
