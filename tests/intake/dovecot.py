"""A Dovecot IMAP server of the tests' own (issue 16's mailbox poll against the real thing):
loopback only, on free ports, with its config, passwd-file users, Maildirs and logs in a
temporary folder; plain IMAP and IMAPS with a certificate from a throw-away CA.

Where Dovecot is not installed the tests that use it skip, or fail under
TAKT_REQUIRE_SERVICES=1 (`.ci/services` installs it, without starting a system one).
"""

from __future__ import annotations

import contextlib
import datetime
import imaplib
import ipaddress
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.conftest import service_missing

START_S = 15.0  # an upper bound for a start that takes a fraction of a second


def _executable() -> str | None:
    return shutil.which("dovecot") or next(
        (p for p in ("/usr/sbin/dovecot",) if Path(p).exists()), None
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _accepting(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def _write_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A CA, and a server certificate it signs for 127.0.0.1 and localhost: (ca, cert, key)."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Takt test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


@dataclass(frozen=True)
class Account:
    """One mailbox on the server: its login, and a client to put mail in and read flags."""

    server: Dovecot
    user: str
    password: str

    @contextlib.contextmanager
    def client(self) -> Iterator[imaplib.IMAP4]:
        client = imaplib.IMAP4("127.0.0.1", self.server.port, timeout=10)
        try:
            client.login(self.user, self.password)
            status, _ = client.select("INBOX")
            assert status == "OK"
            yield client
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                client.logout()

    def append(self, *mails: bytes, seen: bool = False) -> None:
        """Deliver `mails` into the INBOX (IMAP APPEND, as a mail client would file them)."""
        with self.client() as client:
            for raw in mails:
                status, data = client.append("INBOX", "(\\Seen)" if seen else None, None, raw)
                assert status == "OK", data

    def deliver(self, raw: bytes) -> None:
        """Drop `raw` into the Maildir as a delivery agent does (tmp/, then new/): bytes
        APPEND would refuse, a NUL, reach the mailbox this way."""
        with self.client():
            pass  # the first login makes the Maildir
        maildir = self.server.folder / "home" / self.user / "Maildir"
        name = f"{time.time_ns()}.{uuid.uuid4().hex}.takt-test"
        staged = maildir / "tmp" / name
        staged.write_bytes(raw)
        owner = maildir.stat()
        os.chown(staged, owner.st_uid, owner.st_gid)
        staged.rename(maildir / "new" / name)

    def set_unseen(self, uid: int) -> None:
        with self.client() as client:
            client.uid("STORE", str(uid), "-FLAGS", "(\\Seen)")

    def flags(self) -> dict[int, set[str]]:
        """Every mail's flags by UID, read without changing them."""
        with self.client() as client:
            status, data = client.uid("FETCH", "1:*", "(FLAGS)")
            assert status == "OK", data
        found: dict[int, set[str]] = {}
        for line in data:
            if not isinstance(line, bytes):
                continue
            parsed = imaplib.ParseFlags(line)
            uid = line.split(b"UID ", 1)[1].split()[0].rstrip(b")")
            found[int(uid)] = {flag.decode() for flag in parsed}
        return found

    def unseen(self) -> set[int]:
        return {uid for uid, flags in self.flags().items() if "\\Seen" not in flags}


class Dovecot:
    """`dovecot -F -c CONF` in a temporary folder; `stop` and `start` keep its ports."""

    def __init__(self, executable: str, folder: Path) -> None:
        self.executable = executable
        self.folder = folder
        self.port = _free_port()
        self.ssl_port = _free_port()
        self.ca_file, cert, key = _write_certificates(folder)
        # One passwd file a user: Dovecot reads a changed file at most once a second.
        self._users = folder / "users"
        self._users.mkdir()
        self._log = folder / "dovecot.log"
        self._process: subprocess.Popen[bytes] | None = None
        home = folder / "home"
        home.mkdir()
        if os.geteuid() == 0:
            # Dovecot refuses to open mail as root: the packaged `dovecot` user owns it.
            owner = pwd.getpwnam("dovecot")
            uid, gid, login = owner.pw_uid, owner.pw_gid, ""
            os.chown(home, uid, gid)
            folder.chmod(0o755)  # the mail processes reach their homes through it
        else:
            # Rootless: every Dovecot process runs as this user, without a chroot.
            me = pwd.getpwuid(os.geteuid()).pw_name
            uid, gid = os.geteuid(), os.getegid()
            login = (
                f"default_login_user = {me}\ndefault_internal_user = {me}\n"
                "service imap-login {\n  chroot =\n}\n"
            )
        self.config = folder / "dovecot.conf"
        self.config.write_text(
            f"""base_dir = {folder}/run
state_dir = {folder}/state
log_path = {self._log}
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain
auth_failure_delay = 0
first_valid_uid = 1
mail_location = maildir:{home}/%u/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self._users}/%u
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={home}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.ssl_port}
    ssl = yes
  }}
}}
# No growing delay after failed logins from 127.0.0.1 (the wrong-password test).
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
{login}"""
        )

    def start(self) -> None:
        self._process = subprocess.Popen(
            [self.executable, "-F", "-c", str(self.config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: `stop` ends all of it
        )
        deadline = time.monotonic() + START_S
        while not (_accepting(self.port) and _accepting(self.ssl_port)):
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                service_missing(f"dovecot did not start on port {self.port}: {self.log()}")
            time.sleep(0.02)  # polling a starting process's port, bounded by the deadline

    def stop(self) -> None:
        """Gone at once, master and every process it started, as in a crash (a graceful
        stop waits up to 10 s for its clients)."""
        if self._process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.communicate(timeout=START_S)
        self._process = None

    def log(self) -> str:
        text = self._log.read_text(errors="replace") if self._log.exists() else ""
        if self._process is not None and self._process.stderr and self._process.poll() is not None:
            text += self._process.stderr.read().decode(errors="replace")
        return text[-2000:]

    def account(self) -> Account:
        """A new user with an empty INBOX (the passwd file is read again at each login)."""
        user = f"takt-{uuid.uuid4().hex[:8]}@example.com"
        password = uuid.uuid4().hex
        (self._users / user).write_text(f"{user}:{{PLAIN}}{password}\n")
        return Account(self, user, password)


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    executable = _executable()
    if executable is None:
        service_missing("no dovecot to start (apt-get install dovecot-imapd)")
        return
    # Not under pytest's tmp_path: its parents are private to root, and the mail
    # processes run as the `dovecot` user.
    folder = Path(tempfile.mkdtemp(prefix="takt-dovecot-"))
    server = Dovecot(executable, folder)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
