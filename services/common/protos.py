"""Finds protobuf message classes by their full name, for decoding stored and received events."""
from __future__ import annotations

import importlib
from functools import cache

from google.protobuf import descriptor_pool, message_factory
from google.protobuf.message import Message

# Importing the generated modules registers their messages in the default descriptor pool.
EVENT_MODULES = (
    "fedstd.registry.v1.events_pb2",
    "fedstd.assessment.v1.events_pb2",
    "fedstd.reporting.v1.events_pb2",
)
for _module in EVENT_MODULES:
    importlib.import_module(_module)


class UnknownMessageType(KeyError):
    pass


def type_name(message: Message) -> str:
    return message.DESCRIPTOR.full_name


@cache
def message_class(full_name: str) -> type[Message]:
    try:
        descriptor = descriptor_pool.Default().FindMessageTypeByName(full_name)
    except KeyError as exc:
        raise UnknownMessageType(full_name) from exc
    return message_factory.GetMessageClass(descriptor)


def decode(full_name: str, data: bytes) -> Message:
    """Parses `data` as the message named `full_name`; DecodeError when the bytes do not parse."""
    message = message_class(full_name)()
    message.ParseFromString(data)
    return message
