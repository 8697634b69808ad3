"""The projector of the distributed runtime: the same projection handlers inside a faust-streaming app.

One faust app per projection, its consumer group named after the projection, one agent over the
projection's topics. Delivery is at least once: the agent takes a batch of records without acking
them, hands it to the projection runner (the same handlers, the same version-guarded read-model
write, the same dead-lettering as the embedded runtime), and acks the records only once the
batch is applied; faust commits acked offsets. A crash before that redelivers the batch, which
the version guard makes harmless. A batch that cannot be applied (the read model is out of reach)
is retried until it can, and never acked meanwhile.

Group timings follow the Kafka consumer settings (`FEDSTD_KAFKA_SESSION_TIMEOUT_MS`, ...) and can
be set for faust alone: `FEDSTD_FAUST_BROKER_SESSION_TIMEOUT`, `FEDSTD_FAUST_BROKER_HEARTBEAT_INTERVAL`,
`FEDSTD_FAUST_BROKER_REBALANCE_TIMEOUT` (seconds). A test broker such as Tansu needs 6, 1 and 5.
`FEDSTD_FAUST_BATCH_SIZE` sets how many records are applied together. Faust wants a data folder for
tables, which this app has none of: it gets `FEDSTD_FAUST_DATADIR` (`<temp dir>/fedstd-faust`), which
stays empty and is shared by the processes of a machine.
"""
from __future__ import annotations

import asyncio
import logging
import os
import ssl
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import faust

from services.common.bus import BusUnavailable, Delivery, Record
from services.common.bus.kafka import KafkaBus, KafkaSettings
from services.common.failpoints import failpoint
from services.common.projection import ProjectionRunner

log = logging.getLogger(__name__)

BATCH_WITHIN_S = 0.5
IDLE_BEAT_S = 5.0
RETRY_MAX_S = 5.0
STOP_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class FaustSettings:
    session_timeout: float
    heartbeat_interval: float
    rebalance_timeout: float
    #: Records applied (and acked) together: `FEDSTD_FAUST_BATCH_SIZE`, 500 by default.
    batch_size: int = 500
    datadir: str = os.path.join(tempfile.gettempdir(), "fedstd-faust")

    @classmethod
    def from_env(cls, kafka: KafkaSettings, env: Mapping[str, str] = os.environ) -> "FaustSettings":
        def seconds(name: str, default_ms: int) -> float:
            value = env.get(f"FEDSTD_FAUST_BROKER_{name}")
            return float(value) if value else default_ms / 1000

        return cls(
            session_timeout=seconds("SESSION_TIMEOUT", kafka.session_timeout_ms),
            heartbeat_interval=seconds("HEARTBEAT_INTERVAL", kafka.heartbeat_interval_ms),
            rebalance_timeout=seconds("REBALANCE_TIMEOUT", kafka.max_poll_interval_ms),
            batch_size=int(env.get("FEDSTD_FAUST_BATCH_SIZE") or cls.batch_size),
            datadir=env.get("FEDSTD_FAUST_DATADIR") or cls.datadir,
        )


def broker_credentials(kafka: KafkaSettings) -> faust.auth.Credentials | None:
    """The Kafka clients' TLS and SASL options (`FEDSTD_KAFKA_CLIENT_*`, kafka-python names) as faust's
    broker credentials, so that the faust projector connects as the relay and the other consumers do."""
    options = dict(kafka.client_options)
    protocol = str(options.get("security_protocol", "PLAINTEXT")).upper()
    if protocol == "PLAINTEXT":
        return None
    context = None
    if protocol in ("SSL", "SASL_SSL"):
        context = ssl.create_default_context(cafile=options.get("ssl_cafile"))
        if options.get("ssl_certfile"):
            context.load_cert_chain(options["ssl_certfile"], options.get("ssl_keyfile"), options.get("ssl_password"))
        context.check_hostname = bool(options.get("ssl_check_hostname", True))
    if protocol == "SSL":
        return faust.SSLCredentials(context)
    if protocol in ("SASL_PLAINTEXT", "SASL_SSL"):
        return faust.SASLCredentials(username=options.get("sasl_plain_username"), password=options.get("sasl_plain_password"),
                                     mechanism=str(options.get("sasl_mechanism", "PLAIN")), ssl_context=context)
    raise ValueError(f"FEDSTD_KAFKA_CLIENT_SECURITY_PROTOCOL {protocol!r} is none of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL")


def _delivery(message) -> Delivery:
    headers = message.headers.items() if isinstance(message.headers, Mapping) else message.headers or ()
    record = Record(
        topic=message.topic,
        key=(message.key or b"").decode("utf-8", "replace"),
        value=message.value or b"",
        headers={key: value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
                 for key, value in headers},
    )
    return Delivery(record, message.partition, message.offset)


class FaustProjector:
    """Runs projection runners' projections as faust agents until `stop` is set."""

    def __init__(self, runners: Sequence[ProjectionRunner], stop: threading.Event):
        self.runners = runners
        self.stop = stop

    def run(self) -> None:
        """Serves until stopped; an app that fails is started again, as the runner reconnects a consumer."""
        while not self.stop.is_set():
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._serve(loop))
            except Exception:
                log.exception("faust projector failed; starting again")
                self.stop.wait(RETRY_MAX_S)
            finally:
                loop.close()

    async def _serve(self, loop: asyncio.AbstractEventLoop) -> None:
        bus = self.runners[0].bus
        if not isinstance(bus, KafkaBus):
            raise TypeError("the faust projector needs the Kafka bus")
        if not await self._ensure_topics(bus):
            return
        apps: list[faust.App] = []
        try:
            for runner in self.runners:
                apps.append(self._app(runner, bus.settings, loop))
                await apps[-1].start()
            while not self.stop.is_set():
                if crashed := [app for app in apps if app.crashed]:
                    raise RuntimeError(f"faust app {crashed[0].conf.id} crashed: {crashed[0].crash_reason!r}")
                await asyncio.sleep(IDLE_BEAT_S / 10)
        finally:
            for app in apps:
                try:
                    await asyncio.wait_for(app.stop(), STOP_TIMEOUT_S)
                except Exception:  # a stop that hangs or fails leaves uncommitted work for redelivery
                    log.warning("faust app %s did not stop cleanly", app.conf.id, exc_info=True)

    async def _ensure_topics(self, bus: KafkaBus) -> bool:
        """Creates the topics (as the relays do) so that the agents can subscribe; False when stopped first."""
        topics = sorted({topic for runner in self.runners for topic in runner.projection.topics})
        while not self.stop.is_set():
            try:
                await asyncio.get_running_loop().run_in_executor(None, bus.ensure_topics, topics)
                return True
            except BusUnavailable as exc:
                log.warning("faust projector: bus unavailable: %s", exc)
                await asyncio.sleep(1.0)
        return False

    def _app(self, runner: ProjectionRunner, kafka: KafkaSettings, loop: asyncio.AbstractEventLoop) -> faust.App:
        timings = FaustSettings.from_env(kafka)
        projection = runner.projection
        datadir = os.path.join(timings.datadir, projection.name)
        os.makedirs(datadir, exist_ok=True)
        app = faust.App(
            projection.name,
            broker=[f"kafka://{server}" for server in kafka.bootstrap_servers.split(",")],
            loop=loop,
            datadir=datadir,
            web_enabled=False,
            key_serializer="raw",
            value_serializer="raw",
            consumer_auto_offset_reset="earliest",
            broker_session_timeout=timings.session_timeout,
            broker_heartbeat_interval=timings.heartbeat_interval,
            broker_rebalance_timeout=timings.rebalance_timeout,
            broker_request_timeout=max(kafka.request_timeout_ms / 1000, timings.session_timeout + 1),
            broker_commit_interval=1.0,
            producer_acks=-1,
            broker_credentials=broker_credentials(kafka),
        )
        topic = app.topic(*projection.topics, key_serializer="raw", value_serializer="raw")

        async def project(stream) -> None:
            with runner.telemetry.progress.running():
                beating = asyncio.ensure_future(self._beat_while_idle(runner))
                try:
                    async for events in stream.noack_take(timings.batch_size, within=BATCH_WITHIN_S):
                        if not await self._apply(runner, [_delivery(event.message) for event in events]):
                            return
                        failpoint("consumer.after_apply")
                        for event in events:
                            await stream.ack(event)
                finally:
                    beating.cancel()

        app.agent(topic, name=f"{projection.name}.agent", concurrency=1)(project)
        return app

    async def _apply(self, runner: ProjectionRunner, deliveries: list[Delivery]) -> bool:
        """Applies a batch, retrying until it is applied (True) or the projector stops (False)."""
        delay = 0.1
        loop = asyncio.get_running_loop()
        while not self.stop.is_set():
            try:
                await loop.run_in_executor(None, runner.process, deliveries)
                runner.telemetry.beat(len(deliveries), None)
                return True
            except Exception:
                runner.telemetry.progress.errors.inc()
                log.exception("projection %s: a batch could not be applied; retrying", runner.projection.name)
                await asyncio.sleep(delay)
                delay = min(delay * 2, RETRY_MAX_S)
        return False

    @staticmethod
    async def _beat_while_idle(runner: ProjectionRunner) -> None:
        while True:
            await asyncio.sleep(IDLE_BEAT_S)
            runner.telemetry.beat(0, None)


def run_on_kafka(runners: Sequence[ProjectionRunner], stop: threading.Event) -> None:
    """The ServiceDefinition hook: the projector role on Kafka."""
    FaustProjector(runners, stop).run()
