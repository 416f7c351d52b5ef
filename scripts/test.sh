#!/usr/bin/env bash
# SmartTrade's one test command: bash scripts/test.sh [extra dotnet test args]
# Installs what the tests need (Redis, PostgreSQL, Chromium, a CJK font), starts
# a throwaway Redis and a throwaway PostgreSQL cluster on free 127.0.0.1 ports,
# runs the whole solution's tests, and always stops and removes what it started.
# Exits with dotnet test's exit code.
# SMARTTRADE_TEST_DRY_RUN=1 replaces the dotnet test run with a Redis ping and a
# PostgreSQL query (to check the service handling on its own).
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

# PostgreSQL's server binaries are not on PATH; the machine image has version 15.
pg_bin_dir() {
    local dir
    for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/psql" ]]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
pg_bin_dir >/dev/null || missing+=(postgresql)
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
    pg_bin_dir >/dev/null || die "PostgreSQL (initdb, pg_ctl, psql under /usr/lib/postgresql/*/bin) still not found after install"
    command -v chromium >/dev/null 2>&1 || die "chromium still not found after install"
    has_font || die "fonts-wqy-zenhei still not found after install"
    log "installed: ${missing[*]}"
fi

# ------------------------------------------------------------- throwaway Redis
redis_port=""
redis_dir=""
pg_port=""
pg_dir=""
pg_bin=""

# Runs a PostgreSQL binary as the cluster's owner: the postgres user when we are root (the server refuses to run
# as root), ourselves otherwise.
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

stop_postgres() {
    [[ -n "$pg_dir" && -n "$pg_bin" && -f "$pg_dir/data/postmaster.pid" ]] || return 0
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w -t 20 stop >/dev/null 2>&1 && return 0
    # Fall back to the postmaster's pid if pg_ctl could not stop it.
    local pid
    pid=$(head -n 1 "$pg_dir/data/postmaster.pid" 2>/dev/null || true)
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill -INT "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || return 0
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_postgres
    if [[ -n "$pg_dir" ]]; then
        rm -rf "$pg_dir"
    fi
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

# ------------------------------------------------------- throwaway PostgreSQL
# A fresh cluster in a temporary folder, trust authentication on 127.0.0.1 only, durability off (nothing in it
# outlives the run). Tests create and drop a database of their own per test class.
pg_bin=$(pg_bin_dir) || die "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin"
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/smarttrade-test-pg.XXXXXX")
chmod 755 "$pg_dir"
mkdir -p "$pg_dir/data"
if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root, but there is no postgres user to run PostgreSQL as (install the postgresql package)"
    chown postgres:postgres "$pg_dir/data"
fi
chmod 700 "$pg_dir/data"
if ! as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1; then
    cat "$pg_dir/initdb.log" >&2 || true
    die "initdb failed (see above)"
fi

pg_started=0
for candidate in $(seq 15432 15532); do
    port_free "$candidate" || continue
    # -w -t 30: pg_ctl itself waits (bounded) until the server accepts connections.
    if as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/data/server.log" -w -t 30 \
        -o "-p $candidate -c listen_addresses=127.0.0.1 -k $pg_dir/data -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null 2>&1; then
        pg_port=$candidate
        pg_started=1
        break
    fi
    # Lost a race for the port: try the next one; anything else is fatal.
    if grep -qi "could not bind\|address already in use" "$pg_dir/data/server.log" 2>/dev/null; then
        stop_postgres
        : >"$pg_dir/data/server.log"
        continue
    fi
    echo "---- $pg_dir/data/server.log ----" >&2
    cat "$pg_dir/data/server.log" >&2 || true
    die "PostgreSQL on 127.0.0.1:$candidate did not start within 30 s"
done
((pg_started)) || die "could not start PostgreSQL on any port 15432-15532 (see $pg_dir/data/server.log)"
log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') started on 127.0.0.1:$pg_port (dir $pg_dir)"

export SMARTTRADE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
export SMARTTRADE_TEST_REDIS="127.0.0.1:$redis_port"
export SMARTTRADE_TEST_CHROMIUM="${SMARTTRADE_TEST_CHROMIUM:-$(command -v chromium)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

# ------------------------------------------------------------------------ tests
rc=0
if [[ "${SMARTTRADE_TEST_DRY_RUN:-}" == "1" ]]; then
    log "dry run: pinging Redis and querying PostgreSQL instead of running dotnet test"
    redis-cli -h 127.0.0.1 -p "$redis_port" ping || rc=$?
    "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -tAc "select version()" || rc=$?
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
