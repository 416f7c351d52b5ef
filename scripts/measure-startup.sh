#!/usr/bin/env bash
# Measures the time from process start to /health/ready answering 200, with every bundled plugin,
# on a fresh data directory (first start: migrations, demo accounts) and on a warm one (restart).
# Usage: bash scripts/measure-startup.sh [runs]   (builds Release first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
port=5099
dotnet build host/SmartTrade.Host -c Release --nologo -v quiet >/dev/null
# Run from the project folder, as `dotnet run` does, so its appsettings.json (log levels) apply.
host_dir="$PWD/host/SmartTrade.Host"
host_dll="bin/Release/net10.0/SmartTrade.Host.dll"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT

measure() {
  local start end pid
  start=$(date +%s%N)
  ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" SmartTrade__DataDirectory="$data" \
    dotnet "$host_dir/$host_dll" --contentRoot "$host_dir" >"$data/host.log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "host exited; see log:"; cat "$data/host.log"; exit 1; fi
    sleep 0.02
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

echo "first start (empty data directory): $(measure) ms"
for i in $(seq 1 "$runs"); do
  echo "restart $i: $(measure) ms"
done
