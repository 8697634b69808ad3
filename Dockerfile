# syntax=docker/dockerfile:1
# fedstd: one small image for every service and role; each Deployment picks its part by arguments,
#   fedstd serve registry --roles api            (gRPC API)
#   fedstd serve registry --roles relay,projector (outbox relay and projections)
#
# The base is pinned by tag and digest (the multi-platform index). To move it, take the new digest
# from `docker buildx imagetools inspect python:TAG` and change it in this one ARG.
ARG PYTHON_IMAGE=python:3.12.11-slim-bookworm@sha256:519591d6871b7bc437060736b9f7456b8731f1499a57e22e6c285135ae657bf7

# -- build: a wheel of fedstd, installed with its dependencies (binary wheels only) into a venv ----
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY services ./services
COPY gen ./gen
RUN python -m venv /opt/fedstd \
 && /opt/fedstd/bin/pip wheel --no-deps --wheel-dir /wheels . \
 && /opt/fedstd/bin/pip install --only-binary=:all: /wheels/fedstd-*.whl \
 && /opt/fedstd/bin/pip uninstall --yes pip
COPY --chmod=0755 scripts/replay_dead_letters.py /opt/fedstd/bin/fedstd-replay-dead-letters

# -- runtime: the interpreter of the same base and the venv; no pip, no build tools, not root -----
FROM ${PYTHON_IMAGE} AS runtime
ENV PATH=/opt/fedstd/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
COPY --from=build /opt/fedstd /opt/fedstd
USER 10001:10001
# gRPC (the api role) and the metrics and health endpoint (FEDSTD_METRICS_PORT).
EXPOSE 50051 9464
ENTRYPOINT ["fedstd"]
CMD ["--help"]
