#!/usr/bin/env bash
# Schemathesis against /openapi.json of a populated node on loopback; not part of CI (yet).
#
# Builds `depin`, runs `depin demo --keep-running` (a whole market: providers, validators, jobs,
# proofs, votes, rewards) in a fresh data directory, which leaves its node serving on a free
# 127.0.0.1 port chosen by the OS, then runs every schemathesis check (but the authentication
# ones: the API has none) against the node's own OpenAPI document with a bounded number of
# examples per operation, using scripts/schemathesis.toml. Exits with schemathesis's status.
#
# Settings (environment): MAX_EXAMPLES per operation (20), SEED (1), SCHEMATHESIS (the `st`
# command; default: a virtual environment in WORK_DIR/venv, created with `pip install
# schemathesis` if missing), WORK_DIR (a new temporary directory; kept).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
MAX_EXAMPLES=${MAX_EXAMPLES:-20}
SEED=${SEED:-1}
WORK_DIR=${WORK_DIR:-$(mktemp -d /tmp/depin-schemathesis.XXXXXX)}
mkdir -p "$WORK_DIR"

log() { printf '== %s\n' "$*" >&2; }

if [ -z "${SCHEMATHESIS:-}" ]; then
    if [ ! -x "$WORK_DIR/venv/bin/st" ]; then
        log "installing schemathesis into $WORK_DIR/venv"
        START=$(date +%s)
        python3 -m venv "$WORK_DIR/venv"
        "$WORK_DIR/venv/bin/pip" install --quiet schemathesis >&2
        log "installed $("$WORK_DIR/venv/bin/st" --version) in $(( $(date +%s) - START )) s"
    fi
    SCHEMATHESIS="$WORK_DIR/venv/bin/st"
fi

log "building depin"
swift build --product depin >&2
DEPIN=.build/debug/depin

log "starting a populated node: depin demo --keep-running --data-dir $WORK_DIR/demo"
"$DEPIN" demo --keep-running --quiet --data-dir "$WORK_DIR/demo" > "$WORK_DIR/demo.out" 2>&1 &
DEMO_PID=$!
cleanup() {
    if kill -0 "$DEMO_PID" 2>/dev/null; then kill -TERM "$DEMO_PID"; wait "$DEMO_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
URL=""
for _ in $(seq 1 3000); do
    URL=$(sed -n 's/^The node keeps running at \(http:\/\/127\.0\.0\.1:[0-9]*\)\..*/\1/p' "$WORK_DIR/demo.out" | head -1)
    [ -n "$URL" ] && break
    if ! kill -0 "$DEMO_PID" 2>/dev/null; then cat "$WORK_DIR/demo.out" >&2; echo "the demo exited" >&2; exit 1; fi
    sleep 0.1
done
[ -n "$URL" ] || { echo "the demo's node did not come up" >&2; exit 1; }
log "node at $URL: $(curl -sf "$URL/v1/stats" | head -c 200)"

log "schemathesis $("$SCHEMATHESIS" --version | awk '{print $NF}'): $MAX_EXAMPLES examples per operation, seed $SEED"
START=$(date +%s)
set +e
# From WORK_DIR, so schemathesis's and hypothesis's caches stay out of the repository.
(cd "$WORK_DIR" && "$SCHEMATHESIS" --config-file "$ROOT/scripts/schemathesis.toml" run "$URL/openapi.json" \
    --max-examples "$MAX_EXAMPLES" --seed "$SEED" --no-color \
    --checks all --exclude-checks ignored_auth,object_level_authorization \
    --report junit --report-dir "$WORK_DIR/report")
STATUS=$?
set -e
log "schemathesis exited $STATUS after $(( $(date +%s) - START )) s; report in $WORK_DIR/report"
if ! kill -0 "$DEMO_PID" 2>/dev/null; then
    echo "the node died during the run:" >&2
    tail -40 "$WORK_DIR/demo.out" >&2
    exit 1
fi
exit "$STATUS"
