"""A rebuild's replay of the progress projection, and the SQLite store's two rebuild writes (`load`, `merge`)."""
from __future__ import annotations

from pathlib import Path

from services.common.readmodel import Put
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.reporting.projections import FederationProgress, Replay
from services.reporting.rebuild import FOLLOWED
from tests.support.reporting import deliveries, project, synthetic_programme


def every_document(docs: SqliteDocumentStore) -> dict[str, list[dict]]:
    return {collection: docs.find(collection, limit=100_000) for collection in FederationProgress.collections()}


def test_a_replay_that_lets_records_go_reads_them_back_and_makes_the_live_documents(tmp_path: Path) -> None:
    log = synthetic_programme(seed=41)
    live = SqliteDocumentStore(tmp_path / "live.db")
    project(live, deliveries(log), seed=41)
    docs = SqliteDocumentStore(tmp_path / "replayed.db")
    replay = Replay(docs, capacity=5)  # fewer streams than a batch holds: records go, some before they are written
    events = [event.stored for event in log.events]
    for start in range(0, len(events), 7):
        for event in events[start:start + 7]:
            message_class, fold = FOLLOWED[event.type]
            replay.apply(event.stream_id, event.version, message_class.FromString(event.data), fold)
        docs.load(replay.flush())
    assert replay.flush() == []
    assert every_document(docs) == every_document(live)
    live.close()
    docs.close()


def test_load_writes_whole_documents_without_none_fields_and_keeps_the_version_guard(tmp_path: Path) -> None:
    docs = SqliteDocumentStore(tmp_path / "views.db")
    before = docs.stamp()
    assert docs.load([Put("things", "a", 2, {"x": 1, "y": None}), Put("things", "b", 1, {"x": 2})]) == 2
    docs.load([Put("things", "a", 1, {"x": 9})])  # older: refused
    docs.load([Put("things", "b", 3, {"z": 3})])  # newer: the whole document
    assert docs.get("things", "a") == {"x": 1, "_key": "a", "_version": 2}
    assert docs.get("things", "b") == {"z": 3, "_key": "b", "_version": 3}
    assert docs.stamp() > before
    docs.close()


def test_merge_copies_another_files_documents_as_one_change_of_the_feed(tmp_path: Path) -> None:
    part = SqliteDocumentStore(tmp_path / "part.db")
    part.load([Put("things", "b", 4, {"x": 2}), Put("others", "c", 1, {"y": True})])
    part.close()
    docs = SqliteDocumentStore(tmp_path / "views.db")
    docs.load([Put("things", "a", 1, {"x": 1})])
    watermark = docs.stamp()
    assert docs.merge(tmp_path / "part.db", ["things", "others"]) == 2
    assert docs.find("things") == [{"x": 1, "_key": "a", "_version": 1}, {"x": 2, "_key": "b", "_version": 4}]
    assert docs.changed("others", since=watermark) == [{"y": True, "_key": "c", "_version": 1}]
    assert docs.stamp() == watermark + 1
    docs.close()
