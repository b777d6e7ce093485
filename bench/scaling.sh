#!/usr/bin/env bash
# The scaling table of bench/RESULTS.md: for each workload and size, `memspec bench --scenario` on
# the document and on the JSON Lines stream of the same ops (files written by
# `memspec run --print-scenario [--jsonl]`), as a Markdown table of CPU seconds, accesses per CPU
# second and peak RSS. Usage:
#   bench/scaling.sh BUILD/tools/memspec [MIN_LOG2 [MAX_LOG2 [WORKLOAD...]]]
# e.g. bench/scaling.sh build/release/tools/memspec 16 24 rand1 pingpong
set -euo pipefail
bin=${1:?usage: scaling.sh MEMSPEC [MIN_LOG2 [MAX_LOG2 [WORKLOAD...]]]}
lo=${2:-16}; hi=${3:-24}; shift $(( $# < 3 ? $# : 3 ))
workloads=("$@"); [ ${#workloads[@]} -gt 0 ] || workloads=(seq8 rand1 mixed pingpong)
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
echo "| workload | accesses | doc e2e cpu s | acc/cpu-s | x prev | read+engine | print | doc peak MiB | stream cpu s | stream acc/cpu-s | stream peak MiB | engine alone cpu s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for w in "${workloads[@]}"; do
  prev=""
  for ((k = lo; k <= hi; k++)); do
    n=$((1 << k))
    "$bin" run --workload "$w" -n "$n" --print-scenario > "$dir/s.json"
    "$bin" run --workload "$w" -n "$n" --print-scenario --jsonl > "$dir/s.jsonl"
    doc=$("$bin" bench --scenario "$dir/s.json" --json --no-oracle)
    str=$("$bin" bench --scenario "$dir/s.jsonl" --stream --json)
    python3 - "$w" "$doc" "$str" "$prev" <<'PY'
import json, sys
w, doc, st, prev = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
m = {x["measure"]: x for x in doc["measures"]}
e2e, alone, s = m["impl end-to-end"], m["impl engine alone"], st["measures"][0]
ph = {p["phase"]: p for p in e2e["phases"]}
ratio = f"{e2e['total_cpu_seconds'] / float(prev):.2f}" if prev else "-"
mib = lambda b: f"{b / 2**20:.0f}"
print(f"| {w} | {e2e['accesses']:,} | {e2e['total_cpu_seconds']:.3f} | {e2e['accesses_per_cpu_s']:.3g} | {ratio} | "
      f"{ph['read+engine']['cpu_seconds']:.3f} | {ph['print']['cpu_seconds']:.3f} | {mib(e2e['peak_rss_bytes'])} | "
      f"{s['total_cpu_seconds']:.3f} | {s['accesses_per_cpu_s']:.3g} | {mib(s['peak_rss_bytes'])} | {alone['total_cpu_seconds']:.3f} |")
PY
    prev=$(python3 -c "import json,sys; print([x for x in json.loads(sys.argv[1])['measures'] if x['measure']=='impl end-to-end'][0]['total_cpu_seconds'])" "$doc")
  done
done
