"""Real servers for the deploy tests, on 127.0.0.1 only: OpenSSH and nginx."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from layanan.emit import nginx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")


@dataclass
class SSHServer:
    port: int
    key: Path
    process: subprocess.Popen

    @property
    def ssh_command(self) -> str:
        return (
            f"ssh -p {self.port} -i {self.key} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
            "-o BatchMode=yes -o LogLevel=ERROR"
        )

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start_sshd(folder: Path) -> SSHServer:
    """sshd on a free port of 127.0.0.1 that accepts one key generated here."""
    folder.mkdir(parents=True, exist_ok=True)
    host_key, client_key = folder / "host_ed25519", folder / "client_ed25519"
    for key in (host_key, client_key):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    shutil.copy(f"{client_key}.pub", folder / "authorized_keys")
    port = free_port()
    config = folder / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_key}\nAuthorizedKeysFile {folder}/authorized_keys\n"
        "PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        f"UsePAM no\nStrictModes no\nPidFile {folder}/sshd.pid\nSubsystem sftp internal-sftp\n",
        encoding="utf-8",
    )
    Path("/run/sshd").mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", str(config)], stderr=subprocess.DEVNULL)
    wait_for_port(port)
    return SSHServer(port, client_key, process)


@dataclass
class NginxServer:
    https_port: int
    http_port: int
    config: Path
    error_log: Path

    def stop(self) -> None:
        subprocess.run(["nginx", "-c", str(self.config), "-e", str(self.error_log), "-s", "stop"], check=False)


def certificate(folder: Path, domain: str) -> tuple[Path, Path]:
    """A self-signed test certificate and its key for ``domain``."""
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={domain}",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def run_nginx(folder: Path, server_conf: str, https_port: int = 0, http_port: int = 0) -> NginxServer:
    """nginx running one shipped server block, its listen lines on 127.0.0.1: the given ports, or free ones."""
    https_port, http_port = https_port or free_port(), http_port or free_port()
    server_conf = server_conf.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    server_conf = server_conf.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    server_conf = server_conf.replace(
        "listen 443 ssl default_server;", f"listen 127.0.0.1:{https_port} ssl default_server;"
    )
    server_conf = server_conf.replace("listen 80 default_server;", f"listen 127.0.0.1:{http_port} default_server;")
    server_conf = "\n".join(line for line in server_conf.splitlines() if "listen [::]" not in line)
    (folder / "site.conf").write_text(server_conf, encoding="utf-8")
    error_log = folder / "error.log"
    config = folder / "nginx.conf"
    config.write_text(
        f"user root;\nworker_processes 1;\npid {folder}/nginx.pid;\nerror_log {error_log};\n"
        "include /etc/nginx/modules-enabled/*.conf;\nevents {}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n"
        f"  client_body_temp_path {folder}/tmp;\n  include {folder}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    subprocess.run(["nginx", "-t", "-q", "-c", str(config), "-e", str(error_log)], check=True, capture_output=True)
    subprocess.run(["nginx", "-c", str(config), "-e", str(error_log)], check=True)
    wait_for_port(https_port)
    return NginxServer(https_port, http_port, config, error_log)


def start_nginx(folder: Path, site: Path, domain: str) -> NginxServer:
    """nginx with deploy/nginx.conf as shipped: only the ports, paths and a test certificate change."""
    cert, key = certificate(folder, domain)
    return run_nginx(folder, nginx.render(domain, str(site), str(cert), str(key)))


# What the receipt-code form at /status/ may send, and where the server sends it: the development server
# (test_serve.py) and the shipped nginx (test_nginx.py) answer the same.
LOOKUPS = [
    ("kode=K7MQ-2XDA", "/status/K7MQ-2XDA/"),
    ("kode=K7MQ2XDA", "/status/K7MQ-2XDA/"),
    ("kode=+K7MQ-2XDA%20", "/status/K7MQ-2XDA/"),
    ("kode=k7mq-2xda", "/status/K7MQ-2XDA/"),  # small letters, from a phone's keyboard
    ("kode=k7Mq2xdA", "/status/K7MQ-2XDA/"),
    ("kode=K7MQ-2XD%C5%BF", "/status/tidak-ditemukan/"),  # ſ: a capital S only to Unicode
    ("kode=..%2F..%2Fetc%2Fpasswd", "/status/tidak-ditemukan/"),
    ("kode=K7MQ-2XDA/../../x", "/status/tidak-ditemukan/"),
    ("kode=K7MQ-2XDAK7MQ-2XDA", "/status/tidak-ditemukan/"),
    ("kode=K7MQ+2XDA", "/status/tidak-ditemukan/"),
    ("", "/status/tidak-ditemukan/"),
]
