"""A certificate authority kept in the state dir (generated once, so devices trust it once) and a server
certificate for 127.0.0.1/localhost (and any extra hosts) signed by it at every start."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class TlsFiles:
    ca_cert: Path
    server_cert: Path
    server_key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.server_cert, self.server_key)
        # No TLS 1.3 session tickets (https://docs.python.org/3/library/ssl.html#ssl.SSLContext.num_tickets): they
        # arrive just after the handshake, while a client such as the `websockets` sync client has its reader thread
        # in the TLS read and its caller writing the upgrade request on the same connection. Python's SSLSocket does
        # not serialize the two and OpenSSL does not support it (https://github.com/python/cpython/issues/151508,
        # https://github.com/miguelgrinberg/python-engineio/issues/461): under load the request was lost and the
        # handshake hung. With nothing sent until the client asks, its reader waits in select(). The cost is no
        # session resumption, which a local sandbox does not need.
        context.num_tickets = 0
        return context

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_cert))


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


CA_KEY_FILE = "ca-key.pem"
CA_VALIDITY = dt.timedelta(days=3650)  # trusted once on a simulator or device; regenerated only when expired
SERVER_VALIDITY = dt.timedelta(days=30)  # re-issued at every start, well under Apple's 825-day limit
# https://support.apple.com/en-us/103769 (requirements for trusted certificates in iOS 13 and macOS 10.15)


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    path.chmod(0o600)


def _load_ca(cert_path: Path, key_path: Path, now: dt.datetime) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """The kept CA, or a new one (written) when missing, unreadable or expiring within a day."""
    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        if isinstance(key, ec.EllipticCurvePrivateKey) and cert.not_valid_after_utc > now + dt.timedelta(days=1):
            return cert, key
    except (OSError, ValueError):
        pass
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name("mobile-backend sandbox CA")
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + CA_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path.parent.mkdir(parents=True, exist_ok=True)
    _write_key(key_path, key)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert, key


def _san(host: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        return x509.DNSName(host)


def create_tls_files(directory: Path, ca_path: Path | None = None, extra_hosts: Sequence[str] = ()) -> TlsFiles:
    """Keeps ca.pem (or ca_path) and its key (directory/ca-key.pem) across runs; writes a fresh server.pem and
    server-key.pem for localhost, 127.0.0.1, ::1 and extra_hosts."""
    directory.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    files = TlsFiles(
        ca_cert=ca_path or directory / "ca.pem",
        server_cert=directory / "server.pem",
        server_key=directory / "server-key.pem",
    )
    ca_cert, ca_key = _load_ca(files.ca_cert, directory / CA_KEY_FILE, now)
    ca_name = ca_cert.subject
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    names = ["localhost", "127.0.0.1", "::1", *(h for h in extra_hosts if h not in ("localhost", "127.0.0.1", "::1"))]
    server_key = ec.generate_private_key(ec.SECP256R1())
    server_cert = (
        x509.CertificateBuilder()
        .subject_name(_name("localhost"))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + SERVER_VALIDITY)
        .add_extension(x509.SubjectAlternativeName([_san(h) for h in names]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, True, False, False, False, False, False, False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(server_key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    files.server_cert.write_bytes(server_cert.public_bytes(serialization.Encoding.PEM))
    _write_key(files.server_key, server_key)
    return files
