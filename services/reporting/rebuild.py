"""`fedstd rebuild reporting`: drops the progress read models and replays every event into them.

The events come straight from the three services' event stores (the embedded data folder's SQLite
files, or the `<prefix>_<service>_events` MongoDB databases), not from the bus, and go through the
same folds as the live projector (`Replay`), so the rebuilt read models equal the live ones.
Stop the reporting projector first: it would write into collections being rebuilt.

The collections start empty and nothing else writes them, so the replay keeps the streams' states
in memory instead of reading each back, writes each document a batch changed once, and the
indexes are created after the load (one sorted pass each instead of upkeep on every write).

Embedded (`rebuild_embedded`), the events are read from the stores' files as rows (`SqliteEventStore.read_rows`: only the
columns the replay needs; an event no fold follows is not decoded), and the work is split over
worker processes by stream: worker k of n replays the streams whose id's CRC-32 is k modulo n,
worker 0 into the read-model file itself and the others each into a scratch file, which are then
copied into it inside SQLite. This is safe because every document is written by the events of
one stream (the read models' invariant), and each stream's events keep their order. The
distributed form (`rebuild` over `mongo_stores`) replays sequentially, in this process.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from google.protobuf.message import Message

from services.common.config import SERVICES
from services.common.eventstore import EventStore
from services.common.eventstore.sqlite import EventRow, SqliteEventStore
from services.common.readmodel import DocumentStore, Put
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.reporting.facts import FOLDS, Fold
from services.reporting.projections import FederationProgress, Replay

log = logging.getLogger(__name__)

#: Events replayed between two writes of the changed documents (one transaction each).
BATCH_SIZE = 2000
#: With fewer events than this per worker, starting a process (importing the suite, ~1 s) costs more than it saves.
EVENTS_PER_WORKER = 50_000
BAR_WIDTH = 40
#: How often the progress bar is redrawn while the other workers finish, in seconds.
REDRAW_S = 0.2

Progress = Callable[[int, int], None]
#: What the replay does with the events no fold follows: nothing; and with the others: this class, this fold.
FOLLOWED: dict[str, tuple[type[Message], Fold]] = {cls.DESCRIPTOR.full_name: (cls, fold) for cls, fold in FOLDS.items()}


def replay(pages: Iterable[tuple[str, Sequence[EventRow]]], docs: DocumentStore, write: Callable[[list[Put]], object],
           replayed: Callable[[int], None] = lambda done: None) -> tuple[int, int]:
    """Replays pages of (service, rows) into `docs`, writing each page's changes with `write`; (replayed, skipped).

    An event a fold cannot apply is skipped, as the live projector dead-letters it.
    """
    projection = Replay(docs)
    done = skipped = 0
    with _without_cycle_collection():
        for service, rows in pages:
            for position, stream, version, type_, data in rows:
                followed = FOLLOWED.get(type_)
                if followed is None:
                    continue
                message_class, fold = followed
                try:
                    projection.apply(stream, version, message_class.FromString(data), fold)
                except Exception:  # the live projector dead-letters it: the rebuild leaves it out too
                    log.exception("rebuild: %s event %s at %d could not be applied", service, type_, position)
                    skipped += 1
            write(projection.flush())
            done += len(rows)
            replayed(done)
    return done, skipped


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pauses the cyclic garbage collector: a replay holds the records of up to REPLAY_STREAMS streams, millions of
    objects each collection would walk again (it doubled the replay's time), and it makes no reference cycles
    (JSON-shaped values and messages, freed by their reference counts)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def rebuild(stores: Mapping[str, EventStore], docs: DocumentStore, progress: Progress = lambda done, total: None,
            batch_size: int = BATCH_SIZE) -> tuple[int, int]:
    """Empties the projection's collections and replays every stored event in this process; (replayed, skipped).

    Any event store and document store (the distributed runtime's MongoDB ones): sequential.
    """
    docs.drop_collections(FederationProgress.collections())
    total = sum(store.last_position() for store in stores.values())
    progress(0, total)
    replayed, skipped = replay(_store_pages(stores, batch_size), docs, docs.apply,
                               lambda done: progress(done, max(total, done)))
    FederationProgress().setup(docs)
    progress(replayed, replayed)
    return replayed, skipped


def _store_pages(stores: Mapping[str, EventStore], batch_size: int) -> Iterator[tuple[str, list[EventRow]]]:
    for service, store in stores.items():
        position = 0
        while batch := store.read_all(position, batch_size):
            yield service, [(e.position, e.stream_id, e.version, e.type, e.data) for e in batch]
            position = batch[-1].position


# ---------------------------------------------------------------------------------------------- embedded


def rebuild_embedded(data_dir: Path, workers: int | None = None, progress: Progress = lambda done, total: None,
                     batch_size: int = BATCH_SIZE) -> tuple[int, int]:
    """Rebuilds the embedded data folder's progress read models with `workers` processes; (replayed, skipped).

    By default one worker per core, fewer on a short history (EVENTS_PER_WORKER each at least).
    """
    files = event_files(data_dir)
    total = sum(_last_position(path) for path in files.values())
    if workers is None:
        workers = max(1, min(os.cpu_count() or 1, total // EVENTS_PER_WORKER))
    docs = SqliteDocumentStore(data_dir / "reporting.views.db")
    try:
        docs.drop_collections(FederationProgress.collections())
        progress(0, total)
        with tempfile.TemporaryDirectory(prefix=".rebuild-", dir=data_dir) as scratch:
            context = multiprocessing.get_context("spawn")  # a fresh interpreter: safe whatever threads this one runs
            counts = context.RawArray("q", 2 * workers)  # per worker: events replayed so far, events skipped
            parts = [Path(scratch) / f"part-{part}.db" for part in range(1, workers)]
            children = [context.Process(target=_replay_part_into, args=(files, path, part, workers, batch_size, counts),
                                        name=f"rebuild-{part}", daemon=True) for part, path in enumerate(parts, start=1)]
            try:
                for child in children:
                    child.start()

                def replayed(done: int) -> None:
                    counts[0] = done
                    progress(sum(counts[:workers]), total)

                counts[0], counts[workers] = replay(_partition(files, 0, workers, batch_size), docs, docs.load, replayed)
                for child in children:
                    while child.exitcode is None:
                        child.join(REDRAW_S)
                        progress(sum(counts[:workers]), total)
                    if child.exitcode != 0:
                        raise RuntimeError(f"rebuild worker {child.name} failed (exit code {child.exitcode})")
            finally:
                for child in children:
                    if child.is_alive():
                        child.terminate()
                        child.join()
            for path in parts:
                docs.merge(path, FederationProgress.collections())
        FederationProgress().setup(docs)
    finally:
        docs.close()
    replayed, skipped = sum(counts[:workers]), sum(counts[workers:])
    progress(replayed, replayed)
    return replayed, skipped


def event_files(data_dir: Path) -> dict[str, Path]:
    """The event-store files of the data folder (named as EmbeddedInfrastructure names them) that exist."""
    files = {service: data_dir / f"{service}.events.db" for service in SERVICES}
    return {service: path for service, path in files.items() if path.exists()}


def _last_position(path: Path) -> int:
    store = SqliteEventStore(path)
    try:
        return store.last_position()
    finally:
        store.close()


def _partition(files: Mapping[str, Path], part: int, parts: int, batch_size: int) -> Iterator[tuple[str, list[EventRow]]]:
    """Pages of about `batch_size` events of the streams whose id's CRC-32 is `part` modulo `parts`, in store order.

    Read as rows, only the columns the replay needs (a stored event's metadata and times are not)."""
    for service, path in files.items():
        store = SqliteEventStore(path)
        try:
            position, page = 0, []
            while rows := store.read_rows(position, batch_size):
                position = rows[-1][0]
                page.extend(rows if parts == 1 else [row for row in rows if zlib.crc32(row[1].encode()) % parts == part])
                if len(page) >= batch_size:
                    yield service, page
                    page = []
            if page:
                yield service, page
        finally:
            store.close()


def _replay_part_into(files: Mapping[str, Path], path: Path, part: int, parts: int, batch_size: int, counts) -> None:
    """A worker process: replays its part of the streams into a fresh store at `path`, counting in `counts`."""
    docs = SqliteDocumentStore(path)
    try:
        docs.drop_collections(FederationProgress.collections())

        def replayed(done: int) -> None:
            counts[part] = done

        counts[part], counts[parts + part] = replay(_partition(files, part, parts, batch_size), docs, docs.load, replayed)
    finally:
        docs.close()


# ---------------------------------------------------------------------------------------------- the command


def progress_bar(stream: TextIO = sys.stderr) -> Progress:
    """Redraws `[#####.....]  52%  1234/2345 events` on one line of `stream`."""

    def draw(done: int, total: int) -> None:
        share = done / total if total else 1.0
        filled = int(BAR_WIDTH * share)
        stream.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:4.0%}  {done}/{total} events")
        stream.flush()

    return draw


def mongo_stores(client, prefix: str) -> tuple[dict[str, EventStore], DocumentStore]:
    """The distributed runtime's databases (named as DistributedInfrastructure names them)."""
    from services.common.eventstore.mongo import MongoEventStore
    from services.common.readmodel.mongo import MongoDocumentStore

    stores = {service: MongoEventStore(client, f"{prefix}_{service}_events") for service in SERVICES}
    return stores, MongoDocumentStore(client, f"{prefix}_reporting_views")
