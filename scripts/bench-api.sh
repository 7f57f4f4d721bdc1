#!/usr/bin/env bash
# Node API load on loopback (issue 4); not part of CI.
#
# Builds release, writes a genesis with 100,000 funded provider keys (plus job clients), starts
# `depin node start` on a free 127.0.0.1 port with a fresh data directory and rate limiting off,
# seeds 100,000 providers by POSTing pre-signed register-provider transactions through the node's
# real submission path, posts jobs, then runs wrk against:
#   job read         GET  /v1/jobs/1
#   provider search  GET  /v1/providers?tier=2&minMemoryGB=24&minFreeGPUs=1&maxRate=0.8&online=true&sort=rate&limit=20
#   tx submission    POST /v1/transactions, every request a distinct pre-signed transfer
# each REPEATS times, and prints the median requests/s and p99 latency of each.
#
# Settings (environment): PROVIDERS (100000), JOBS (100), DURATION seconds per read run (15),
# TX_DURATION seconds per submission run (10), REPEATS (3), CONNECTIONS (64), THREADS (2),
# TRANSFERS distinct pre-signed transactions per submission run (200000, more than the node
# admits in TX_DURATION here, so no body is ever sent twice), WORK_DIR (a new temporary
# directory; kept, and prepared bodies are reused from it).
set -euo pipefail

cd "$(dirname "$0")/.."
PROVIDERS=${PROVIDERS:-100000}
JOBS=${JOBS:-100}
DURATION=${DURATION:-15}
REPEATS=${REPEATS:-3}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WORK_DIR=${WORK_DIR:-$(mktemp -d /tmp/depin-bench-api.XXXXXX)}
# Distinct pre-signed transfers per submission run, each from its own funded key.
TX_DURATION=${TX_DURATION:-10}
TRANSFERS=${TRANSFERS:-200000}

log() { printf '== %s\n' "$*" >&2; }

if ! command -v wrk >/dev/null 2>&1; then
    log "installing wrk"
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y wrk >/dev/null || { apt-get update && apt-get install -y wrk >/dev/null; }
    else sudo apt-get install -y wrk >/dev/null || { sudo apt-get update && sudo apt-get install -y wrk >/dev/null; }
    fi
fi

log "building release"
swift build -c release --product depin-bench >&2
BENCH=.build/release/depin-bench
# The node: `depin node start`. If the release build of `depin` fails (Swift 6.3.1 crashes with
# signal 11 optimizing a closure in GenesisCommand), fall back to `depin-bench node`, which runs
# the same NodeConfiguration.resolve + MarketNode.runNode without the CLI front end.
if swift build -c release --product depin >&2; then
    NODE_CMD=(.build/release/depin node start)
else
    log "release build of depin failed; running the node as 'depin-bench node' (same runNode code path)"
    NODE_CMD=("$BENCH" node)
fi

mkdir -p "$WORK_DIR"
PREP="$WORK_DIR/prepared-$PROVIDERS-$JOBS-$TRANSFERS-$REPEATS"
if [ ! -f "$PREP/transfers-$REPEATS.bodies" ]; then
    log "signing keys, genesis and request bodies into $PREP"
    rm -rf "$PREP"
    "$BENCH" api-prepare --dir "$PREP" --providers "$PROVIDERS" --jobs "$JOBS" --transfers "$TRANSFERS" --rounds "$REPEATS" >&2
fi

NODE_DIR="$WORK_DIR/node-$(date +%s)"
mkdir -p "$NODE_DIR"
cat > "$WORK_DIR/node.json" <<EOF
{"host": "127.0.0.1", "port": 0, "dataDirectory": "$NODE_DIR", "genesisFile": "$PREP/genesis.json", "rateLimitPerSecond": 0}
EOF

log "starting ${NODE_CMD[*]} --config $WORK_DIR/node.json"
"${NODE_CMD[@]}" --config "$WORK_DIR/node.json" > "$WORK_DIR/node.out" 2> "$WORK_DIR/node.err" &
NODE_PID=$!
cleanup() {
    if kill -0 "$NODE_PID" 2>/dev/null; then kill -TERM "$NODE_PID"; wait "$NODE_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
for _ in $(seq 1 600); do
    if grep -q "listening on" "$WORK_DIR/node.out" 2>/dev/null; then break; fi
    if ! kill -0 "$NODE_PID" 2>/dev/null; then cat "$WORK_DIR/node.err" >&2; echo "node exited" >&2; exit 1; fi
    sleep 0.1
done
URL=$(grep -o 'http://[0-9.]*:[0-9]*' "$WORK_DIR/node.out" | head -1)
[ -n "$URL" ] || { echo "node did not report its address" >&2; exit 1; }
log "node at $URL"

log "seeding $PROVIDERS providers"
"$BENCH" api-seed --url "$URL" --file "$PREP/register.bodies" --connections 32 >&2
log "posting $JOBS jobs"
"$BENCH" api-seed --url "$URL" --file "$PREP/jobs.bodies" --connections 8 >&2
PROVIDERS_LISTED=$(curl -sf "$URL/v1/providers?limit=1" | jq .total)
JOBS_LISTED=$(curl -sf "$URL/v1/jobs?limit=1" | jq .total)
log "matching the $JOBS jobs"
"$BENCH" api-seed --url "$URL" --file "$PREP/match.bodies" --connections 8 >&2
MATCHING=$(curl -sf "$URL/v1/providers?tier=2&minMemoryGB=24&minFreeGPUs=1&maxRate=0.8&online=true&sort=rate&limit=20" | jq .total)
log "node lists $PROVIDERS_LISTED providers, $JOBS_LISTED jobs; the search filter matches $MATCHING providers"
[ "$PROVIDERS_LISTED" = "$PROVIDERS" ] || { echo "expected $PROVIDERS providers" >&2; exit 1; }
[ "$JOBS_LISTED" = "$JOBS" ] || { echo "expected $JOBS jobs" >&2; exit 1; }
ASSIGNMENTS=$(curl -sf "$URL/v1/jobs/1" | jq '.assignments | length')
log "job 1 has $ASSIGNMENTS assignment(s)"

# Each wrk thread takes every THREADS-th body of the file, so no body is sent twice.
cat > "$WORK_DIR/post-bodies.lua" <<'EOF'
local threads = {}
local next_id = 0
function setup(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
end
function init(args)
    local path, count = args[1], tonumber(args[2])
    bodies = {}
    local i = 0
    for line in io.lines(path) do
        if i % count == id then bodies[#bodies + 1] = line end
        i = i + 1
    end
    index, accepted, conflict, busy, other, exhausted = 0, 0, 0, 0, 0, 0
    headers = { ["Content-Type"] = "application/json" }
end
function request()
    index = index + 1
    if index > #bodies then
        exhausted = exhausted + 1
        index = #bodies
    end
    return wrk.format("POST", "/v1/transactions", headers, bodies[index])
end
function response(status, headers, body)
    if status == 202 or status == 200 then accepted = accepted + 1
    elseif status == 409 then conflict = conflict + 1
    elseif status == 429 or status == 503 then busy = busy + 1
    else other = other + 1 end
end
function done(summary, latency, requests)
    local a, c, b, o, e = 0, 0, 0, 0, 0
    for _, t in ipairs(threads) do
        a = a + t:get("accepted"); c = c + t:get("conflict"); b = b + t:get("busy")
        o = o + t:get("other"); e = e + t:get("exhausted")
    end
    local seconds = summary.duration / 1e6
    io.write(string.format("accepted %d (%.0f/s), 409 %d, 429/503 %d, other %d, bodies exhausted %d\n",
        a, a / seconds, c, b, o, e))
end
EOF

RESULTS="$WORK_DIR/results.txt"
: > "$RESULTS"
# Requests/s and p99 (ms) from wrk --latency output.
record() {
    local name=$1 file=$2
    local rps p99 accepted
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$file")
    p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' "$file")
    accepted=$(sed -n 's/^accepted [0-9]* (\([0-9]*\)\/s).*/\1/p' "$file")
    echo "$name $rps $p99 ${accepted:-$rps}" >> "$RESULTS"
}

wait_for_empty_mempool() {
    for _ in $(seq 1 3000); do
        [ "$(curl -sf "$URL/v1/status" | jq .mempool)" = "0" ] && return 0
        sleep 0.1
    done
    echo "mempool did not drain" >&2
    exit 1
}

for round in $(seq 1 "$REPEATS"); do
    log "round $round of $REPEATS: wrk -t$THREADS -c$CONNECTIONS --latency, ${DURATION}s per read, ${TX_DURATION}s submission"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$URL/v1/jobs/1" > "$WORK_DIR/job-read-$round.txt"
    record job-read "$WORK_DIR/job-read-$round.txt"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
        "$URL/v1/providers?tier=2&minMemoryGB=24&minFreeGPUs=1&maxRate=0.8&online=true&sort=rate&limit=20" \
        > "$WORK_DIR/provider-search-$round.txt"
    record provider-search "$WORK_DIR/provider-search-$round.txt"
    wait_for_empty_mempool
    START=$(date +%s.%N)
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${TX_DURATION}s" --latency -s "$WORK_DIR/post-bodies.lua" "$URL" \
        -- "$PREP/transfers-$round.bodies" "$THREADS" > "$WORK_DIR/tx-submit-$round.txt"
    record tx-submit "$WORK_DIR/tx-submit-$round.txt"
    # Committed rate: accepted transactions / (start of the run until the mempool is empty again).
    wait_for_empty_mempool
    END=$(date +%s.%N)
    ACCEPTED=$(sed -n 's/^accepted \([0-9]*\) .*/\1/p' "$WORK_DIR/tx-submit-$round.txt")
    COMMITTED=$(awk -v a="$ACCEPTED" -v s="$START" -v e="$END" 'BEGIN { printf "%.0f", a / (e - s) }')
    echo "tx-committed $COMMITTED 0 $COMMITTED" >> "$RESULTS"
    echo "$(grep '^accepted' "$WORK_DIR/tx-submit-$round.txt"); mempool drained $(awk -v s="$START" -v e="$END" 'BEGIN { printf "%.1f", e - s }') s after the run started: $COMMITTED committed/s" >&2
done

HEIGHT=$(curl -sf "$URL/v1/status" | jq .height)
echo "## Node API on loopback: $PROVIDERS providers, $JOBS jobs, wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s reads / ${TX_DURATION}s submission, median of $REPEATS runs"
echo "machine: $(nproc) cores, $(uname -sm); node: ${NODE_CMD[*]}; chain height at the end: $HEIGHT; raw wrk output in $WORK_DIR"
for name in job-read provider-search tx-submit tx-committed; do
    awk -v name="$name" '
        $1 == name { n++; rps[n] = $2; p99[n] = $3; acc[n] = $4; all_rps = all_rps " " $2; all_p99 = all_p99 " " $3 }
        function median(a, n,   i, j, t) {
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
            return a[int((n + 1) / 2)]
        }
        END {
            if (name == "tx-committed") { print sprintf("%s | %.0f committed/s (accepted / time from the run start until the mempool is empty) | runs:%s", name, median(rps, n), all_rps); exit }
            line = sprintf("%s | %.0f requests/s | p99 %.2f ms", name, median(rps, n), median(p99, n))
            if (name == "tx-submit") line = line sprintf(" | %.0f accepted/s", median(acc, n))
            print line " | runs: requests/s" all_rps ", p99 ms" all_p99
        }' "$RESULTS"
done
