#!/usr/bin/env bash
# Regenerates the committed seed corpora: fuzz/seeds/make_seeds.py writes the JSON seed
# scenarios, memspec_fuzz_corpus_gen turns them and the conformance vectors (vectors/scenarios)
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
./build/fuzz/fuzz/memspec_fuzz_corpus_gen fuzz/corpus fuzz/seeds vectors/scenarios
