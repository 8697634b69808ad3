"""Named crash points for reliability tests of real processes.

`FEDSTD_FAILPOINTS=consumer.after_apply` makes the process exit abruptly (as `kill -9` would
leave it) the first time it reaches that point. Unset, a failpoint costs one set lookup.
"""
from __future__ import annotations

import os

ACTIVE = frozenset(filter(None, os.environ.get("FEDSTD_FAILPOINTS", "").split(",")))


def failpoint(name: str) -> None:
    if name in ACTIVE:
        os._exit(137)
