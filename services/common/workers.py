"""The embedded suite's worker process: the outbox relays and projections of every service, beside the
process that serves gRPC (`Suite(settings, workers="process")`, the default of `fedstd up`).

Both processes open the same SQLite files of the data folder: the API process appends events and reads
the read models, this one publishes the events to the bus and writes the read models. It stops on
SIGTERM, or when its parent closes the pipe on its standard input (or dies: the system closes the pipe
then), so that it never outlives the suite. Ctrl-C reaches the whole process group: the parent decides.
Its metrics and liveness endpoint (relay lag, projection positions) is on FEDSTD_WORKER_METRICS_PORT.
It runs at a lower scheduling priority than the API process (FEDSTD_WORKER_NICE, default 10).

    python -m services.common.workers DATA_DIR [--log-level LEVEL]
"""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from pathlib import Path

from services.common.config import SERVICES, Settings
from services.common.runtime import WORKER_ROLES, EmbeddedInfrastructure, ServiceHost


def _stop_when_parent_leaves(stop: threading.Event) -> None:
    """Reads standard input to its end: the parent closed the pipe or died."""
    sys.stdin.buffer.read()
    stop.set()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services.common.workers", description=__doc__)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings.from_env()
    # The API answers callers first: when both want the cores, the relays and projections wait a little and
    # then catch up in larger batches, which cost less per event.
    os.nice(settings.worker_nice)
    settings.data_dir = args.data_dir
    # FEDSTD_METRICS_PORT is the API process's; the worker's relays and projections have their own endpoint.
    settings.metrics_port = int(os.environ.get("FEDSTD_WORKER_METRICS_PORT") or 0)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_stop_when_parent_leaves, args=(stop,), name="parent-watch", daemon=True).start()
    infrastructure = EmbeddedInfrastructure(settings.data_dir)
    hosts = [ServiceHost(service, infrastructure, settings, WORKER_ROLES).start() for service in SERVICES]
    stop.wait()
    for host in hosts:
        host.stop()
    infrastructure.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
