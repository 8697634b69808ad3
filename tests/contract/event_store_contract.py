"""The contract every event-store adapter keeps. Adapter tests inherit `EventStoreContract`."""
from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from fedstd.registry.v1 import events_pb2 as registry_events
from services.common.errors import ConcurrencyError
from services.common.events import Metadata, NewEvent
from services.common.eventstore import ANY_VERSION, NO_STREAM, Append, EventStore


def event(stream_id: str, title: str = "t") -> NewEvent:
    return NewEvent(stream_id, registry_events.StandardPublished(group_standard=stream_id, title=title))


class EventStoreContract:
    """Subclasses provide `make_store`, a factory of stores that share one backing database."""

    make_store: Callable[[], EventStore]

    @pytest.fixture
    def store(self) -> EventStore:
        return self.make_store()

    def test_append_assigns_versions_and_increasing_positions(self, store: EventStore) -> None:
        stored = store.append("s/1", NO_STREAM, [event("s/1", "a"), event("s/1", "b")])
        assert [e.version for e in stored] == [1, 2]
        assert stored[0].position < stored[1].position
        more = store.append("s/1", 2, [event("s/1", "c")])
        assert more[0].version == 3 and more[0].position > stored[1].position

    def test_read_stream_returns_events_with_data_and_metadata(self, store: EventStore) -> None:
        meta = Metadata(correlation_id="c-1", causation_id="k-1", actor="leagues/150100")
        store.append("s/2", NO_STREAM, [NewEvent("s/2", registry_events.StandardPublished(title="x"), meta)])
        store.append("s/2", 1, [event("s/2", "y")])
        events = store.read_stream("s/2")
        assert [e.message().title for e in events] == ["x", "y"]
        assert events[0].metadata == meta
        assert events[0].type == "fedstd.registry.v1.StandardPublished"
        assert [e.version for e in store.read_stream("s/2", after_version=1)] == [2]
        assert store.read_stream("missing") == []

    def test_conflicting_append_changes_nothing(self, store: EventStore) -> None:
        store.append("s/3", NO_STREAM, [event("s/3")])
        before = store.read_all(0, 100)
        with pytest.raises(ConcurrencyError):
            store.append("s/3", NO_STREAM, [event("s/3"), event("s/3")])
        with pytest.raises(ConcurrencyError):
            store.append("s/3", 5, [event("s/3")])
        assert [e.version for e in store.read_stream("s/3")] == [1]
        assert [e.event_id for e in store.read_all(0, 100)] == [e.event_id for e in before]

    def test_any_version_appends_after_whatever_is_there(self, store: EventStore) -> None:
        store.append("s/4", ANY_VERSION, [event("s/4")])
        store.append("s/4", ANY_VERSION, [event("s/4")])
        assert [e.version for e in store.read_stream("s/4")] == [1, 2]

    def test_batch_append_stores_each_stream_and_refuses_a_conflict_alone(self, store: EventStore) -> None:
        store.append("b/taken", NO_STREAM, [event("b/taken", "first")])
        before = store.last_position()
        outcomes = store.append_batch([
            Append("b/1", NO_STREAM, [event("b/1", "a"), event("b/1", "b")]),
            Append("b/taken", NO_STREAM, [event("b/taken", "again")]),
            Append("b/2", NO_STREAM, [event("b/2", "c")]),
        ])
        assert isinstance(outcomes[1], ConcurrencyError)
        assert [e.version for e in outcomes[0]] == [1, 2] and [e.version for e in outcomes[2]] == [1]
        assert [e.message().title for e in store.read_stream("b/taken")] == ["first"]
        # The stored ones follow in the global order, in the batch's order, with no gap a follower waits on.
        after = store.read_all(before, 100)
        assert [(e.stream_id, e.message().title) for e in after] == [("b/1", "a"), ("b/1", "b"), ("b/2", "c")]
        assert [(e.event_id, e.position) for e in after] == [(e.event_id, e.position) for e in outcomes[0] + outcomes[2]]
        assert [e.position for e in after] == sorted(e.position for e in after)
        assert store.append("b/3", NO_STREAM, [event("b/3")])[0].position > after[-1].position

    def test_batch_append_checks_each_expected_version(self, store: EventStore) -> None:
        store.append("v/1", NO_STREAM, [event("v/1")])
        store.append("v/2", NO_STREAM, [event("v/2")])
        outcomes = store.append_batch([
            Append("v/1", 1, [event("v/1", "next")]),
            Append("v/2", 5, [event("v/2", "wrong")]),
            Append("v/3", ANY_VERSION, [event("v/3")]),
        ])
        assert [e.version for e in outcomes[0]] == [2] and [e.version for e in outcomes[2]] == [1]
        assert isinstance(outcomes[1], ConcurrencyError)
        assert [e.version for e in store.read_stream("v/2")] == [1]
        assert [e.message().title for e in store.read_stream("v/1")] == ["t", "next"]

    def test_batch_append_names_each_stream_once(self, store: EventStore) -> None:
        with pytest.raises(ValueError):
            store.append_batch([Append("d/1", NO_STREAM, [event("d/1")]), Append("d/1", 1, [event("d/1")])])
        assert store.read_stream("d/1") == []

    def test_read_all_in_global_order_with_limits(self, store: EventStore) -> None:
        store.append("a", NO_STREAM, [event("a", str(i)) for i in range(3)])
        store.append("b", NO_STREAM, [event("b", "b0")])
        store.append("a", 3, [event("a", "3")])
        everything = store.read_all(0, 100)
        assert [(e.stream_id, e.message().title) for e in everything] == [
            ("a", "0"), ("a", "1"), ("a", "2"), ("b", "b0"), ("a", "3"),
        ]
        positions = [e.position for e in everything]
        assert positions == sorted(positions) and len(set(positions)) == 5
        # Resuming from inside a multi-event append, page by page, sees each event once.
        seen, after = [], 0
        while page := store.read_all(after, 2):
            seen.extend(page)
            after = page[-1].position
        assert [e.event_id for e in seen] == [e.event_id for e in everything]
        assert store.last_position() == positions[-1]

    def test_checkpoints_start_at_zero_and_never_move_back(self, store: EventStore) -> None:
        assert store.get_checkpoint("relay") == 0
        store.set_checkpoint("relay", 7)
        store.set_checkpoint("relay", 3)
        assert store.get_checkpoint("relay") == 7
        assert store.get_checkpoint("other") == 0

    def test_concurrent_appenders_never_make_a_follower_skip(self) -> None:
        """Writers on separate connections; a follower resuming after its last position sees all."""
        writers, per_writer = 4, 40
        stores = [self.make_store() for _ in range(writers)]
        follower_store = self.make_store()
        done = threading.Event()
        seen: list = []
        errors: list[BaseException] = []

        def write(index: int) -> None:
            try:
                for i in range(per_writer):
                    stores[index].append(f"w{index}/{i}", NO_STREAM, [event(f"w{index}/{i}")])
                    # Contended stream: conflicts are expected, retried with the fresh version.
                    while True:
                        version = len(stores[index].read_stream("shared"))
                        try:
                            stores[index].append("shared", version, [event("shared")])
                            break
                        except ConcurrencyError:
                            continue
            except BaseException as exc:  # surfaced below
                errors.append(exc)

        def follow() -> None:
            after = 0
            while True:
                finished = done.is_set()
                page = follower_store.read_all(after, 50)
                seen.extend(page)
                if page:
                    after = page[-1].position
                elif finished:
                    return

        threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
        follower = threading.Thread(target=follow)
        follower.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        done.set()
        follower.join(timeout=120)
        assert not errors
        everything = follower_store.read_all(0, 10_000)
        assert len(everything) == writers * per_writer * 2
        assert [e.event_id for e in seen] == [e.event_id for e in everything]
        assert [e.version for e in follower_store.read_stream("shared")] == list(range(1, writers * per_writer + 1))
