"""The `fedstd` command line: run the suite embedded or one service distributed, and query it."""
from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

import grpc
from google.protobuf.json_format import MessageToDict

from services.common.auth import AuthSettings, Role, TokenIssuer
from services.common.config import DEFAULT_PORTS, SERVICES, Settings, kafka_settings_from_env
from services.common.runtime import ROLES, WORKER_MODES, DistributedInfrastructure, ProcessStartError, ServiceHost, Suite


#: The demo's defaults: about a minute on two cores (measured 50-95 s, by the load of the machine).
DEMO_SEED = 2021
DEMO_ENTERPRISES = 6000


def _at_least(minimum: int):
    def parse(text: str) -> int:
        value = int(text)
        if value < minimum:
            raise argparse.ArgumentTypeError(f"at least {minimum}")
        return value
    return parse


def _wait_for_signal() -> None:
    """Blocks until SIGTERM or SIGINT."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    stop.wait()


def _print_ports(ports: dict[str, int], host: str) -> None:
    for service, port in ports.items():
        print(f"  {service:<11} {host}:{port}", flush=True)


def _settings(args: argparse.Namespace) -> Settings:
    try:
        settings = Settings.from_env()
    except ValueError as exc:  # a FEDSTD_* variable that cannot be right: say which, before anything starts
        sys.exit(f"fedstd: {exc}")
    if getattr(args, "data_dir", None):
        settings.data_dir = Path(args.data_dir)
    if getattr(args, "host", None):
        settings.host = args.host
    for service in SERVICES:
        if (port := getattr(args, f"{service}_port", None)) is not None:
            settings.ports[service] = port
    return settings


def _print_first_token(suite: Suite) -> None:
    """Printed once, when the embedded runtime makes its local key; `fedstd token` issues more."""
    if suite.made_local_key:
        token = TokenIssuer(suite.settings.auth).issue(Role.REGION)
        print(f"a local token key was made in {suite.settings.data_dir}; a region-federation token (24 h):\n  {token}\n"
              f"more with: fedstd token --data-dir {suite.settings.data_dir} --role ROLE --scope SCOPE", flush=True)


def _start_suite(settings: Settings, workers: str) -> Suite:
    """The embedded suite, started; settings it cannot run with, a port taken or a child process that could not start
    end the command in one line."""
    try:
        return Suite(settings, workers=workers).start()
    except (ValueError, OSError, ProcessStartError) as exc:
        sys.exit(f"fedstd: {exc}")


def cmd_up(args: argparse.Namespace) -> int:
    settings = _settings(args)
    suite = _start_suite(settings, args.workers)
    where = "in a worker process, the reporting API in one of its own" if suite.children else "in threads"
    print(f"fedstd is up (embedded, data in {settings.data_dir}; relays and projections {where}); gRPC ports:", flush=True)
    _print_ports(suite.ports, settings.host)
    _print_first_token(suite)
    _wait_for_signal()
    print("stopping...", flush=True)
    suite.stop()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.kafka_bootstrap:
        settings.kafka = kafka_settings_from_env(args.kafka_bootstrap)
    if args.mongo_uri:
        settings.mongo_uri = args.mongo_uri
    if args.port is not None:
        settings.ports[args.service] = args.port
    if settings.kafka is None or not settings.mongo_uri:
        print("fedstd serve: needs --kafka-bootstrap (or FEDSTD_KAFKA_BOOTSTRAP) and --mongo-uri (or FEDSTD_MONGO_URI)",
              file=sys.stderr)
        return 2
    if settings.auth is None and "api" in args.roles:
        print("fedstd serve: needs token keys in FEDSTD_AUTH_KEYS (kid:base64url-secret,...); "
              "FEDSTD_AUTH_DISABLED=true turns authentication off on purpose", file=sys.stderr)
        return 2
    if settings.auth is not None and not settings.auth.enabled:
        logging.getLogger("fedstd").warning("authentication is DISABLED (FEDSTD_AUTH_DISABLED): every caller acts as the region")
    roles = [r for r in args.roles.split(",") if r]
    infrastructure = DistributedInfrastructure(settings)
    try:
        host = ServiceHost(args.service, infrastructure, settings, roles).start()
    except (ValueError, OSError) as exc:
        print(f"fedstd serve: {exc}", file=sys.stderr)
        return 2
    print(f"fedstd {args.service} is serving ({', '.join(roles)})", flush=True)
    if host.port:
        _print_ports({args.service: host.port}, settings.host)
    _wait_for_signal()
    host.stop()
    infrastructure.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Starts the embedded suite and plays the synthetic programme (services/programme) against it."""
    from services.programme.bars import ProgressBars
    from services.programme.driver import ProgrammeError, run_programme
    from services.programme.synthetic import generate
    from services.programme.tables import demo_table

    started = time.monotonic()
    settings = _settings(args)
    if not args.data_dir:
        settings.data_dir = Path(tempfile.mkdtemp(prefix="fedstd-demo-"))
        for service in SERVICES:
            settings.ports[service] = 0 if getattr(args, f"{service}_port") is None else settings.ports[service]
    elif any(settings.data_dir.glob("*.events.db")):
        print(f"fedstd demo: {settings.data_dir} already holds a suite's data; the demo starts from an empty folder",
              file=sys.stderr)
        return 2
    out_dir = Path(args.out) if args.out else settings.data_dir / "reports"
    programme = generate(args.seed, args.enterprises)
    suite = _start_suite(settings, args.workers)
    try:
        print(f"fedstd demo: the suite runs embedded, data in {settings.data_dir}", flush=True)
        _print_ports(suite.ports, settings.host)
        _print_first_token(suite)
        print(f"driving a synthetic federation (seed {args.seed}, {args.enterprises} enterprises) through the plan, "
              "2021-09 to 2023-12, over the public gRPC APIs", flush=True)
        try:
            outcome = run_programme(settings.host, suite.ports, TokenIssuer(suite.settings.auth), programme, out_dir,
                                    ProgressBars())
        except ProgrammeError as exc:
            print(f"fedstd demo: {exc}", file=sys.stderr)
            return 1
        print(demo_table(outcome.progress, outcome.reports))
        print(f"\nthe brand development reports (内蒙古品牌发展报告) of each year are in {out_dir}:")
        for path in outcome.report_files:
            print(f"  {path}")
        print(f"the demo took {time.monotonic() - started:.0f} s", flush=True)
        if args.keep_running:
            ports = " ".join(f"--{service}-port {port}" for service, port in suite.ports.items())
            print(f"\nthe suite keeps running (Ctrl-C to stop); ask it, for example:\n"
                  f"  fedstd league 150100 --data-dir {settings.data_dir} {ports}\n"
                  f"  fedstd progress --data-dir {settings.data_dir} --target {settings.host}:{suite.ports['reporting']} "
                  f"--as-of 2023-12-31", flush=True)
            _wait_for_signal()
    finally:
        suite.stop()
    return 0


def _client_token(args: argparse.Namespace) -> str | None:
    """--token, else FEDSTD_TOKEN, else a short-lived read-only token from the local key of --data-dir."""
    if args.token:
        return args.token
    key_file = Path(args.data_dir or Settings.from_env().data_dir) / "auth-key.json"
    if key_file.exists():
        return TokenIssuer(AuthSettings.local(key_file.parent)[0]).issue(Role.PARTNER, ttl_s=300)
    return None


def _client_tls(args: argparse.Namespace):
    """TLS for the client commands: the --tls* flags, which default to FEDSTD_TLS* (plaintext when none is set)."""
    from services.common.client import ClientTls

    files = (args.tls_ca_file, args.tls_cert_file, args.tls_key_file)
    if not args.tls and not any(files):
        return None
    return ClientTls(*(Path(f) if f else None for f in files))


def add_tls(command: argparse.ArgumentParser) -> None:
    command.add_argument("--tls", action="store_true", default=os.environ.get("FEDSTD_TLS", "").lower() in ("1", "true", "yes"),
                         help="call over TLS, verifying the server with the system's roots (or FEDSTD_TLS=true)")
    command.add_argument("--tls-ca-file", default=os.environ.get("FEDSTD_TLS_CA_FILE"),
                         help="CA certificate (PEM) that signed the servers' certificates; implies --tls (or FEDSTD_TLS_CA_FILE)")
    command.add_argument("--tls-cert-file", default=os.environ.get("FEDSTD_TLS_CLIENT_CERT_FILE"),
                         help="client certificate for mutual TLS (or FEDSTD_TLS_CLIENT_CERT_FILE)")
    command.add_argument("--tls-key-file", default=os.environ.get("FEDSTD_TLS_CLIENT_KEY_FILE"),
                         help="its private key (or FEDSTD_TLS_CLIENT_KEY_FILE)")


def cmd_progress(args: argparse.Namespace) -> int:
    from fedstd.reporting.v1 import reporting_service_pb2 as api
    from fedstd.reporting.v1 import reporting_service_pb2_grpc as api_grpc
    from services.common.client import channel
    from services.demo import progress_table

    token = _client_token(args)
    if token is None:
        print("fedstd progress: no token: pass --token (or FEDSTD_TOKEN), or --data-dir of an embedded suite", file=sys.stderr)
        return 2
    with channel(args.target, token, _client_tls(args)) as reporting:
        try:
            progress = api_grpc.ReportingServiceStub(reporting).GetFederationProgress(
                api.GetFederationProgressRequest(as_of=args.as_of or ""), timeout=args.timeout
            )
        except grpc.RpcError as exc:
            print(f"fedstd progress: {exc.code().name}: {exc.details()}", file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps(MessageToDict(progress, preserving_proto_field_name=True), ensure_ascii=False, indent=2))
    else:
        print(progress_table(progress))
    return 0


def _lookup(args: argparse.Namespace, ask) -> int:
    """Runs one of the by-hand questions (services/programme/lookups.py) and prints its tables or JSON."""
    from services.programme.lookups import connect

    token = _client_token(args)
    if token is None:
        print(f"fedstd {args.command}: no token: pass --token (or FEDSTD_TOKEN), or --data-dir of an embedded suite",
              file=sys.stderr)
        return 2
    settings = _settings(args)
    try:
        with connect(settings.host, settings.ports, token, args.timeout, _client_tls(args)) as stubs:
            answer = ask(stubs)
    except grpc.RpcError as exc:
        print(f"fedstd {args.command}: {exc.code().name}: {exc.details()}", file=sys.stderr)
        return 1
    except LookupError as exc:
        print(f"fedstd {args.command}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(answer.data, ensure_ascii=False, indent=2) if args.json else answer.text)
    return 0


def cmd_league(args: argparse.Namespace) -> int:
    from services.common import divisions
    from services.programme import lookups

    if not divisions.is_league(args.code):
        print(f"fedstd league: {args.code!r} is not one of the 12 league/city codes (fedstd progress shows the region)",
              file=sys.stderr)
        return 2
    return _lookup(args, lambda stubs: lookups.league(stubs, args.code, args.as_of or ""))


def cmd_enterprise(args: argparse.Namespace) -> int:
    from services.programme import lookups

    return _lookup(args, lambda stubs: lookups.enterprise(stubs, args.uscc.upper(), args.as_of or ""))


def cmd_standard(args: argparse.Namespace) -> int:
    from services.programme import lookups

    return _lookup(args, lambda stubs: lookups.standard(stubs, args.standard, args.as_of or ""))


def cmd_audit(args: argparse.Namespace) -> int:
    """Asks each service for the resource's events; the one that owns the name answers."""
    from fedstd.audit.v1 import audit_service_pb2 as audit
    from fedstd.audit.v1 import audit_service_pb2_grpc as audit_grpc
    from services.common.client import channel

    token = args.token
    key_file = Path(args.data_dir or Settings.from_env().data_dir) / "auth-key.json"
    if not token and key_file.exists():  # the audit trail is not for partners: the key's holder acts as the region
        token = TokenIssuer(AuthSettings.local(key_file.parent)[0]).issue(Role.REGION, ttl_s=300)
    if not token:
        print("fedstd audit: no token: pass --token (or FEDSTD_TOKEN), or --data-dir of an embedded suite", file=sys.stderr)
        return 2
    settings = _settings(args)
    entries = None
    for service in SERVICES:
        with channel(f"{settings.host}:{settings.ports[service]}", token, _client_tls(args)) as open_channel:
            stub, entries, page_token = audit_grpc.AuditServiceStub(open_channel), [], ""
            try:
                while True:
                    page = stub.ListResourceEvents(audit.ListResourceEventsRequest(
                        resource=args.resource, page_size=1000, page_token=page_token), timeout=args.timeout)
                    entries.extend(page.entries)
                    if not (page_token := page.next_page_token):
                        break
                break
            except grpc.RpcError as exc:
                entries = None
                if exc.code() != grpc.StatusCode.INVALID_ARGUMENT:  # the owner answered: not found, not allowed, ...
                    print(f"fedstd audit: {service}: {exc.code().name}: {exc.details()}", file=sys.stderr)
                    return 1
    if entries is None:
        print(f"fedstd audit: {args.resource!r} is not the name of a resource of any service", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([MessageToDict(e, preserving_proto_field_name=True) for e in entries], ensure_ascii=False, indent=2))
        return 0
    print(f"{'version':>7}  {'occurred at (UTC)':<19}  {'event':<40}  {'actor':<28}  {'role':<9}  correlation id")
    for e in entries:
        print(f"{e.stream_version:>7}  {e.occurred_at.ToDatetime():%Y-%m-%d %H:%M:%S}  {e.event_type.rsplit('.', 1)[-1]:<40}  "
              f"{e.actor or '(the service)':<28}  {e.actor_role or '-':<9}  {e.correlation_id}")
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    settings = AuthSettings.local(Path(args.data_dir))[0] if args.data_dir else AuthSettings.from_env()
    if settings is None or not settings.keys:
        print("fedstd token: no key: set FEDSTD_AUTH_KEYS or pass --data-dir of an embedded suite", file=sys.stderr)
        return 2
    role = Role(args.role)
    if role in (Role.LEAGUE, Role.CHAMBER, Role.EVALUATOR) and not args.scope:
        print(f"fedstd token: --scope is required for the {role} role", file=sys.stderr)
        return 2
    leagues = tuple(code for code in args.leagues.split(",") if code)
    print(TokenIssuer(settings).issue(role, args.scope, leagues, ttl_s=int(args.ttl_hours * 3600)))
    return 0


def cmd_brand_report(args: argparse.Namespace) -> int:
    from fedstd.reporting.v1 import reporting_service_pb2 as api
    from fedstd.reporting.v1 import reporting_service_pb2_grpc as api_grpc
    from services.common.client import channel

    token = _client_token(args)
    if token is None:
        print("fedstd brand-report: no token: pass --token (or FEDSTD_TOKEN), or --data-dir of an embedded suite",
              file=sys.stderr)
        return 2
    with channel(args.target, token, _client_tls(args)) as reporting:
        try:
            report = api_grpc.ReportingServiceStub(reporting).GetBrandDevelopmentReport(
                api.GetBrandDevelopmentReportRequest(year=args.year), timeout=args.timeout)
        except grpc.RpcError as exc:
            print(f"fedstd brand-report: {exc.code().name}: {exc.details()}", file=sys.stderr)
            return 1
    output = Path(args.output or report.filename)
    output.write_bytes(report.content)
    print(f"wrote the {report.year} brand development report (as of {report.as_of}) to {output}")
    return 0


def cmd_rebuild(args: argparse.Namespace) -> int:
    from services.reporting.rebuild import mongo_stores, progress_bar, rebuild, rebuild_embedded

    if args.workers is not None and args.workers < 1:
        print("fedstd rebuild: --workers must be 1 or more", file=sys.stderr)
        return 2
    settings = _settings(args)
    mongo_uri = None if args.data_dir else args.mongo_uri or settings.mongo_uri
    if mongo_uri:
        from pymongo import MongoClient

        client = MongoClient(mongo_uri, serverSelectionTimeoutMS=10_000, **dict(settings.mongo_options))
        prefix = args.database_prefix or settings.mongo_database_prefix
        stores, docs = mongo_stores(client, prefix)
        where = f"MongoDB ({prefix}_*)"
        try:
            replayed, skipped = rebuild(stores, docs, progress_bar(sys.stderr))
        finally:
            for store in stores.values():
                store.close()
            docs.close()
            client.close()
    elif settings.data_dir.is_dir():
        where = str(settings.data_dir)
        replayed, skipped = rebuild_embedded(settings.data_dir, args.workers, progress_bar(sys.stderr))
    else:
        print(f"fedstd rebuild: no embedded data folder at {settings.data_dir} (--data-dir, or --mongo-uri)", file=sys.stderr)
        return 2
    print(file=sys.stderr)
    left_out = f"; {skipped} could not be applied and were left out, as the live projector dead-letters them" if skipped else ""
    print(f"rebuilt the {args.service} read models in {where} from {replayed} events{left_out}")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="fedstd", description=__doc__)
    root.add_argument("--log-level", default="WARNING", help="Python logging level (default WARNING)")
    commands = root.add_subparsers(dest="command", required=True)

    def add_ports(command: argparse.ArgumentParser) -> None:
        command.add_argument("--data-dir", help="folder of the SQLite files (default FEDSTD_DATA_DIR or ./data)")
        command.add_argument("--host", help="address the gRPC servers listen on (default 127.0.0.1)")
        for service in SERVICES:
            command.add_argument(f"--{service}-port", type=int, help=f"gRPC port (default {DEFAULT_PORTS[service]}; 0 picks a free one)")

    def add_workers(command: argparse.ArgumentParser) -> None:
        command.add_argument("--workers", choices=WORKER_MODES, default=os.environ.get("FEDSTD_WORKERS", "process"),
                             help="run the relays and projections in a worker process and the reporting API in a process of "
                                  "its own (default), or everything in one process (or FEDSTD_WORKERS)")

    up = commands.add_parser("up", help="run the whole suite embedded, over one data folder")
    add_ports(up)
    add_workers(up)
    up.set_defaults(run=cmd_up)

    demo = commands.add_parser("demo", help="start the embedded suite and drive the programme through its public APIs")
    add_ports(demo)
    add_workers(demo)
    demo.add_argument("--keep-running", action="store_true", help="leave the suite up afterwards")
    demo.add_argument("--seed", type=int, default=DEMO_SEED, help=f"the synthetic programme's seed (default {DEMO_SEED})")
    demo.add_argument("--enterprises", type=_at_least(100), default=DEMO_ENTERPRISES,
                      help=f"synthetic enterprises, at least 100 (default {DEMO_ENTERPRISES})")
    demo.add_argument("--out", help="folder for the yearly brand development reports (default: reports/ in the data folder)")
    demo.set_defaults(run=cmd_demo)

    serve = commands.add_parser("serve", help="run one service against Kafka and MongoDB")
    serve.add_argument("service", choices=SERVICES)
    serve.add_argument("--roles", default=",".join(ROLES), help=f"comma-separated subset of {','.join(ROLES)}")
    serve.add_argument("--kafka-bootstrap", help="host:port[,host:port] (or FEDSTD_KAFKA_BOOTSTRAP)")
    serve.add_argument("--mongo-uri", help="mongodb://... (or FEDSTD_MONGO_URI)")
    serve.add_argument("--host", help="address the gRPC server listens on")
    serve.add_argument("--port", type=int, help="gRPC port (0 picks a free one)")
    serve.set_defaults(run=cmd_serve)

    progress = commands.add_parser("progress", help="print the federation-wide progress of a running suite")
    progress.add_argument("--target", default=f"127.0.0.1:{DEFAULT_PORTS['reporting']}", help="reporting service host:port")
    progress.add_argument("--json", action="store_true", help="print JSON instead of a table")
    progress.add_argument("--timeout", type=float, default=10.0)
    progress.add_argument("--token", default=os.environ.get("FEDSTD_TOKEN"), help="bearer token (or FEDSTD_TOKEN)")
    progress.add_argument("--data-dir", help="embedded data folder whose local key mints a read-only token")
    progress.add_argument("--as-of", help="YYYY-MM-DD: the progress as it stood on that day (default today)")
    add_tls(progress)
    progress.set_defaults(run=cmd_progress)

    def add_client(command: argparse.ArgumentParser, minted: str) -> None:
        """The options of a command that asks the suite's three services (`minted`: the token --data-dir makes)."""
        command.add_argument("--host", help="address of the suite's gRPC servers (default 127.0.0.1)")
        for service in SERVICES:
            command.add_argument(f"--{service}-port", type=int, help=f"{service} gRPC port (default {DEFAULT_PORTS[service]})")
        command.add_argument("--token", default=os.environ.get("FEDSTD_TOKEN"), help="bearer token (or FEDSTD_TOKEN)")
        command.add_argument("--data-dir", help=f"embedded data folder whose local key mints {minted}")
        command.add_argument("--json", action="store_true", help="print JSON instead of tables")
        command.add_argument("--timeout", type=float, default=30.0)
        add_tls(command)

    def add_query(command: argparse.ArgumentParser) -> None:
        add_client(command, "a read-only token")
        command.add_argument("--as-of", help="YYYY-MM-DD: the answer as it stood on that day (default today)")

    league = commands.add_parser("league", help="a league's progress, annual reports, chambers and group standards")
    league.add_argument("code", help="GB/T 2260 code of one of the 12 leagues/cities, e.g. 150100")
    add_query(league)
    league.set_defaults(run=cmd_league)

    enterprise = commands.add_parser("enterprise", help="an enterprise: brand level and evaluations, declarations, forerunners")
    enterprise.add_argument("uscc", help="its 18-character unified social credit code")
    add_query(enterprise)
    enterprise.set_defaults(run=cmd_enterprise)

    standard = commands.add_parser("standard", help="a group standard: lifecycle, conversions, translations, leaders")
    standard.add_argument("standard", help="its number (T/NMB 014-2023) or name (chambers/NMB/groupStandards/ID)")
    add_query(standard)
    standard.set_defaults(run=cmd_standard)

    audit = commands.add_parser("audit", help="who did what to a resource: its events, with the actor of each")
    audit.add_argument("resource", help="a resource name, e.g. enterprises/91150102MA0000000X or leagues/150100/annualReports/2022")
    add_client(audit, "a region token")
    audit.set_defaults(run=cmd_audit)

    token = commands.add_parser("token", help="issue a bearer token from the configured or local key")
    token.add_argument("--role", required=True, choices=[r.value for r in Role])
    token.add_argument("--scope", default="", help="league code, chamber org code or evaluator id, by role")
    token.add_argument("--leagues", default="", help="partner: comma-separated league codes it may read")
    token.add_argument("--ttl-hours", type=float, default=24.0)
    token.add_argument("--data-dir", help="embedded data folder holding the local key (default: FEDSTD_AUTH_KEYS)")
    token.set_defaults(run=cmd_token)

    brand_report = commands.add_parser("brand-report", help="save the year's brand development report (HTML)")
    brand_report.add_argument("--year", type=int, required=True, help="2021, 2022 or 2023")
    brand_report.add_argument("--output", help="file to write (default: the name the service suggests)")
    brand_report.add_argument("--target", default=f"127.0.0.1:{DEFAULT_PORTS['reporting']}", help="reporting service host:port")
    brand_report.add_argument("--timeout", type=float, default=30.0)
    brand_report.add_argument("--token", default=os.environ.get("FEDSTD_TOKEN"), help="bearer token (or FEDSTD_TOKEN)")
    brand_report.add_argument("--data-dir", help="embedded data folder whose local key mints a read-only token")
    add_tls(brand_report)
    brand_report.set_defaults(run=cmd_brand_report)

    rebuild = commands.add_parser("rebuild", help="drop a service's read models and replay every event into them")
    rebuild.add_argument("service", choices=["reporting"])
    where = rebuild.add_mutually_exclusive_group()
    where.add_argument("--data-dir", help="embedded data folder (default FEDSTD_DATA_DIR or ./data); stop the suite first")
    where.add_argument("--mongo-uri", help="the distributed runtime's MongoDB (or FEDSTD_MONGO_URI)")
    rebuild.add_argument("--database-prefix", help="FEDSTD_MONGO_DATABASE_PREFIX (default fedstd)")
    rebuild.add_argument("--workers", type=int,
                         help="embedded: processes replaying the history side by side (default: one per core)")
    rebuild.set_defaults(run=cmd_rebuild)

    from services.common import events_tail

    events = commands.add_parser("events", help="read fedstd's event topics (embedded bus or Kafka)")
    events_tail.add_parser(events.add_subparsers(dest="events_command", required=True))
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
