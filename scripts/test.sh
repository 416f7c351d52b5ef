#!/usr/bin/env bash
# SmartTrade's one test command: bash scripts/test.sh [extra dotnet test args]
# Installs what the tests need (Redis, Chromium, a CJK font), starts a throwaway
# Redis on a free 127.0.0.1 port, runs the whole solution's tests, and always
# stops what it started. Exits with dotnet test's exit code.
# SMARTTRADE_TEST_DRY_RUN=1 replaces the dotnet test run with a Redis ping
# (to check the service handling on its own).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

me="scripts/test.sh"
log() { printf '%s: %s\n' "$me" "$*"; }
die() { printf '%s: ERROR: %s\n' "$me" "$*" >&2; exit 1; }

# ---------------------------------------------------------------- prerequisites
has_font() {
    if command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "WenQuanYi Zen Hei"; then
        return 0
    fi
    dpkg -s fonts-wqy-zenhei >/dev/null 2>&1
}

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
has_font || missing+=(fonts-wqy-zenhei)

if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        die "missing test prerequisites: ${missing[*]}; run as root, or install them: apt-get install -y --no-install-recommends ${missing[*]}"
    fi
    log "installing missing test prerequisites: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || die "apt-get update failed"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || die "apt-get install ${missing[*]} failed"
    command -v redis-server >/dev/null 2>&1 || die "redis-server still not found after install"
    command -v chromium >/dev/null 2>&1 || die "chromium still not found after install"
    has_font || die "fonts-wqy-zenhei still not found after install"
    log "installed: ${missing[*]}"
fi

# ------------------------------------------------------------- throwaway Redis
redis_port=""
redis_dir=""

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n "$redis_port" ]]; then
        redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
        # Fall back to the pid file if the shutdown command did not get through.
        if [[ -n "$redis_dir" && -s "$redis_dir/redis.pid" ]]; then
            local pid
            pid=$(cat "$redis_dir/redis.pid" 2>/dev/null || true)
            if [[ -n "$pid" ]]; then
                for _ in $(seq 1 50); do
                    kill -0 "$pid" 2>/dev/null || break
                    sleep 0.1
                done
                kill -0 "$pid" 2>/dev/null && kill "$pid" 2>/dev/null || true
            fi
        fi
    fi
    if [[ -n "$redis_dir" ]]; then
        rm -rf "$redis_dir"
    fi
    if ((rc == 0)); then
        log "all tests passed"
    else
        log "FAILED (exit $rc)"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

redis_dir=$(mktemp -d "${TMPDIR:-/tmp}/smarttrade-test-redis.XXXXXX")

started=0
for candidate in $(seq 16379 16479); do
    port_free "$candidate" || continue
    if redis-server --port "$candidate" --bind 127.0.0.1 --save '' --appendonly no \
        --daemonize yes --dir "$redis_dir" --pidfile "$redis_dir/redis.pid" \
        --logfile "$redis_dir/redis.log"; then
        redis_port=$candidate
        # Bounded wait (~10 s) for it to answer.
        for _ in $(seq 1 100); do
            if [[ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null || true)" == "PONG" ]]; then
                started=1
                break
            fi
            grep -qi "address already in use" "$redis_dir/redis.log" 2>/dev/null && break
            sleep 0.1
        done
        ((started)) && break
        # Lost a race for the port, or it failed to start: show why, try the next port.
        if grep -qi "address already in use" "$redis_dir/redis.log" 2>/dev/null; then
            redis_port=""
            : >"$redis_dir/redis.log"
            continue
        fi
        echo "---- $redis_dir/redis.log ----" >&2
        cat "$redis_dir/redis.log" >&2 || true
        die "Redis on 127.0.0.1:$candidate did not answer PING within 10 s"
    fi
done
((started)) || die "could not start Redis on any port 16379-16479 (see $redis_dir/redis.log)"
log "Redis started on 127.0.0.1:$redis_port (dir $redis_dir)"

export SMARTTRADE_TEST_REDIS="127.0.0.1:$redis_port"
export SMARTTRADE_TEST_CHROMIUM="${SMARTTRADE_TEST_CHROMIUM:-$(command -v chromium)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

# ------------------------------------------------------------------------ tests
rc=0
if [[ "${SMARTTRADE_TEST_DRY_RUN:-}" == "1" ]]; then
    log "dry run: pinging Redis instead of running dotnet test"
    redis-cli -h 127.0.0.1 -p "$redis_port" ping || rc=$?
else
    test_log="$redis_dir/dotnet-test.log"
    set +e
    dotnet test SmartTrade.sln -c Release --nologo "$@" 2>&1 | tee "$test_log"
    rc=${PIPESTATUS[0]}
    set -e
    # One closing line for the whole run, summed over the test assemblies.
    awk '/^(Passed|Failed)!/ {
            for (i = 1; i <= NF; i++) {
                if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1); if ($i == "Skipped:") s += $(i + 1)
            }
         }
         END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$test_log"
fi
exit "$rc"
