# Sourced by scripts/demo and scripts/test: makes .venv with Python 3.11+ and installs fedstd into it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "fedstd needs Python 3.11 or newer as '$PYTHON' (set PYTHON=/path/to/python3.11)" >&2
    exit 1
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
target="."
[ -z "${FEDSTD_EXTRAS:-}" ] || target=".[${FEDSTD_EXTRAS}]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --editable "$target"
