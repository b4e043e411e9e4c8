#!/usr/bin/env bash
# Builds the engine and the bench module, then runs the ingest benchmark.
# usage: bench/run-ingest.sh [--sizes 100MB,1GB] [--runs 3] [--dir bench/data] [--memory-limit 400MB] [--threads 2]
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $# -eq 0 ]]; then
  set -- --sizes 100MB,1GB --runs 3
fi
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$jar:bench/target/lib/*" \
  io.quarry.bench.IngestBench "$@"
