// Vector files (spec/interchange.md, "Vector files"): what conform reads (R130). A file that is
// not a well-formed vector file is reported with the place of the defect and never half-used: a
// suite that silently skipped a malformed test would pass an implementation it never tested.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace memspec::conform {

using Json = nlohmann::ordered_json;  // keeps the file's key order when values are printed back

enum class Expectation { Valid, Invalid, Acceptable };
std::string_view to_string(Expectation e);

struct FlagNote {
    std::string bug_type;
    std::string description;
    std::string effect;
    std::vector<std::string> rules;
};

struct VectorTest {
    // R200: a RootTest holds a scenario whose expected value is the Merkle roots of its memory
    // (`memspec root --json`), judged by the root command rather than the program.
    enum class Kind { Scenario, Trace, Root };
    Kind kind = Kind::Scenario;
    std::int64_t tc_id = 0;
    std::string comment;
    std::vector<std::string> flags;
    Expectation result = Expectation::Valid;
    // The scenario (or, for a TraceTest, the trace set) exactly as the file spells it, or the
    // bytes of `scenarioText`: fed to the program byte for byte, so that a test of a duplicate key,
    // of key order or of malformed JSON reaches it intact.
    std::string input;
    Json expected;
    // mayVary {"finalizeOrder": k}: adapter_records[k..] are compared as a multiset.
    std::optional<std::size_t> finalize_order;
    std::size_t group = 0;  // index of its test group
};

struct VectorFile {
    std::string path;
    std::string profile;
    std::map<std::string, FlagNote> notes;
    std::vector<std::string> group_comments;
    std::vector<VectorTest> tests;  // every group's tests, in file order
};

// Reads and checks one vector file; an error names the file and the place ("testGroups[1].tests[4]:
// missing \"expected\"").
struct LoadError {
    std::string message;
    bool read_failed = false;  // the file could not be read (an I/O error), rather than being bad
};
std::variant<VectorFile, LoadError> load_vector_file(const std::string& path);

// Files and directories as given on the command line: a directory stands for its *.json files
// (not recursive), sorted by name. A path that does not exist is an error.
std::variant<std::vector<std::string>, LoadError> expand_vector_paths(const std::vector<std::string>& paths);

// Where the vectors are when --vectors is not given (R243): <exe dir>/../share/memspec/vectors (an
// installed or unpacked tree), else, for a binary inside the build tree only, the source tree's
// vectors/ (both paths compiled in); nothing otherwise.
std::optional<std::string> default_vectors_dir();

}  // namespace memspec::conform
