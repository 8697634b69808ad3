"""The demo driver's own logic: which calls it retries, and the order of an enterprise's steps in a year."""
from __future__ import annotations

from datetime import date

import grpc
import pytest

from fedstd.registry.v1 import registry_service_pb2 as registry
from services.programme import driver
from services.programme.synthetic import DeclarationSpec, EnterpriseSpec, EvaluationSpec


class Refusal(grpc.RpcError):
    def __init__(self, code: grpc.StatusCode):
        self._code = code

    def code(self) -> grpc.StatusCode:
        return self._code

    def details(self) -> str:
        return f"refused with {self._code.name}"


def flaky(*codes: grpc.StatusCode):
    """A unary method that refuses with each code in turn, then answers."""
    calls = []

    def method(request, timeout):
        calls.append(request)
        if len(calls) <= len(codes):
            raise Refusal(codes[len(calls) - 1])
        return "answer"
    return method, calls


def test_a_concurrent_write_or_a_read_your_writes_timeout_is_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(driver.time, "sleep", lambda seconds: None)
    method, calls = flaky(grpc.StatusCode.ABORTED, grpc.StatusCode.DEADLINE_EXCEEDED)
    assert driver.call(method, registry.GetEnterpriseRequest(name="enterprises/x")) == "answer"
    assert len(calls) == 3


def test_any_other_refusal_stops_the_programme_naming_the_call() -> None:
    method, calls = flaky(grpc.StatusCode.FAILED_PRECONDITION)
    with pytest.raises(driver.ProgrammeError, match="RegisterEnterprise failed: FAILED_PRECONDITION"):
        driver.call(method, registry.RegisterEnterpriseRequest())
    assert len(calls) == 1


def test_retries_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(driver.time, "sleep", lambda seconds: None)
    method, calls = flaky(*[grpc.StatusCode.ABORTED] * driver.ATTEMPTS)
    with pytest.raises(driver.ProgrammeError, match="ABORTED"):
        driver.call(method, registry.GetEnterpriseRequest())
    assert len(calls) == driver.ATTEMPTS


def test_an_enterprise_s_registry_steps_of_a_year_come_in_date_order_registration_first() -> None:
    declared = DeclarationSpec("decl-1", date(2022, 3, 1), 3, "GB/T 19001—2016", "示例", "示例", withdrawn_on=date(2022, 9, 1))
    enterprise = EnterpriseSpec(
        uscc="91150102000000001X", name="示例", league_code="150100", division_code="150102", section="C",
        industry_division="13", plan_sectors=(), size_class=1, is_private=True, registered_on=date(2021, 12, 1),
        manager="示例", chamber="HHZZ", joined_on=date(2022, 3, 1), enrolled_on=date(2021, 12, 1),
        evaluations=[EvaluationSpec(date(2022, 5, 1), 720, "body")], declarations=[declared])
    assert [action for _, action, _ in sorted(driver._registry_dates(enterprise, 2021))] == ["0-register", "2-enrol"]
    assert [action for _, action, _ in sorted(driver._registry_dates(enterprise, 2022), key=lambda s: s[:2])] == [
        "1-join", "4-declare", "5-withdraw-declaration"]
    assert driver._registry_dates(enterprise, 2023) == []
