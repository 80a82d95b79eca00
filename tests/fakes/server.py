"""A local HTTP(S) server that answers as a third-party API does, for tests of the real clients.

``FakeApi`` binds 127.0.0.1 on a free port (port 0) in a thread; a test gives it routes
(``api.route("POST", "/crm/v3/objects/deals/search", handler)``) whose handlers return
``(status, body)`` with the bodies the real API sends (recorded shapes), and reads back
every request it received (``api.requests``). ``https=True`` serves TLS with a throwaway
certificate for 127.0.0.1, for clients that only speak HTTPS (simple-salesforce): point
``REQUESTS_CA_BUNDLE`` at ``api.ca_file`` so requests trusts it.
"""

import datetime
import json
import re
import ssl
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import IPv4Address
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass
class Received:
    """A request the fake API received."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body or b"null")

    @property
    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode())


Handler = Callable[[Received], tuple[int, object]]


@dataclass
class FakeApi:
    https: bool = False
    routes: list[tuple[str, re.Pattern, Handler]] = field(default_factory=list)
    requests: list[Received] = field(default_factory=list)
    ca_file: str = ""

    def route(self, method: str, path_pattern: str, handler: Handler | tuple[int, object]) -> None:
        """Answer ``method`` on paths matching ``path_pattern`` (a regex, anchored) with ``handler``."""
        respond = handler if callable(handler) else (lambda _request, answer=handler: answer)
        self.routes.insert(0, (method, re.compile(path_pattern + r"\Z"), respond))

    def start(self) -> "FakeApi":
        api = self

        class RequestHandler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                received = Received(
                    method=self.command,
                    path=parts.path,
                    query=parse_qs(parts.query),
                    headers={key.lower(): value for key, value in self.headers.items()},
                    body=self.rfile.read(length) if length else b"",
                )
                api.requests.append(received)
                for method, pattern, respond in api.routes:
                    if method == self.command and pattern.match(parts.path):
                        status, body = respond(received)
                        break
                else:
                    status, body = 404, {"message": f"No fake route for {self.command} {parts.path}"}
                payload = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json" if not isinstance(body, bytes) else "text/plain")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

            def log_message(self, *args) -> None:  # keep the test output clean
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
        if self.https:
            self.ca_file = _certificate_for_localhost(self.server)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"{'https' if self.https else 'http'}://{host}:{port}"

    def received(self, method: str, path_pattern: str) -> list[Received]:
        pattern = re.compile(path_pattern + r"\Z")
        return [request for request in self.requests if request.method == method and pattern.match(request.path)]


def _certificate_for_localhost(server: ThreadingHTTPServer) -> str:
    """A self-signed certificate for 127.0.0.1, wrapped around the server's socket; returns its PEM file."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    # OpenSSL checks validity against the real clock, not the tests' stopped one: make it wide.
    not_before = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    not_after = datetime.datetime(2099, 12, 31, tzinfo=datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder = Path(tempfile.mkdtemp(prefix="cascade-fake-api-"))
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    return str(cert_file)
