"""Bulk ingestion (a streaming import of enterprises or declarations): no API to measure yet.

No service offers a streaming or batch import RPC (see proto/fedstd/*/v1/*_service.proto): an
import today is one unary command per enterprise, which is the write-path figure. What a streaming
import would rest on is in the table too: the event-store append rate and the embedded live
catch-up (relays and every projection over a backlog).
"""
from __future__ import annotations

from benchmarks.harness import Context, Figure


def run(ctx: Context) -> list[Figure]:
    return [Figure("bulk_ingestion", "bulk ingestion: streaming import of enterprises or declarations",
                   "≥ 20,000 events/s").not_measured(
        "no streaming import RPC exists in the registry API; an import is one RegisterEnterprise per enterprise "
        "(see the write-path row); the embedded catch-up row bounds what an import could reach downstream")]
