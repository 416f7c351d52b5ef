#!/usr/bin/env bash
# SmartTrade's run command: bash scripts/run.sh [extra host args]
# Runs the host in Release; it prints where to open it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

exec dotnet run --project host/SmartTrade.Host -c Release --no-launch-profile -- "$@"
