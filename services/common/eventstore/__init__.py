"""The event store: one interface, two adapters (SQLite for the embedded runtime, MongoDB for distributed)."""
from services.common.eventstore.base import ANY_VERSION, NO_STREAM, Append, EventStore, Outcome

__all__ = ["ANY_VERSION", "NO_STREAM", "Append", "EventStore", "Outcome"]
