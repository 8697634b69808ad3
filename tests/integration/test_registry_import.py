"""The streaming enterprise import over real gRPC on the embedded suite: chunks of records, each record
checked as RegisterEnterprise checks it, stored in batches, refused ones reported (by their index in
the whole import) without failing the others; the events reach the bus and the read model."""
from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import grpc
import pytest

from fedstd.registry.v1 import events_pb2 as events
from fedstd.registry.v1 import registry_service_pb2 as api
from fedstd.registry.v1 import registry_service_pb2_grpc as api_grpc
from fedstd.type.v1 import plan_pb2 as plan
from services.common.auth import Role, TokenIssuer
from services.common.client import channel
from services.common.cloudevents import from_record, topic_for
from services.common.config import SERVICES, Settings
from services.common.runtime import Suite
from services.demo import synthetic_uscc
from services.registry.imports import BATCH_STREAMS, MAX_RECORDS_PER_MESSAGE

HOHHOT, BAOTOU = "150100", "150200"
TIMEOUT = 60.0
#: More than one batch append, so that a repeat and a refusal fall in different batches.
IMPORTED = BATCH_STREAMS + 100
#: Records per message: not a divisor of the batch, so that messages and batch appends straddle each other.
CHUNK = 77


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Suite, TokenIssuer]]:
    issuer = TokenIssuer.generate()
    running = Suite(Settings(data_dir=tmp_path_factory.mktemp("import"), ports={s: 0 for s in SERVICES},
                             auth=issuer.settings())).start()
    try:
        yield running, issuer
    finally:
        running.stop()


def stub(suite: tuple[Suite, TokenIssuer], role: Role, scope: str = "") -> api_grpc.RegistryServiceStub:
    running, issuer = suite
    return api_grpc.RegistryServiceStub(channel(f"127.0.0.1:{running.ports['registry']}", issuer.issue(role, scope)))


def enterprise(uscc: str, division_code: str = "150102", **overrides) -> api.RegisterEnterpriseRequest:
    fields = dict(uscc=uscc, display_name=f"enterprise {uscc[-6:]}", division_code=division_code, is_private=True,
                  industry_section="H", plan_sectors=[plan.PLAN_SECTOR_ACCOMMODATION_CATERING],
                  size_class=events.SIZE_CLASS_SMALL, registered_on="2022-01-10")
    fields.update(overrides)
    return api.RegisterEnterpriseRequest(**fields)


def record(uscc: str, request_id: str = "", division_code: str = "150102", **overrides) -> api.EnterpriseImportRecord:
    return api.EnterpriseImportRecord(enterprise=enterprise(uscc, division_code, **overrides), request_id=request_id)


def chunked(records: list[api.EnterpriseImportRecord], size: int = CHUNK) -> Iterator[api.ImportEnterprisesRequest]:
    for start in range(0, len(records), size):
        yield api.ImportEnterprisesRequest(records=records[start:start + size])


def registered_on_bus(suite: tuple[Suite, TokenIssuer], expected: int, timeout: float = 60.0) -> set[str]:
    """The enterprises whose EnterpriseRegistered reached the registry topic, once `expected` did."""
    consumer = suite[0].infrastructure.bus.consumer(f"check-{uuid.uuid4().hex}", [topic_for("registry")])
    seen: set[str] = set()
    deadline = time.monotonic() + timeout
    try:
        while len(seen) < expected and time.monotonic() < deadline:
            for delivery in consumer.poll(0.5):
                event = from_record(delivery.record)
                if event.type == "fedstd.registry.v1.EnterpriseRegistered":
                    seen.add(event.stream_id)
    finally:
        consumer.close()
    return seen


def listed(registry: api_grpc.RegistryServiceStub, league: str) -> list[api.Enterprise]:
    found, token = [], ""
    while True:
        page = registry.ListEnterprises(api.ListEnterprisesRequest(league_code=league, page_size=500, page_token=token),
                                        timeout=TIMEOUT)
        found.extend(page.enterprises)
        if not (token := page.next_page_token):
            return found


def test_import_registers_enterprises_and_refuses_bad_and_duplicate_ones(suite: tuple[Suite, TokenIssuer]) -> None:
    league = stub(suite, Role.LEAGUE, HOHHOT)
    existing = synthetic_uscc(HOHHOT, 1)
    league.RegisterEnterprise(enterprise(existing), timeout=TIMEOUT)
    good = [synthetic_uscc(HOHHOT, 100 + i) for i in range(IMPORTED)]
    records = [record(uscc, f"line-{i}") for i, uscc in enumerate(good)]
    records.insert(3, record("91150102NOTAUSCC", "bad", display_name="", size_class=events.SIZE_CLASS_UNSPECIFIED))
    records.insert(10, record(existing, "already"))
    records.insert(12, record(synthetic_uscc(BAOTOU, 5), "other-league", "150202"))
    records.append(record(good[0], "repeat", display_name="again"))  # in the last message, past the first batch

    outcome = league.ImportEnterprises(chunked(records), timeout=TIMEOUT)

    assert (outcome.received_count, outcome.imported_count, outcome.refused_count) == (IMPORTED + 4, IMPORTED, 4)
    refusals = [(r.index, r.request_id, r.reason) for r in outcome.refusals]
    assert refusals == [(3, "bad", "INVALID_ARGUMENT"), (10, "already", "ALREADY_EXISTS"),
                        (12, "other-league", "PERMISSION_DENIED"), (IMPORTED + 3, "repeat", "ALREADY_EXISTS")]
    bad = outcome.refusals[0]
    assert sorted(v.field for v in bad.field_violations) == ["display_name", "size_class", "uscc"]
    assert outcome.refusals[1].uscc == existing and "enterprises/" + existing in outcome.refusals[1].message

    # The events reach the bus (the pre-registered one and every imported one, each once) ...
    on_bus = registered_on_bus(suite, IMPORTED + 1)
    assert on_bus == {f"enterprises/{uscc}" for uscc in [existing, *good]}
    # ... and the read model, with the fields imported; the repeat did not change the first.
    deadline = time.monotonic() + TIMEOUT
    while len(shown := listed(league, HOHHOT)) < IMPORTED + 1 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert sorted(e.uscc for e in shown) == sorted([existing, *good])
    first = league.GetEnterprise(api.GetEnterpriseRequest(name=f"enterprises/{good[0]}"), timeout=TIMEOUT)
    assert (first.display_name, first.division_code, first.league_code, first.version) == (
        f"enterprise {good[0][-6:]}", "150102", HOHHOT, 1)
    assert listed(league, BAOTOU) == []


def test_import_needs_a_federation_and_a_region_imports_any_league(suite: tuple[Suite, TokenIssuer]) -> None:
    baotou = synthetic_uscc(BAOTOU, 77)
    message = api.ImportEnterprisesRequest(records=[record(baotou, division_code="150202")])
    with pytest.raises(grpc.RpcError) as refused:
        stub(suite, Role.CHAMBER, "NMB").ImportEnterprises(iter([message]), timeout=TIMEOUT)
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED

    region = stub(suite, Role.REGION)
    outcome = region.ImportEnterprises(iter([message]), timeout=TIMEOUT)
    assert (outcome.imported_count, outcome.refused_count) == (1, 0)
    assert region.GetEnterprise(api.GetEnterpriseRequest(name=f"enterprises/{baotou}", min_version=1),
                                timeout=TIMEOUT).league_code == BAOTOU
    empty = region.ImportEnterprises(iter([]), timeout=TIMEOUT)
    assert (empty.received_count, empty.imported_count) == (0, 0)


def test_a_message_of_too_many_records_ends_the_import_and_keeps_what_came_before(suite: tuple[Suite, TokenIssuer]) -> None:
    league = stub(suite, Role.LEAGUE, HOHHOT)
    before = [record(synthetic_uscc(HOHHOT, 5000 + i)) for i in range(3)]
    too_many = [record(synthetic_uscc(HOHHOT, 6000 + i)) for i in range(MAX_RECORDS_PER_MESSAGE + 1)]
    messages = [api.ImportEnterprisesRequest(records=before), api.ImportEnterprisesRequest(records=too_many)]
    with pytest.raises(grpc.RpcError) as refused:
        league.ImportEnterprises(iter(messages), timeout=TIMEOUT)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "records" in refused.value.details()
    for kept in before:
        name = f"enterprises/{kept.enterprise.uscc}"
        assert league.GetEnterprise(api.GetEnterpriseRequest(name=name, min_version=1), timeout=TIMEOUT).name == name
    with pytest.raises(grpc.RpcError) as absent:
        league.GetEnterprise(api.GetEnterpriseRequest(name=f"enterprises/{too_many[0].enterprise.uscc}"), timeout=TIMEOUT)
    assert absent.value.code() == grpc.StatusCode.NOT_FOUND
