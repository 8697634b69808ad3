"""What a refused gRPC call says: its status code, ErrorInfo reason and field violations (the tests' one reading of rich errors)."""
from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status


class Refusal(NamedTuple):
    code: grpc.StatusCode
    reason: str
    fields: list[str]


def refusal(call: Callable[[], object]) -> Refusal:
    """Calls `call`, which must fail, and reads the rich error it failed with."""
    with pytest.raises(grpc.RpcError) as raised:
        call()
    status = rpc_status.from_call(raised.value)
    reason, fields = "", []
    for detail in status.details if status else ():
        info, bad_request = error_details_pb2.ErrorInfo(), error_details_pb2.BadRequest()
        if detail.Unpack(info):
            reason = info.reason
        elif detail.Unpack(bad_request):
            fields = [v.field for v in bad_request.field_violations]
    return Refusal(raised.value.code(), reason, fields)


def violations(call: Callable[[], object]) -> dict[str, str]:
    """Calls `call`, which must be refused as INVALID_ARGUMENT: its field violations, field -> description."""
    with pytest.raises(grpc.RpcError) as raised:
        call()
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    bad_request = error_details_pb2.BadRequest()
    for detail in rpc_status.from_call(raised.value).details:
        if detail.Unpack(bad_request):
            return {v.field: v.description for v in bad_request.field_violations}
    return {}
