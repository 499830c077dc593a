#!/usr/bin/env bash
# Runs every check and test safesite has, on one debug build: formatting, lints, the API
# docs (warnings are errors), unit and integration tests (one test binary, insta
# snapshots), then the browser suite in Debian's Chromium.
# Installs what the tests need (python3, poppler-utils, Chromium, Node.js, npm packages)
# if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=no
need_deb() { # need_deb COMMAND PACKAGE...
  command -v "$1" >/dev/null 2>&1 && return 0
  shift
  echo "tests/run.sh: installing $* from Debian"
  if [ "$apt_updated" = no ]; then as_root apt-get update -qq; apt_updated=yes; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
need_deb python3 python3
need_deb pdftotext poppler-utils
need_deb chromium chromium
need_deb node nodejs
need_deb npm npm
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "tests/run.sh: the browser tests need Node.js 20 or newer (playwright-core 1.65); this machine has $(node --version)." >&2
  echo "Install Node.js 20 (Debian 13's nodejs package, or NodeSource's for Debian 12) and run tests/run.sh again." >&2
  exit 1
fi
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "tests/run.sh: installing the browser tests' npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

export INSTA_UPDATE="${INSTA_UPDATE:-no}"
cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet
cargo test --quiet
# The browser suite builds the example site with target/debug/safesite, which
# `cargo test` has just built.
node --test --test-concurrency=1 --test-timeout=120000 tests/browser/
