"""The bus contract on Kafka: a Tansu broker started for the test session."""
import uuid

import pytest

from services.common.bus.kafka import KafkaBus, KafkaSettings
from tests.contract.bus_contract import BusContract
from tests.support.servers import TansuBroker

pytestmark = pytest.mark.kafka


class TestKafkaBus(BusContract):
    # A consumer gets nothing until it joined its group, which takes about 3 s on Tansu.
    deadline = 20.0

    @pytest.fixture(autouse=True)
    def _broker(self, kafka_broker: TansuBroker) -> None:
        settings = KafkaSettings(
            kafka_broker.bootstrap,
            partitions=3,
            session_timeout_ms=6000,
            heartbeat_interval_ms=1000,
            max_poll_interval_ms=5000,
        )
        self.make_bus = lambda: KafkaBus(settings)
        self.new_topic = lambda: f"t-{uuid.uuid4().hex[:12]}"
