#!/usr/bin/env bash
# Regenerate requirements.lock: the exact version and sha256 hashes of every package sitrep and
# its test and html extras install, for CI (.ci/run installs it with --require-hashes).
#
#   tools/lock.sh            # run in the project's venv; installs pip-tools there if missing
#
# The ranges stay in pyproject.toml; this file only resolves them, today, for this Python
# (3.11 on Linux: markers for other platforms are not resolved). Run it after any change to
# the dependencies in pyproject.toml, and commit pyproject.toml and requirements.lock together.
set -euo pipefail
cd "$(dirname "$0")/.."
python -c 'import piptools' 2>/dev/null || python -m pip install --quiet "pip-tools>=7.4"
# --allow-unsafe: setuptools is pinned and hashed too, or --require-hashes refuses the file.
# --no-emit-*: the lock names packages and hashes, never this machine's own index mirrors.
CUSTOM_COMPILE_COMMAND="tools/lock.sh" python -m piptools compile \
    --quiet --generate-hashes --allow-unsafe --strip-extras \
    --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
    --extra test --extra html \
    --output-file requirements.lock pyproject.toml
echo "wrote requirements.lock ($(grep -c '^[a-z0-9]' requirements.lock) packages)"
