"""Interceptors' wrappings of gRPC method handlers, made once per method."""
from __future__ import annotations

from collections.abc import Callable

import grpc


class WrappedHandlers:
    """An interceptor's wrapping of each method's handler, made once per method instead of on every call.

    The servicers' handlers are made once, when a service is added to the server; a method whose handler
    is a new object (some generic handler making them per call) is wrapped again, never from a stale copy.
    """

    def __init__(self, wrap: Callable[[str, grpc.RpcMethodHandler], grpc.RpcMethodHandler]):
        self._wrap = wrap
        self._by_method: dict[str, tuple[grpc.RpcMethodHandler, grpc.RpcMethodHandler]] = {}

    def get(self, method: str, handler: grpc.RpcMethodHandler | None) -> grpc.RpcMethodHandler | None:
        if handler is None:
            return None
        known = self._by_method.get(method)
        if known is not None and known[0] is handler:
            return known[1]
        wrapped = self._wrap(method, handler)
        self._by_method[method] = (handler, wrapped)
        return wrapped
