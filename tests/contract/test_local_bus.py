import uuid
from pathlib import Path

import pytest

from services.common.bus import Record
from services.common.bus.local import LocalBus
from tests.contract.bus_contract import BusContract, new_group, values


class TestLocalBus(BusContract):
    @pytest.fixture(autouse=True)
    def _log(self, tmp_path: Path) -> None:
        self.path = tmp_path / "bus.db"
        self.make_bus = lambda: LocalBus(self.path)
        self.new_topic = lambda: f"t-{uuid.uuid4().hex[:12]}"

    def test_reopened_bus_keeps_records_and_committed_offsets(self, bus: LocalBus, topic: str) -> None:
        group = new_group()
        bus.publish(self.records(topic, 5, prefix="before"))
        consumer = bus.consumer(group, [topic])
        assert len(self.drain(consumer, 5)) == 5
        consumer.commit()
        bus.publish(self.records(topic, 2, prefix="pending"))
        consumer.close()
        bus.close()

        reopened = LocalBus(self.path)
        try:
            # The group resumes after its committed offset; a new group sees every record.
            assert values(self.drain(reopened.consumer(group, [topic]), 2)) == [b"pending0", b"pending1"]
            everything = self.drain(reopened.consumer(new_group(), [topic]), 7)
            assert [d.offset for d in everything] == list(range(7))
            # Publishing continues after the stored records.
            reopened.publish([Record(topic, "k", b"after", {"h": "v"})])
            (after,) = self.drain(reopened.consumer(group, [topic]), 3)[-1:]
            assert after.offset == 7 and after.record == Record(topic, "k", b"after", {"h": "v"})
        finally:
            reopened.close()
