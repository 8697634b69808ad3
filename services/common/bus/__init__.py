"""The message bus: one interface, an in-process adapter (embedded) and a Kafka adapter (distributed)."""
from services.common.bus.base import Bus, BusUnavailable, Consumer, Delivery, Record

__all__ = ["Bus", "BusUnavailable", "Consumer", "Delivery", "Record"]
