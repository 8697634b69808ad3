"""Events as the event store keeps them and as the bus carries them."""
from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

from google.protobuf.message import Message

from services.common import protos


def new_event_id() -> str:
    return str(uuid.uuid4())


def new_event_ids(count: int) -> list[str]:
    """`count` ids such as `new_event_id` makes (random UUIDs, version 4) from one read of randomness: a bulk
    import names thousands of events a second, and a UUID object apiece costs more than the rest of an event."""
    block = bytearray(os.urandom(16 * count))
    block[6::16] = bytes(byte & 0x0F | 0x40 for byte in block[6::16])  # version 4
    block[8::16] = bytes(byte & 0x3F | 0x80 for byte in block[8::16])  # RFC 4122 variant
    hexed = block.hex()
    return [f"{hexed[i:i + 8]}-{hexed[i + 8:i + 12]}-{hexed[i + 12:i + 16]}-{hexed[i + 16:i + 20]}-{hexed[i + 20:i + 32]}"
            for i in range(0, 32 * count, 32)]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Metadata:
    """Who caused an event and why; travels with it as CloudEvents extension attributes."""

    correlation_id: str = ""
    causation_id: str = ""
    actor: str = ""

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}

    @classmethod
    def from_dict(cls, values: dict[str, str]) -> "Metadata":
        return cls(**{k: values.get(k, "") for k in ("correlation_id", "causation_id", "actor")})


@dataclass(frozen=True)
class NewEvent:
    """An event an aggregate decided on, not yet stored."""

    stream_id: str
    message: Message
    metadata: Metadata = Metadata()
    event_id: str = field(default_factory=new_event_id)
    occurred_at: datetime = field(default_factory=utcnow)

    @property
    def type(self) -> str:
        return protos.type_name(self.message)


@dataclass(frozen=True)
class StoredEvent:
    """An event as recorded: `position` orders all events of one store, `version` one stream."""

    position: int
    stream_id: str
    version: int
    event_id: str
    type: str
    data: bytes
    occurred_at: datetime
    metadata: Metadata = Metadata()

    def message(self) -> Message:
        return protos.decode(self.type, self.data)
