#!/usr/bin/env bash
# Bounded load test of POST /api/extract on loopback: a release `newsgraph
# serve` on 127.0.0.1, wrk (Debian) with 64 connections for a fixed time.
# Usage: crates/newsgraph-serve/bench/load.sh [SECONDS] [CONNECTIONS]   (wrk: apt-get install wrk)
# The article is two of examples/articles/ joined (~6.4 KB, seed-sized).
set -euo pipefail
cd "$(dirname "$0")/../../.."
secs="${1:-20}"
conns="${2:-64}"
port="${PORT:-18790}"
command -v wrk >/dev/null || { echo "error: wrk is needed (apt-get install wrk)" >&2; exit 1; }

article="$(mktemp)"
cat examples/articles/wire_report.txt examples/articles/long_feature.txt > "$article"
echo "article: $(wc -c < "$article") bytes"

# NEWSGRAPH_BIN=path skips the build and uses that binary.
bin="${NEWSGRAPH_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --release -p newsgraph-cli
  bin=target/release/newsgraph
fi
"$bin" serve --addr "127.0.0.1:$port" 2>/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$article"' EXIT
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  sleep 0.1
done

threads=$(( conns < 2 ? conns : 2 ))
ARTICLE="$article" wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s --latency \
  -s crates/newsgraph-serve/bench/extract.lua "http://127.0.0.1:$port/api/extract"
