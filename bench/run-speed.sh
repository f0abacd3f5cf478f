#!/usr/bin/env bash
# The one quiet measurement run of issue 11: every acceptance ratio, interleaved with PyTorch eager in one process pair.
#   bench/run-speed.sh [--quick] [OUT_DIR]          (default OUT_DIR: bench-results/speed-YYYYMMDD-HHMM)
# Builds the benchmark in Release, then runs `ModelZoo.Bench models --acceptance`, writing OUT_DIR/benchmarks-run.md
# (paste into docs/benchmarks.md) and OUT_DIR/benchmarks-run.json. The whole script stays within 12 minutes on a
# 2-core machine: the measurement gets what the build left of that (--deadline-minutes), minus 1.5 minutes for the
# rows still running when it passes (they get one round, and the report says so). --quick: one short round per row,
# to check that everything runs (figures are not measurements). PyTorch: $MODELZOO_PYTHON, else /usr/bin/python3.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=()
if [[ "${1:-}" == "--quick" ]]; then quick=(--quick); shift; fi
out="${1:-bench-results/speed-$(date -u +%Y%m%d-%H%M)}"
mkdir -p "$out"
budget_s=720
start=$(date +%s)
echo "building bench/ModelZoo.Bench (Release)..." >&2
dotnet build bench/ModelZoo.Bench -c Release -v:q -nologo >&2
built=$(date +%s)
deadline_s=$(( budget_s - (built - start) - 90 ))
if (( deadline_s < 120 )); then deadline_s=120; fi
deadline_min=$(awk -v s="$deadline_s" 'BEGIN { printf "%.1f", s / 60 }')
echo "build took $(( built - start )) s; measuring with --deadline-minutes $deadline_min" >&2
dotnet bench/ModelZoo.Bench/bin/Release/net10.0/ModelZoo.Bench.dll models --acceptance ${quick[@]+"${quick[@]}"} \
    --deadline-minutes "$deadline_min" --json "$out/benchmarks-run.json" --markdown "$out/benchmarks-run.md" > /dev/null
echo "done in $(( $(date +%s) - start )) s: $out/benchmarks-run.md and $out/benchmarks-run.json" >&2
sed -n '/^### Acceptance/,$p' "$out/benchmarks-run.md"
