"""Bearer tokens and the role/scope rules."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from services.common.auth import (
    AuthSettings,
    Authenticator,
    Caller,
    PermissionDeniedError,
    Role,
    TokenIssuer,
    UnauthenticatedError,
    _b64,
    _unb64,
    require_chamber,
    require_evaluator,
    require_league,
    require_reader,
    require_role,
    reset_current_caller,
    set_current_caller,
)


@pytest.fixture
def issuer() -> TokenIssuer:
    return TokenIssuer.generate()


def test_a_token_round_trips_to_its_caller(issuer: TokenIssuer) -> None:
    caller = Authenticator(issuer.settings()).verify(issuer.issue(Role.LEAGUE, "150100"))
    assert caller == Caller(subject="federations/150100", role=Role.LEAGUE, scope="150100")
    partner = Authenticator(issuer.settings()).verify(issuer.issue(Role.PARTNER, "gansu", leagues=("150200",)))
    assert partner.role == Role.PARTNER and partner.leagues == ("150200",) and partner.subject == "partners/gansu"


def _tamper(token: str, **claims) -> str:
    header, payload, signature = token.split(".")
    body = {**json.loads(_unb64(payload)), **claims}
    return ".".join([header, _b64(json.dumps(body).encode()), signature])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda i: "not-a-token", "malformed"),
        (lambda i: i.issue(Role.REGION) + "x", "signature"),
        (lambda i: _tamper(i.issue(Role.LEAGUE, "150100"), scope="150200"), "signature"),
        (lambda i: TokenIssuer.generate().issue(Role.REGION), "signature"),
        (lambda i: i.issue(Role.REGION, ttl_s=-3600), "expired"),
        (lambda i: TokenIssuer(AuthSettings(keys=i.settings().keys, issuer="elsewhere")).issue(Role.REGION), "issuer"),
        (lambda i: TokenIssuer(AuthSettings(keys={"other": b"k" * 32})).issue(Role.REGION), "unknown key"),
        (lambda i: i.issue(Role.LEAGUE, "150102"), "12 league"),
        (lambda i: i.issue(Role.CHAMBER, ""), "scope"),
    ],
)
def test_bad_tokens_are_refused(issuer: TokenIssuer, make, message: str) -> None:
    with pytest.raises(UnauthenticatedError, match=message):
        Authenticator(issuer.settings()).verify(make(issuer))


def test_alg_none_is_refused(issuer: TokenIssuer) -> None:
    _, payload, _ = issuer.issue(Role.REGION).split(".")
    forged = ".".join([_b64(json.dumps({"alg": "none", "kid": "k1"}).encode()), payload, ""])
    with pytest.raises(UnauthenticatedError, match="algorithm"):
        Authenticator(issuer.settings()).verify(forged)


def test_metadata_needs_a_bearer_scheme(issuer: TokenIssuer) -> None:
    authenticator = Authenticator(issuer.settings())
    with pytest.raises(UnauthenticatedError, match="missing bearer"):
        authenticator.caller_from_metadata({})
    with pytest.raises(UnauthenticatedError, match="missing bearer"):
        authenticator.caller_from_metadata({"authorization": f"Basic {issuer.issue(Role.REGION)}"})
    assert authenticator.caller_from_metadata({"authorization": f"Bearer {issuer.issue(Role.REGION)}"}).role == Role.REGION


def test_rotated_keys_verify_old_tokens_and_sign_with_the_first() -> None:
    old = TokenIssuer(AuthSettings(keys={"old": b"o" * 32}))
    rotated = AuthSettings(keys={"new": b"n" * 32, "old": b"o" * 32})
    authenticator = Authenticator(rotated)
    assert authenticator.verify(old.issue(Role.REGION)).role == Role.REGION
    assert json.loads(_unb64(TokenIssuer(rotated).issue(Role.REGION).split(".")[0]))["kid"] == "new"


def as_caller(caller: Caller):
    class _Scope:
        def __enter__(self):
            self.token = set_current_caller(caller)

        def __exit__(self, *exc):
            reset_current_caller(self.token)

    return _Scope()


REGION = Caller("federations/150000", Role.REGION)
HOHHOT = Caller("federations/150100", Role.LEAGUE, "150100")
NMB = Caller("chambers/NMB", Role.CHAMBER, "NMB")
BODY = Caller("evaluators/b1", Role.EVALUATOR, "b1")
PARTNER = Caller("partners/p", Role.PARTNER, "", ("150200",))


def test_league_acts_for_itself_and_its_counties_only() -> None:
    with as_caller(HOHHOT):
        require_league("150100")
        require_league("150102")  # 新城区, in Hohhot
        for other in ("150200", "150202", "150000", "999999"):
            with pytest.raises(PermissionDeniedError):
                require_league(other)
    with as_caller(REGION):
        require_league("152900")


def test_chamber_evaluator_and_role_rules() -> None:
    with as_caller(NMB):
        require_chamber("NMB")
        with pytest.raises(PermissionDeniedError):
            require_chamber("CAS")
        with pytest.raises(PermissionDeniedError):
            require_league("150100")
    with as_caller(BODY):
        require_evaluator("b1")
        with pytest.raises(PermissionDeniedError):
            require_evaluator("b2")
        with pytest.raises(PermissionDeniedError):
            require_role(Role.REGION, Role.LEAGUE)
    with as_caller(REGION):
        assert require_chamber("ANY") == REGION
        assert require_evaluator("any") == REGION


def test_partners_read_only_their_leagues() -> None:
    with as_caller(PARTNER):
        require_reader("150200")
        require_reader()
        with pytest.raises(PermissionDeniedError):
            require_reader("150100")
    with as_caller(HOHHOT):
        require_reader("152900")


def test_no_caller_is_unauthenticated() -> None:
    with pytest.raises(UnauthenticatedError):
        require_reader()


def test_settings_from_env_and_local_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    issuer = TokenIssuer.generate()
    for name, value in issuer.settings().environment().items():
        monkeypatch.setenv(name, value)
    loaded = AuthSettings.from_env()
    assert loaded is not None and loaded.keys == issuer.settings().keys
    assert "k1" in repr(loaded) and _b64(loaded.keys["k1"]) not in repr(loaded)
    monkeypatch.setenv("FEDSTD_AUTH_DISABLED", "true")
    assert AuthSettings.from_env().enabled is False

    first, made = AuthSettings.local(tmp_path)
    again, made_again = AuthSettings.local(tmp_path)
    assert made and not made_again and first.keys == again.keys
    assert (tmp_path / "auth-key.json").stat().st_mode & 0o777 == 0o600
    assert Authenticator(again).verify(TokenIssuer(first).issue(Role.REGION)).role == Role.REGION


def test_tokens_expire(issuer: TokenIssuer, monkeypatch: pytest.MonkeyPatch) -> None:
    token = issuer.issue(Role.REGION, ttl_s=10)
    later = time.time() + 10 + 61
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(UnauthenticatedError, match="expired"):
        Authenticator(issuer.settings()).verify(token)


def test_a_token_verified_before_is_refused_once_it_has_expired(issuer: TokenIssuer,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    authenticator = Authenticator(issuer.settings())
    token = issuer.issue(Role.LEAGUE, "150100", ttl_s=10)
    first = authenticator.verify(token)
    assert (first.role, first.scope) == (Role.LEAGUE, "150100")
    later = time.time() + 10 + 61
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(UnauthenticatedError, match="expired"):
        authenticator.verify(token)


def test_a_tampered_copy_of_a_verified_token_is_refused(issuer: TokenIssuer) -> None:
    authenticator = Authenticator(issuer.settings())
    token = issuer.issue(Role.LEAGUE, "150100")
    authenticator.verify(token)
    header, payload, signature = token.split(".")
    claims = json.loads(_unb64(payload))
    forged = ".".join([header, _b64(json.dumps({**claims, "role": "region"}).encode()), signature])
    with pytest.raises(UnauthenticatedError, match="signature"):
        authenticator.verify(forged)


def test_client_options_are_shown_without_their_passwords() -> None:
    from services.common.auth import redact_options

    assert redact_options((("sasl_plain_username", "fedstd-registry"), ("sasl_plain_password", "p"),
                           ("ssl_password", "k"), ("ssl_cafile", "/ca.crt"))) == {
        "sasl_plain_username": "fedstd-registry", "sasl_plain_password": "***", "ssl_password": "***",
        "ssl_cafile": "/ca.crt"}
