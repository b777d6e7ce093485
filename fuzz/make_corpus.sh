#!/usr/bin/env bash
# Regenerates the committed seed corpora: fuzz/seeds/make_seeds.py writes the JSON seed
# scenarios, memspec_fuzz_corpus_gen turns them and the scenarios of the conformance vectors
# (vectors/*.json, extracted to a temporary vectors/scenarios/ so their names keep the vectors_ prefix)
# into fuzz/corpus/<target>/ (JSON text for
# scenario_parser, ScenarioEncoder bytes for the byte-driven targets). Needs the fuzz preset.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
python3 fuzz/seeds/make_seeds.py
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target memspec_fuzz_corpus_gen
# Only the generated parts are replaced; corpus files merged from long runs (run.sh --long) stay.
rm -f fuzz/corpus/*/random_*.bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/vectors/scenarios"
python3 - "$tmp/vectors/scenarios" <<'PY'
import glob, json, os, sys
for path in sorted(glob.glob("vectors/*.json")):
    stem = os.path.basename(path)[:-5]
    for group in json.load(open(path))["testGroups"]:
        for t in group["tests"] if group["type"] == "ScenarioTest" else []:
            text = t["scenarioText"] if "scenarioText" in t else json.dumps(t["scenario"], separators=(",", ":"))
            with open(os.path.join(sys.argv[1], f"{stem}_{t['tcId']}.json"), "w") as f:
                f.write(text)
PY
./build/fuzz/fuzz/memspec_fuzz_corpus_gen fuzz/corpus fuzz/seeds "$tmp/vectors/scenarios"
