# Shared by tools/start.sh and tools/test-all.sh: install what is missing, quietly.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Each line shows the time since the script began, so a slow step is easy to find.
log() { printf '\033[1m[insight]\033[0m %d:%02d %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }
fail() { printf '[insight] error: %s\n' "$*" >&2; exit 1; }

need_node() {
  command -v node >/dev/null || fail "Node.js 20.19+ is missing (https://nodejs.org or: sudo apt-get install -y nodejs npm)"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
    fail "Node.js $(node --version) is too old; 20.19 or newer is needed"
}

# apt packages by command name: "cmd:package ..."
need_apt() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing ${missing[*]} (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    fail "missing: ${missing[*]}. Install with: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
}

# npm ci when node_modules is absent or older than the lock file.
need_node_modules() {
  if [[ ! -f "$ROOT/node_modules/.package-lock.json" || "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]]; then
    log "installing npm dependencies (npm ci)"
    # --prefer-offline: the lock file pins every version, so a package already in npm's cache is
    # used without asking the registry again (about half the time of a fresh install here).
    (cd "$ROOT" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
  fi
}
