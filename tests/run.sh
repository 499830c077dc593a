#!/usr/bin/env bash
# Runs every check and test safesite has: formatting, lints, unit and integration tests
# (with insta snapshots), in one debug build. Installs what the tests need if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v python3 >/dev/null 2>&1; then
  echo "tests/run.sh: installing python3 (the benchmark-corpus test uses it)"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq python3; else sudo apt-get update -qq && sudo apt-get install -y -qq python3; fi
fi

export INSTA_UPDATE="${INSTA_UPDATE:-no}"
cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
cargo test --quiet
