"""The soak's short form: a mixed load from concurrent clients against the distributed runtime, then
the event stores, the topics and every read model agree exactly (`python -m tests.reliability.soak`
runs it longer and prints the figures). FEDSTD_SOAK_SECONDS sets the length (default 60)."""
from __future__ import annotations

import os
from pathlib import Path

from tests.reliability.soak import EXPECTED_CODES, run_soak

SECONDS = float(os.environ.get("FEDSTD_SOAK_SECONDS") or 60)


def test_after_a_mixed_load_stores_topics_and_read_models_agree_exactly(tmp_path: Path, mongo_uri: str) -> None:
    report = run_soak(SECONDS, clients=8, workdir=tmp_path, mongo_uri=mongo_uri)
    print(report.table())
    assert report.audit is not None and report.audit.problems() == []
    assert report.lost == 0 and report.doubled == 0
    assert set(report.codes) <= {code.name for code in EXPECTED_CODES}, report.codes
    assert report.codes["OK"] > 0 and report.requests["command"] > 0 and report.requests["query"] > 0
    for service in ("registry", "assessment"):
        assert report.audit.services[service].stored > 0
    for group, applied in report.applied.items():  # every consumer group took every record on its topics
        assert applied > 0, group
