#!/usr/bin/env bash
# Checkout+pay load against a freshly started host (Release, Development environment as `scripts/run.sh`, an empty
# data directory), for each buyer count given; prints the load tool's figures and stops the host.
# Usage: bash scripts/load-test.sh [buyers...]   (default: 4 32; DURATION=30 seconds, PORT=5081, HOST_DIR=host/SmartTrade.Host)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$PWD"
duration="${DURATION:-30}"
port="${PORT:-5081}"
host_dir="$(cd "${HOST_DIR:-host/SmartTrade.Host}" && pwd)"
buyers_list=("$@")
[ ${#buyers_list[@]} -eq 0 ] && buyers_list=(4 32)

dotnet build "$host_dir" -c Release --nologo -v quiet >/dev/null
dotnet build "$repo/tests/SmartTrade.Benchmarks" -c Release --nologo -v quiet >/dev/null
tool="$repo/tests/SmartTrade.Benchmarks/bin/Release/net10.0/SmartTrade.Benchmarks.dll"

for buyers in "${buyers_list[@]}"; do
  data="$(mktemp -d)"
  ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" SmartTrade__DataDirectory="$data" \
    dotnet "$host_dir/bin/Release/net10.0/SmartTrade.Host.dll" --contentRoot "$host_dir" >"$data/host.log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "host exited; see $data/host.log"; exit 1; fi
    sleep 0.2
  done
  dotnet "$tool" load --url "http://127.0.0.1:$port" --data-dir "$data" --buyers "$buyers" --duration "$duration" || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
done
