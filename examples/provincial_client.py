"""A minimal provincial client: calls fedstd's gRPC services with grpcio and the generated stubs only.

    pip install grpcio grpcio-status protobuf googleapis-common-protos   # plus fedstd's generated code
    python provincial_client.py --registry host:50051 --reporting host:50053 --as-of 2023-12-31

The bearer token comes from --token or FEDSTD_TOKEN (`fedstd token --role partner` issues one). It is
sent as `authorization: Bearer <token>` metadata on every call: that is all the authentication there is.

What it shows, one JSON line per step:
1. `standards`: every group standard, page by page (`page_size`, `page_token`, `next_page_token`);
2. `progress`: the federation-wide progress as of a date;
3. `watch`: live progress (today's): the first update at once, then one after each change, until cancelled;
4. `error`: a call with an invalid argument, and how to read the rich error details: the status code,
   the message, and the `google.rpc` details (`BadRequest` field violations, `ErrorInfo` reason).
"""
from __future__ import annotations

import argparse
import json
import os
import sys

import grpc
from google.protobuf.json_format import MessageToDict
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from fedstd.registry.v1 import registry_service_pb2 as registry
from fedstd.registry.v1 import registry_service_pb2_grpc as registry_grpc
from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc

#: The google.rpc detail types fedstd sends, by the name printed for them.
DETAIL_TYPES = {
    "bad_request": error_details_pb2.BadRequest,
    "error_info": error_details_pb2.ErrorInfo,
    "precondition_failure": error_details_pb2.PreconditionFailure,
}


def emit(step: str, **fields) -> None:
    print(json.dumps({"step": step, **fields}, ensure_ascii=False), flush=True)


def as_json(message) -> dict:
    return MessageToDict(message, preserving_proto_field_name=True)


def describe_error(error: grpc.RpcError) -> dict:
    """The status code, message and every google.rpc detail of a failed call."""
    described: dict = {"code": error.code().name, "message": error.details(), "details": []}
    status = rpc_status.from_call(error)
    for detail in status.details if status is not None else ():
        for name, detail_type in DETAIL_TYPES.items():
            if detail.Is(detail_type.DESCRIPTOR):
                unpacked = detail_type()
                detail.Unpack(unpacked)
                described["details"].append({name: as_json(unpacked)})
    return described


def list_standards(stub: registry_grpc.RegistryServiceStub, metadata, page_size: int) -> None:
    page_token, page = "", 0
    while True:
        response = stub.ListGroupStandards(
            registry.ListGroupStandardsRequest(page_size=page_size, page_token=page_token), metadata=metadata, timeout=10)
        page += 1
        emit("standards", page=page, standards=[{"name": s.name, "number": s.number, "title": s.title}
                                                for s in response.group_standards])
        page_token = response.next_page_token
        if not page_token:
            return


def watch_progress(stub: reporting_grpc.ReportingServiceStub, metadata, updates: int, timeout: float) -> None:
    """Live progress (as of today): the first answer at once, then one after each change."""
    stream = stub.WatchFederationProgress(
        reporting.WatchFederationProgressRequest(view=reporting.FEDERATION_PROGRESS_VIEW_BASIC),
        metadata=metadata, timeout=timeout)
    try:
        for received, progress in enumerate(stream, start=1):
            emit("watch", update=received, total=as_json(progress.total))
            if received >= updates:
                break
    finally:
        stream.cancel()  # ends the call on the server too


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--registry", required=True, help="registry service host:port")
    parser.add_argument("--reporting", required=True, help="reporting service host:port")
    parser.add_argument("--token", default=os.environ.get("FEDSTD_TOKEN"), help="bearer token (or FEDSTD_TOKEN)")
    parser.add_argument("--as-of", default="", help="date of the progress figures, YYYY-MM-DD (default: today)")
    parser.add_argument("--page-size", type=int, default=50)
    parser.add_argument("--watch-updates", type=int, default=1, help="progress updates to wait for before cancelling")
    parser.add_argument("--watch-timeout", type=float, default=60.0)
    args = parser.parse_args()
    if not args.token:
        parser.error("a bearer token is needed: --token or FEDSTD_TOKEN")
    metadata = (("authorization", f"Bearer {args.token}"),)

    # Plain channels: TLS, where there is any, is terminated in front of the services.
    with grpc.insecure_channel(args.registry) as registry_channel, grpc.insecure_channel(args.reporting) as reporting_channel:
        registry_stub = registry_grpc.RegistryServiceStub(registry_channel)
        reporting_stub = reporting_grpc.ReportingServiceStub(reporting_channel)
        try:
            list_standards(registry_stub, metadata, args.page_size)
            progress = reporting_stub.GetFederationProgress(
                reporting.GetFederationProgressRequest(as_of=args.as_of, view=reporting.FEDERATION_PROGRESS_VIEW_BASIC),
                metadata=metadata, timeout=10)
            emit("progress", as_of=progress.as_of, total=as_json(progress.total),
                 leagues=[row.league_code for row in progress.leagues])
            watch_progress(reporting_stub, metadata, args.watch_updates, args.watch_timeout)
        except grpc.RpcError as error:
            emit("failed", **describe_error(error))
            return 1
        # A malformed date: the service answers INVALID_ARGUMENT and names the field in a BadRequest.
        try:
            reporting_stub.GetFederationProgress(reporting.GetFederationProgressRequest(as_of="31.12.2023"),
                                                 metadata=metadata, timeout=10)
            emit("error", code="OK")
        except grpc.RpcError as error:
            emit("error", **describe_error(error))
    return 0


if __name__ == "__main__":
    sys.exit(main())
