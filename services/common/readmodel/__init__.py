"""Read models: documents written by projections and read by queries (SQLite or MongoDB)."""
from services.common.readmodel.base import DocumentStore, Put

__all__ = ["DocumentStore", "Put"]
