#!/usr/bin/env bash
# Offline validation of everything that ships Insight Tracker (no cluster, no Docker engine):
#   1. kustomize renders every overlay (dev, prod, prod-with-monitoring)
#   2. pytest: every rendered object against the Kubernetes schemas in strict mode
#      (kubernetes-validate) and the Prometheus Operator types (validate-crds.mjs); policies
#      (requests, memory limits, probes, restricted security context, read-only root + /tmp,
#      pinned images, PDBs, HPAs, NetworkPolicies, secrets); every variable of the config
#      schema (read from the code) in the ConfigMap/Secret, both compose files and
#      .env.example; compose files against the Compose specification; backup retention;
#      dashboard and rules agreement; k8s copies of the docker/ scripts
#   3. Dockerfile linters: hadolint, dockerfile-utils, dockerfilelint
#   4. promtool check config, check rules, test rules
#   5. syntax of the shell and JavaScript scripts
# Installs what it needs, idempotently: a Python venv and npm tools under
# ~/.cache/insight-tracker/deploy-checks, `prometheus` with apt-get only when promtool is
# missing. Ends with "deploy-checks: N passed, N failed" and exits non-zero on any failure.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/tools/deploy-checks"
CACHE="${INSIGHT_CACHE_DIR:-$HOME/.cache/insight-tracker}/deploy-checks"
OUT="$ROOT/tmp/deploy-checks"
NODE_TOOLS=(dockerfile-utils@0.16.3 dockerfilelint@1.8.0 @kubernetes-models/prometheus-operator@6.0.0)
OVERLAYS=(dev prod prod-with-monitoring)
KUSTOMIZE_VERSION=v5.5.0

started=$(date +%s)
log() { printf '\033[1m[deploy-checks]\033[0m %s\n' "$*"; }
die() { printf '[deploy-checks] %s\n' "$*" >&2; echo "deploy-checks: 0 passed, 1 failed"; exit 1; }

# --- tools -------------------------------------------------------------------------------

apt_install() {
  local package=$1
  command -v apt-get >/dev/null || die "apt-get is missing: install the Debian package '$package' by hand"
  local sudo=()
  [[ $(id -u) == 0 ]] || sudo=(sudo)
  log "installing $package (apt-get)"
  "${sudo[@]}" apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$package" >/dev/null ||
    die "apt-get install $package failed"
}

setup() {
  command -v python3 >/dev/null || apt_install python3
  python3 -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv
  command -v node >/dev/null || die "node is missing (Node.js 20.19+ is the workspace's runtime)"
  command -v promtool >/dev/null || apt_install prometheus

  # kubectl has kustomize built in; without it, build kustomize from its Go module once.
  if command -v kubectl >/dev/null; then
    KUSTOMIZE=(kubectl kustomize)
  elif [[ -x "$CACHE/bin/kustomize" ]]; then
    KUSTOMIZE=("$CACHE/bin/kustomize" build)
  else
    command -v go >/dev/null || die "neither kubectl nor go is installed: install kubectl (it embeds kustomize)"
    log "building kustomize $KUSTOMIZE_VERSION (go install, once)"
    GOBIN="$CACHE/bin" go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" || die "go install kustomize failed"
    KUSTOMIZE=("$CACHE/bin/kustomize" build)
  fi

  local stamp
  stamp=$(cat "$HERE/requirements.txt" <(python3 --version) | sha256sum | cut -c1-12)
  VENV="$CACHE/venv-$stamp"
  if [[ ! -x "$VENV/bin/pytest" ]]; then
    log "creating the Python venv $VENV"
    rm -rf "$VENV" && python3 -m venv "$VENV" &&
      "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt" ||
      die "pip install -r tools/deploy-checks/requirements.txt failed"
  fi

  NODE_DIR="$CACHE/node"
  local wanted="${NODE_TOOLS[*]}"
  if [[ "$(cat "$NODE_DIR/.installed" 2>/dev/null)" != "$wanted" ]]; then
    log "installing npm tools into $NODE_DIR: $wanted"
    mkdir -p "$NODE_DIR" && rm -rf "$NODE_DIR/node_modules" &&
      (cd "$NODE_DIR" && npm install --no-audit --no-fund --loglevel=error --no-package-lock --prefix . "${NODE_TOOLS[@]}") >/dev/null &&
      echo "$wanted" >"$NODE_DIR/.installed" || die "npm install ${NODE_TOOLS[*]} failed"
  fi

  # The env coverage test evaluates the config schema with the workspace's TypeScript and zod.
  if [[ ! -d "$ROOT/node_modules/zod" || ! -d "$ROOT/node_modules/typescript" ]]; then
    log "installing the workspace's npm modules (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
  fi
}

# --- steps -------------------------------------------------------------------------------

declare -a STEP_NAMES=() STEP_RESULTS=()
passed=0 failed=0 skipped=0

# step NAME COMMAND...: runs one check, records PASS/FAIL, never stops the run.
step() {
  local name=$1
  shift
  local begin=$SECONDS
  log "── $name"
  if "$@"; then
    STEP_RESULTS+=("PASS  $name ($((SECONDS - begin)) s)")
    passed=$((passed + 1))
  else
    STEP_RESULTS+=("FAIL  $name ($((SECONDS - begin)) s)")
    failed=$((failed + 1))
  fi
}

render_overlays() {
  local overlay ok=0
  rm -rf "$OUT/rendered" && mkdir -p "$OUT/rendered"
  for overlay in "${OVERLAYS[@]}"; do
    if "${KUSTOMIZE[@]}" "$ROOT/k8s/overlays/$overlay" >"$OUT/rendered/$overlay.yaml"; then
      echo "  k8s/overlays/$overlay: $(grep -c '^kind:' "$OUT/rendered/$overlay.yaml") objects"
    else
      echo "  k8s/overlays/$overlay does not render" >&2
      ok=1
    fi
  done
  return $ok
}

run_pytest() {
  local junit="$OUT/pytest.xml" code
  (cd "$HERE" && DEPLOY_CHECKS_RENDER_DIR="$OUT/rendered" DEPLOY_CHECKS_NODE_DIR="$NODE_DIR" \
    "$VENV/bin/python" -m pytest -q -p no:cacheprovider --junitxml="$junit" -o junit_family=xunit2)
  code=$?
  # Each test counts in the summary; the step itself then only counts when pytest could not run.
  if [[ -f "$junit" ]]; then
    read -r tests failures errors skips < <(python3 - "$junit" <<'PY'
import sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot()
suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
print(*(int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped")))
PY
    )
    PYTEST_PASSED=$((tests - failures - errors - skips))
    PYTEST_FAILED=$((failures + errors))
    PYTEST_SKIPPED=$skips
  fi
  return $code
}

lint_dockerfiles_hadolint() { "$VENV/bin/hadolint" --failure-threshold info "$ROOT"/docker/*.Dockerfile; }
lint_dockerfiles_utils() {
  local file ok=0
  for file in "$ROOT"/docker/*.Dockerfile; do
    "$NODE_DIR/node_modules/.bin/dockerfile-utils" lint "$file" || ok=1
  done
  return $ok
}
lint_dockerfiles_dockerfilelint() { "$NODE_DIR/node_modules/.bin/dockerfilelint" "$ROOT"/docker/*.Dockerfile; }
promtool_check_config() { promtool check config "$ROOT/docker/prometheus/prometheus.yml"; }
promtool_check_rules() { promtool check rules "$ROOT"/docker/prometheus/rules/*.yml; }
promtool_test_rules() { (cd "$ROOT/docker/prometheus" && promtool test rules tests/*.test.yml); }
script_syntax() {
  local file ok=0
  for file in "$ROOT"/docker/mongo/*.sh "$ROOT"/docker/backup/*.sh "$ROOT"/k8s/*.sh "$HERE"/*.sh; do
    bash -n "$file" || { echo "  $file: bash syntax error" >&2; ok=1; }
  done
  for file in "$ROOT"/docker/mongo/*.js "$ROOT"/docker/backup/*.cjs "$HERE"/*.cjs "$HERE"/*.mjs; do
    node --check "$file" || { echo "  $file: JavaScript syntax error" >&2; ok=1; }
  done
  return $ok
}

# --- main ----------------------------------------------------------------------------------

setup
mkdir -p "$OUT"
PYTEST_PASSED=0 PYTEST_FAILED=0 PYTEST_SKIPPED=0
step "kustomize render of ${OVERLAYS[*]}" render_overlays
step "pytest: schemas, policies, env coverage, compose, backups, monitoring" run_pytest
step "hadolint $("$VENV/bin/hadolint" --version | grep -oE '[0-9.]+$')" lint_dockerfiles_hadolint
step "dockerfile-utils lint" lint_dockerfiles_utils
step "dockerfilelint" lint_dockerfiles_dockerfilelint
step "promtool check config" promtool_check_config
step "promtool check rules" promtool_check_rules
step "promtool test rules" promtool_test_rules
step "shell and JavaScript syntax of the scripts" script_syntax

echo
log "results"
printf '  %s\n' "${STEP_RESULTS[@]}"
echo "  pytest: $PYTEST_PASSED passed, $PYTEST_FAILED failed, $PYTEST_SKIPPED skipped"
log "total time: $(($(date +%s) - started)) s"
# pytest counts through its tests; the other steps count one each. A pytest that failed
# without a failing test (collection error, crash) counts as one failure.
pytest_step_failed=0
[[ " ${STEP_RESULTS[*]} " == *"FAIL  pytest:"* ]] && pytest_step_failed=1
other_passed=$((passed - (1 - pytest_step_failed)))
other_failed=$((failed - pytest_step_failed))
pytest_failed=$PYTEST_FAILED
[[ $pytest_step_failed -eq 1 && $pytest_failed -eq 0 ]] && pytest_failed=1
total_failed=$((other_failed + pytest_failed))
echo "deploy-checks: $((other_passed + PYTEST_PASSED)) passed, $total_failed failed, $PYTEST_SKIPPED skipped"
[[ $total_failed -eq 0 ]]
