"""error_status: each FedstdError becomes its canonical gRPC code with rich details (AIP-193)."""
from __future__ import annotations

import grpc
import pytest
from pymongo.errors import AutoReconnect, ServerSelectionTimeoutError
from google.rpc import code_pb2, error_details_pb2, status_pb2

from services.common.errors import (
    AlreadyExistsError,
    ConcurrencyError,
    DeadlineError,
    FailedPreconditionError,
    FieldViolation,
    NotFoundError,
    ValidationError,
)
from services.common.grpc_server import ERROR_DOMAIN, error_status


def rich_status(status: grpc.Status) -> status_pb2.Status:
    metadata = dict(status.trailing_metadata)
    assert set(metadata) == {"grpc-status-details-bin"}
    decoded = status_pb2.Status.FromString(metadata["grpc-status-details-bin"])
    # The binary details repeat the plain code and message.
    assert decoded.code == status.code.value[0]
    assert decoded.message == status.details
    return decoded


def details_of(decoded: status_pb2.Status) -> tuple[error_details_pb2.ErrorInfo, list]:
    info = error_details_pb2.ErrorInfo()
    assert decoded.details[0].Unpack(info)
    return info, list(decoded.details[1:])


def test_validation_error_is_invalid_argument_with_every_field() -> None:
    error = ValidationError([
        FieldViolation("uscc", "not a valid unified social credit code"),
        FieldViolation("scores.quality", "must be from 0 to 300"),
        FieldViolation("evaluated_on", "required: a date as YYYY-MM-DD"),
    ])
    status = error_status(error)
    assert status.code == grpc.StatusCode.INVALID_ARGUMENT
    assert "scores.quality: must be from 0 to 300" in status.details

    info, rest = details_of(rich_status(status))
    assert (info.reason, info.domain) == ("INVALID_ARGUMENT", ERROR_DOMAIN)
    (packed,) = rest
    bad_request = error_details_pb2.BadRequest()
    assert packed.Unpack(bad_request)
    assert [(v.field, v.description) for v in bad_request.field_violations] == [
        ("uscc", "not a valid unified social credit code"),
        ("scores.quality", "must be from 0 to 300"),
        ("evaluated_on", "required: a date as YYYY-MM-DD"),
    ]


@pytest.mark.parametrize(
    ("error", "code", "reason"),
    [
        (ConcurrencyError("stream s is at version 2, expected 1"), grpc.StatusCode.ABORTED, "CONCURRENT_MODIFICATION"),
        (NotFoundError("leagues/150100/annualReports/2022 not found"), grpc.StatusCode.NOT_FOUND, "NOT_FOUND"),
        (AlreadyExistsError("T/NMB 14—2023 is already published"), grpc.StatusCode.ALREADY_EXISTS, "ALREADY_EXISTS"),
        (FailedPreconditionError("REPORT_ALREADY_SUBMITTED", "leagues/150100/annualReports/2022 is already submitted"),
         grpc.StatusCode.FAILED_PRECONDITION, "REPORT_ALREADY_SUBMITTED"),
        (DeadlineError("k has not reached version 3"), grpc.StatusCode.DEADLINE_EXCEEDED, "NOT_YET_VISIBLE"),
    ],
)
def test_domain_errors_map_to_their_codes_with_error_info(error: Exception, code: grpc.StatusCode, reason: str) -> None:
    status = error_status(error)
    assert status.code == code
    assert status.details == str(error)
    info, rest = details_of(rich_status(status))
    assert info.reason == reason
    assert info.domain == ERROR_DOMAIN
    assert rest == []  # BadRequest only for bad input


def test_code_numbers_match_google_rpc() -> None:
    status = error_status(NotFoundError("x"))
    assert rich_status(status).code == code_pb2.NOT_FOUND


@pytest.mark.parametrize(
    "error",
    [RuntimeError("password=hunter2 at db.internal:5432"), KeyError("secret-key"), ZeroDivisionError("division by zero")],
)
def test_unexpected_errors_are_internal_and_leak_nothing(error: Exception) -> None:
    status = error_status(error)
    assert status.code == grpc.StatusCode.INTERNAL
    assert status.details == "internal error"
    decoded = rich_status(status)
    info, rest = details_of(decoded)
    assert info.reason == "INTERNAL"
    assert rest == []
    leaked = str(error).strip("'")
    assert leaked not in status.details
    assert leaked.encode() not in dict(status.trailing_metadata)["grpc-status-details-bin"]


@pytest.mark.parametrize("error", [AutoReconnect("mongo.internal:27017: connection refused"),
                                   ServerSelectionTimeoutError("mongo.internal:27017: timed out")])
def test_a_store_out_of_reach_is_unavailable_and_leaks_nothing(error: Exception) -> None:
    status = error_status(error)
    assert (status.code, status.details) == (grpc.StatusCode.UNAVAILABLE, "a store is out of reach; retry later")
    assert details_of(rich_status(status))[0].reason == "STORE_UNAVAILABLE"
    assert b"mongo.internal" not in dict(status.trailing_metadata)["grpc-status-details-bin"]
