#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs tests/python with pytest against the module this build made. Exits 77 (ctest:
# skipped) with a message when the module was not built or no interpreter of the module's
# Python version has pytest; pytest's own codes otherwise, except that "no tests collected"
# (5) is a failure, not a pass.
#   run_pytest.sh MODULE_DIR SOURCE_DIR PYTHON_VERSION [PYTHON...]
set -uo pipefail
module_dir=$1
src=$2
version=$3
shift 3
if [ -z "$module_dir" ] || ! ls "$module_dir"/bitsig*.so >/dev/null 2>&1; then
  echo "skipped: the Python module was not built (BITSIG_PYTHON=OFF or pybind11-dev missing)"
  exit 77
fi
# The interpreter CMake found may lack pytest (a pyenv Python next to Debian's, say); any
# interpreter of the same X.Y can load the module.
python=""
for candidate in "$@" python3 /usr/bin/python3; do
  command -v "$candidate" >/dev/null 2>&1 || continue
  v=$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) || continue
  [ "$v" = "$version" ] || continue
  if "$candidate" -c 'import pytest' >/dev/null 2>&1; then
    python=$candidate
    break
  fi
done
if [ -z "$python" ]; then
  echo "skipped: no Python $version with pytest found (apt-get install python3-pytest)"
  exit 77
fi
cd "$src" || exit 1
PYTHONPATH="$module_dir${PYTHONPATH:+:$PYTHONPATH}" BITSIG_SOURCE_DIR="$src" \
  "$python" -m pytest -q -p no:cacheprovider tests/python
code=$?
if [ "$code" -eq 5 ]; then
  echo "FAIL: pytest collected no tests"
  exit 1
fi
exit "$code"
