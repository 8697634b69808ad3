"""The gRPC baseline server: every method answers an empty message at once.

Same grpcio, same thread pool size and message limits as fedstd's servers (services/common/grpc_server.py),
no interceptors, no work: what is left is the cost of gRPC itself over loopback. With `--client-stream`
every method is client-streaming instead: it drains the requests (as bytes, unparsed) and answers.

    python benchmarks/noop_server.py PORT [--client-stream]
"""
from __future__ import annotations

import signal
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import grpc


def _noop(request: bytes, context: grpc.ServicerContext) -> bytes:
    return b""


def _drain(requests, context: grpc.ServicerContext) -> bytes:
    for _ in requests:
        pass
    return b""


class AnyMethod(grpc.GenericRpcHandler):
    def __init__(self, client_stream: bool):
        self.client_stream = client_stream

    def service(self, handler_call_details: grpc.HandlerCallDetails) -> grpc.RpcMethodHandler:
        if self.client_stream:
            return grpc.stream_unary_rpc_method_handler(_drain)
        return grpc.unary_unary_rpc_method_handler(_noop)


def main() -> None:
    from services.common.grpc_server import MAX_MESSAGE_BYTES

    server = grpc.server(ThreadPoolExecutor(max_workers=16), handlers=[AnyMethod("--client-stream" in sys.argv[2:])], options=[
        ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES), ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        ("grpc.so_reuseport", 0)])
    server.add_insecure_port(f"127.0.0.1:{sys.argv[1]}")
    server.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
    server.stop(1).wait()


if __name__ == "__main__":
    main()
