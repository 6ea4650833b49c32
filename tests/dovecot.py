"""A real IMAP server for the tests: Debian's Dovecot, started on 127.0.0.1 in a folder of its own, any password."""

import getpass
import grp
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import SecretStr

from fakes.smtp_relay import free_port
from tests.programs import installed

PASSWORD = "mot-de-passe-de-test"


@dataclass(frozen=True)
class Dovecot:
    host: str
    port: int
    home: Path

    def settings(self, user: str) -> dict:
        """The settings of orientest for `user`'s mailbox (each test its own)."""
        return {
            "imap_host": self.host,
            "imap_port": self.port,
            "imap_security": "none",
            "imap_username": user,
            "imap_password": SecretStr(PASSWORD),
            "imap_timeout": 10.0,
        }


def start(folder: Path) -> tuple[Dovecot, subprocess.Popen]:
    binary = shutil.which("dovecot") or _sbin()
    port = free_port()
    home = folder / "boites"
    if os.getuid() == 0:  # Dovecot gives no mailbox to root: nobody's, as Debian's own users run the services
        uid, gid, users = 65534, 65534, ("dovecot", "dovenull", "dovecot")
        home = Path(tempfile.mkdtemp(prefix="orientest-boites-"))  # pytest's folders are closed to nobody
        os.chmod(home, 0o755)
        os.chown(home, uid, gid)
    else:
        home.mkdir(parents=True)
        uid, gid, user = os.getuid(), os.getgid(), getpass.getuser()
        users = (user, user, grp.getgrgid(gid).gr_name)
    config = folder / "dovecot.conf"
    config.write_text(
        f"""
base_dir = {folder}/run
state_dir = {folder}/etat
log_path = {folder}/dovecot.log
default_internal_user = {users[0]}
default_login_user = {users[1]}
default_internal_group = {users[2]}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {{
  driver = static
  args = password={PASSWORD}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={home}/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
""",
        encoding="utf-8",
    )
    process = subprocess.Popen([binary, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return Dovecot("127.0.0.1", port, home), process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log = (folder / "dovecot.log").read_text() if (folder / "dovecot.log").exists() else ""
                raise RuntimeError(f"Dovecot n'a pas démarré : {process.stderr.read().decode()} {log}") from None
            time.sleep(0.1)


def _sbin() -> str:
    """Debian puts Dovecot in /usr/sbin, outside a user's PATH."""
    if Path("/usr/sbin/dovecot").exists():
        return "/usr/sbin/dovecot"
    return installed(("dovecot",), "dovecot-imapd")


@pytest.fixture(scope="session")
def dovecot(tmp_path_factory):
    server, process = start(tmp_path_factory.mktemp("dovecot"))
    yield server
    process.terminate()
    process.wait(timeout=30)
    shutil.rmtree(server.home, ignore_errors=True)
