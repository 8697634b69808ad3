"""Who is calling, and what they may do.

Every gRPC call carries a bearer token: a JWT signed with HMAC-SHA256 (`alg: HS256`) by a key the
operators configure (`FEDSTD_AUTH_KEYS`, several for rotation: the first signs, all verify). Its
claims name the caller's role and scope:

| role      | scope                 | may                                                        |
|-----------|-----------------------|------------------------------------------------------------|
| region    | -                     | everything (自治区工商联)                                   |
| league    | league/city code      | act for its league and its banner/county units (盟市工商联) |
| chamber   | org code              | act for its own standards and members (商会)                |
| evaluator | evaluator id          | act for its own evaluations (评估机构)                      |
| partner   | leagues it may read   | read only (other provincial systems)                       |

The interceptor in grpc_server.py verifies the token and makes the caller available to the
handler through `current_caller()`; health checking and reflection need no token.
"""
from __future__ import annotations

import base64
import contextvars
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from services.common import divisions
from services.common.errors import FedstdError

ALGORITHM = "HS256"
DEFAULT_ISSUER = "fedstd"
CLOCK_LEEWAY_S = 60


class UnauthenticatedError(FedstdError):
    reason = "UNAUTHENTICATED"


class PermissionDeniedError(FedstdError):
    reason = "PERMISSION_DENIED"


class Role(StrEnum):
    REGION = "region"
    LEAGUE = "league"
    CHAMBER = "chamber"
    EVALUATOR = "evaluator"
    PARTNER = "partner"


SUBJECT_PREFIX = {
    Role.REGION: "federations/",
    Role.LEAGUE: "federations/",
    Role.CHAMBER: "chambers/",
    Role.EVALUATOR: "evaluators/",
    Role.PARTNER: "partners/",
}


@dataclass(frozen=True)
class Caller:
    subject: str
    role: Role
    scope: str = ""
    leagues: tuple[str, ...] = ()

    def acts_for_league(self, code: str) -> bool:
        """Region: any; league: its own league and the banner/county units in it."""
        if self.role == Role.REGION:
            return True
        if self.role != Role.LEAGUE or not _known(code):
            return False
        return divisions.contains(self.scope, code)

    def reads_league(self, code: str) -> bool:
        if self.role == Role.PARTNER:
            return not self.leagues or code in self.leagues
        return True


def _known(code: str) -> bool:
    return code == divisions.REGION_CODE or divisions.is_league(code) or divisions.is_county(code)


_current: contextvars.ContextVar[Caller | None] = contextvars.ContextVar("fedstd_caller", default=None)


def current_caller() -> Caller:
    caller = _current.get()
    if caller is None:
        raise UnauthenticatedError("no authenticated caller")
    return caller


def set_current_caller(caller: Caller | None) -> contextvars.Token:
    return _current.set(caller)


def reset_current_caller(token: contextvars.Token) -> None:
    _current.reset(token)


def _deny(caller: Caller, what: str) -> PermissionDeniedError:
    return PermissionDeniedError(f"{caller.subject} ({caller.role}) may not {what}")


def require_role(*roles: Role) -> Caller:
    caller = current_caller()
    if caller.role not in roles:
        raise _deny(caller, f"do this: it needs the role {' or '.join(roles)}")
    return caller


def require_league(league_code: str) -> Caller:
    caller = current_caller()
    if not caller.acts_for_league(league_code):
        raise _deny(caller, f"act for division {league_code}")
    return caller


def require_chamber(org_code: str) -> Caller:
    caller = current_caller()
    if caller.role != Role.REGION and not (caller.role == Role.CHAMBER and caller.scope == org_code):
        raise _deny(caller, f"act for chamber {org_code}")
    return caller


def require_evaluator(evaluator_id: str) -> Caller:
    caller = current_caller()
    if caller.role != Role.REGION and not (caller.role == Role.EVALUATOR and caller.scope == evaluator_id):
        raise _deny(caller, f"act for evaluation body {evaluator_id}")
    return caller


def require_reader(league_code: str | None = None) -> Caller:
    caller = current_caller()
    if league_code and not caller.reads_league(league_code):
        raise _deny(caller, f"read division {league_code}")
    return caller


def redact_options(options: tuple[tuple[str, object], ...]) -> dict[str, object]:
    """Client options (Kafka, MongoDB) as logs may show them: passwords replaced by `***`."""
    return {option: "***" if "password" in option else value for option, value in options}


# -- tokens ------------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class AuthSettings:
    """Keys by key id; the first signs new tokens. `enabled=False` only when asked for explicitly."""

    keys: dict[str, bytes] = field(default_factory=dict)
    issuer: str = DEFAULT_ISSUER
    enabled: bool = True

    @classmethod
    def from_env(cls) -> "AuthSettings | None":
        """`FEDSTD_AUTH_KEYS=kid:base64url-secret[,kid:...]`, `FEDSTD_AUTH_ISSUER`; `FEDSTD_AUTH_DISABLED=true`."""
        if os.environ.get("FEDSTD_AUTH_DISABLED", "").lower() in ("1", "true", "yes"):
            return cls(enabled=False)
        spec = os.environ.get("FEDSTD_AUTH_KEYS", "")
        if not spec:
            return None
        keys = {}
        for item in spec.split(","):
            kid, _, secret = item.strip().partition(":")
            if not kid or not secret:
                raise ValueError("FEDSTD_AUTH_KEYS must be kid:secret pairs separated by commas")
            keys[kid] = _unb64(secret)
        return cls(keys=keys, issuer=os.environ.get("FEDSTD_AUTH_ISSUER", DEFAULT_ISSUER))

    @classmethod
    def local(cls, data_dir: Path) -> tuple["AuthSettings", bool]:
        """The embedded runtime's key in its data folder, made on first use; True when just made."""
        path = data_dir / "auth-key.json"
        created = not path.exists()
        if created:
            data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({"kid": "local", "secret": _b64(secrets.token_bytes(32))}))
            path.chmod(0o600)
        stored = json.loads(path.read_text())
        return cls(keys={stored["kid"]: _unb64(stored["secret"])}), created

    def environment(self) -> dict[str, str]:
        """The environment variables that configure these settings in another process."""
        return {"FEDSTD_AUTH_KEYS": ",".join(f"{kid}:{_b64(key)}" for kid, key in self.keys.items()),
                "FEDSTD_AUTH_ISSUER": self.issuer}

    def __repr__(self) -> str:  # never print secrets
        return f"AuthSettings(key_ids={list(self.keys)}, issuer={self.issuer!r}, enabled={self.enabled})"


class TokenIssuer:
    def __init__(self, settings: AuthSettings):
        if not settings.keys:
            raise ValueError("no signing key")
        self.settings_ = settings

    @classmethod
    def generate(cls, issuer: str = DEFAULT_ISSUER) -> "TokenIssuer":
        return cls(AuthSettings(keys={"k1": secrets.token_bytes(32)}, issuer=issuer))

    def settings(self) -> AuthSettings:
        return self.settings_

    def issue(self, role: Role, scope: str = "", leagues: tuple[str, ...] = (), subject: str = "",
              ttl_s: int = 24 * 3600) -> str:
        kid, key = next(iter(self.settings_.keys.items()))
        now = int(time.time())
        default_subject = SUBJECT_PREFIX[role] + (scope or (divisions.REGION_CODE if role == Role.REGION else "anonymous"))
        claims = {"iss": self.settings_.issuer, "sub": subject or default_subject, "role": str(role), "scope": scope,
                  "leagues": list(leagues), "iat": now, "exp": now + ttl_s}
        header = _b64(json.dumps({"alg": ALGORITHM, "typ": "JWT", "kid": kid}).encode())
        payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
        signature = _b64(hmac.new(key, f"{header}.{payload}".encode(), hashlib.sha256).digest())
        return f"{header}.{payload}.{signature}"


class Authenticator:
    """Verifies bearer tokens against the configured keys and issuer."""

    #: Tokens verified lately, each with its caller and expiry: a client sends the same token on every call,
    #: and checking its signature and claims again costs more than a small command's own work.
    VERIFIED_TOKENS = 4096

    def __init__(self, settings: AuthSettings):
        self.settings = settings
        self._verified: dict[str, tuple[Caller, int]] = {}

    def caller_from_metadata(self, metadata: dict[str, str]) -> Caller:
        value = metadata.get("authorization", "")
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise UnauthenticatedError("missing bearer token in the authorization metadata")
        return self.verify(token.strip())

    def verify(self, token: str) -> Caller:
        known = self._verified.get(token)
        if known is not None:
            caller, expires = known
            if expires + CLOCK_LEEWAY_S >= time.time():
                return caller
            self._verified.pop(token, None)
        caller, expires = self._verify(token)
        if len(self._verified) >= self.VERIFIED_TOKENS:
            self._verified.clear()  # many distinct tokens: start over rather than keep an eviction order
        self._verified[token] = (caller, expires)
        return caller

    def _verify(self, token: str) -> tuple[Caller, int]:
        """The token's caller and expiry, after checking its signature and claims."""
        try:
            header_b64, payload_b64, signature_b64 = token.split(".")
            header = json.loads(_unb64(header_b64))
            claims = json.loads(_unb64(payload_b64))
            signature = _unb64(signature_b64)
        except (ValueError, TypeError):
            raise UnauthenticatedError("malformed token") from None
        if not isinstance(header, dict) or header.get("alg") != ALGORITHM:
            raise UnauthenticatedError(f"token algorithm must be {ALGORITHM}")
        key = self.settings.keys.get(str(header.get("kid")))
        if key is None:
            raise UnauthenticatedError("token signed with an unknown key")
        expected = hmac.new(key, f"{header_b64}.{payload_b64}".encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(expected, signature):
            raise UnauthenticatedError("bad token signature")
        if not isinstance(claims, dict) or claims.get("iss") != self.settings.issuer:
            raise UnauthenticatedError("token from another issuer")
        now = time.time()
        if not isinstance(claims.get("exp"), int) or claims["exp"] + CLOCK_LEEWAY_S < now:
            raise UnauthenticatedError("token expired")
        try:
            role = Role(claims.get("role"))
        except ValueError:
            raise UnauthenticatedError("token has no valid role") from None
        scope = str(claims.get("scope", ""))
        if role == Role.LEAGUE and not divisions.is_league(scope):
            raise UnauthenticatedError("a league token must name one of the 12 league/city codes")
        if role in (Role.CHAMBER, Role.EVALUATOR) and not scope:
            raise UnauthenticatedError(f"a {role} token must name its scope")
        leagues = tuple(str(code) for code in claims.get("leagues") or ())
        return Caller(subject=str(claims.get("sub", "")), role=role, scope=scope, leagues=leagues), claims["exp"]
