// memspec_fuzz_corpus_gen <corpus-dir> <seed-dir>...: turns JSON seed scenarios (fuzz/seeds and
// the conformance vectors) into the seed corpora of every target (fuzz/make_corpus.sh runs it).
// Files from a directory other than fuzz/seeds are prefixed with its parent's name (vectors_...):
//   <corpus-dir>/scenario_parser/<name>.json  the seed text itself (also the malformed ones);
//   <corpus-dir>/document_run/<name>.json     the same text;
//   <corpus-dir>/{differential,capi_steps,online_memory,trace_mutation}/<name>.bin  ScenarioEncoder's bytes, after checking
//   that ScenarioDecoder reads them back as the same Scenario; trace_mutation's inputs start with
//   its 10-byte mutation header (fuzz/trace_mutation.cpp), varied from seed to seed so that the
//   corpus starts with both boundaries, both modes, many chips, rows, columns and deltas;
//   plus a few fixed pseudo-random byte strings that exercise the decoder's biased tables.
// Exit status 1 if a seed does not survive the encode/decode round trip.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "spec/interchange/interchange.hpp"
#include "fuzz/fuzzed_data.hpp"

namespace fs = std::filesystem;
using namespace memspec;

namespace {

const char* const BYTE_TARGETS[] = {"differential", "capi_steps", "online_memory", "trace_mutation"};
constexpr int RANDOM_INPUTS = 12;

void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

constexpr std::size_t TRACE_MUTATION_HEADER = 10;

// A fixed-seed 64-bit LCG, so regenerating the corpus is reproducible.
std::uint64_t lcg(std::uint64_t& state) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state;
}

// The i-th seed's trace_mutation header: chunk and mode cycle through all four combinations,
// decomp 17 is kept one time in eight (header bits 2-7), the rest is pseudo-random.
std::string mutation_header(int i) {
    std::uint64_t state = 0x747261636500ULL + static_cast<std::uint64_t>(i);  // "trace"
    std::string h(TRACE_MUTATION_HEADER, '\0');
    for (char& c : h) c = static_cast<char>(lcg(state) >> 56);
    h[0] = static_cast<char>((i & 3) | ((i % 8 == 7) ? 0xFC : 0));
    return h;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: memspec_fuzz_corpus_gen <corpus-dir> <seed-dir>...\n";
        return 2;
    }
    const fs::path corpus = argv[1];
    fs::create_directories(corpus / "scenario_parser");
    fs::create_directories(corpus / "document_run");
    for (const char* t : BYTE_TARGETS) fs::create_directories(corpus / t);

    std::vector<std::pair<fs::path, std::string>> files;  // (file, corpus name)
    for (int a = 2; a < argc; ++a) {
        const fs::path dir = fs::path(argv[a]).lexically_normal();
        const fs::path base = dir.filename().empty() ? dir.parent_path() : dir;
        const std::string prefix = base.filename() == "seeds" ? "" : base.parent_path().filename().string() + "_";
        std::vector<fs::path> in_dir;
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".json") in_dir.push_back(e.path());
        std::sort(in_dir.begin(), in_dir.end());
        for (const fs::path& f : in_dir) files.emplace_back(f, prefix + f.stem().string());
    }

    int encoded = 0;
    for (const auto& [f, name] : files) {
        std::ifstream in(f, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        write_file(corpus / "scenario_parser" / (name + ".json"), text);
        write_file(corpus / "document_run" / (name + ".json"), text);  // the same text, read while it runs
        auto sc = parse_scenario(text);
        if (!sc) continue;  // malformed seeds only feed the parser
        auto bytes = fuzz::ScenarioEncoder::encode(*sc);
        if (!bytes) {
            std::cerr << name << ": outside the byte decoder's limits, parser corpus only\n";
            continue;
        }
        fuzz::FuzzedData data(bytes->data(), bytes->size());
        const Scenario back = fuzz::ScenarioDecoder(data).scenario();
        if (!(back == *sc)) {
            std::cerr << name << ": decode(encode(scenario)) differs:\n" << to_json(*sc) << "\n" << to_json(back) << "\n";
            return 1;
        }
        const std::string body(bytes->begin(), bytes->end());
        for (const char* t : BYTE_TARGETS)
            write_file(corpus / t / (name + ".bin"), (std::string(t) == "trace_mutation" ? mutation_header(encoded) : "") + body);
        ++encoded;
    }

    // Fixed-seed bytes (a 64-bit LCG), so regenerating the corpus is reproducible.
    std::uint64_t state = 0x6d656d73706563ULL;  // "memspec"
    for (int i = 0; i < RANDOM_INPUTS; ++i) {
        std::string bytes;
        const int len = 16 + 24 * i;
        for (int k = 0; k < len; ++k) bytes.push_back(static_cast<char>(lcg(state) >> 56));
        for (const char* t : BYTE_TARGETS) write_file(corpus / t / ("random_" + std::to_string(i) + ".bin"), bytes);
    }
    std::cout << files.size() << " seeds, " << encoded << " encoded for the byte targets, " << RANDOM_INPUTS
              << " random inputs each\n";
    return 0;
}
