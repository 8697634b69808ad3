"""The embedded suite's child processes, beside the process that runs `fedstd up` (`Suite(settings,
workers="process")`, its default). Each is one of:

- the worker: the outbox relays and projections of every service, at a lower scheduling priority than the
  processes that answer callers (FEDSTD_WORKER_NICE, default 10); its metrics and liveness endpoint (relay
  lag, projection positions) on FEDSTD_WORKER_METRICS_PORT;
- `--api reporting`: the reporting service's gRPC server in an interpreter of its own, so that the
  federation-wide queries never queue for the interpreter behind the commands the other services' servers
  run; its metrics on FEDSTD_REPORTING_METRICS_PORT.

All of them open the same SQLite files of the data folder. A child prints one line, `ready PORT`, once it
serves (PORT: its gRPC port, 0 for the worker). It stops on SIGTERM, or when its parent closes the pipe on
its standard input (or dies: the system closes the pipe then), so that it never outlives the suite. Ctrl-C
reaches the whole process group: the parent decides. It reads the same FEDSTD_* variables as its parent.

    python -m services.common.workers DATA_DIR [--api SERVICE --host HOST --port PORT] [--log-level LEVEL]
"""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from pathlib import Path

from services.common.auth import AuthSettings
from services.common.config import SERVICES, Settings
from services.common.runtime import SEPARATE_API, WORKER_ROLES, EmbeddedInfrastructure, ServiceHost


def _stop_when_parent_leaves(stop: threading.Event) -> None:
    """Reads standard input to its end: the parent closed the pipe or died. (Unbuffered: a daemon thread
    blocked in a buffered read would hold the buffer's lock when the interpreter exits.)"""
    while os.read(sys.stdin.fileno(), 4096):
        pass
    stop.set()


def _hosts(args: argparse.Namespace, settings: Settings, infrastructure: EmbeddedInfrastructure) -> list[ServiceHost]:
    """The hosts this child runs, started."""
    if args.api:
        settings.host, settings.ports[args.api] = args.host, args.port
        if settings.auth is None:  # the key the parent made in the data folder
            settings.auth, _ = AuthSettings.local(settings.data_dir)
        settings.metrics_port = settings.reporting_metrics_port
        return [ServiceHost(args.api, infrastructure, settings, ("api",)).start()]
    # Callers first: when the processes that answer them want the cores, the relays and projections wait a
    # little and then catch up in larger batches, which cost less per event.
    os.nice(settings.worker_nice)
    # FEDSTD_METRICS_PORT is the parent's; the worker's relays and projections have their own endpoint.
    settings.metrics_port = settings.worker_metrics_port
    return [ServiceHost(service, infrastructure, settings, WORKER_ROLES).start() for service in SERVICES]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services.common.workers", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--api", choices=[SEPARATE_API], help="serve this service's gRPC API (without: the worker)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings.from_env()
    settings.data_dir = args.data_dir
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_stop_when_parent_leaves, args=(stop,), name="parent-watch", daemon=True).start()
    infrastructure = EmbeddedInfrastructure(settings.data_dir)
    try:
        hosts = _hosts(args, settings, infrastructure)
    except OSError as exc:  # a port taken: said in one line; the parent reports that this child did not start
        print(f"fedstd: {exc}", file=sys.stderr)
        return 1
    print(f"ready {hosts[0].port}", flush=True)
    stop.wait()
    for host in hosts:
        host.stop()
    infrastructure.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
