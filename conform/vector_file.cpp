#include "conform/vector_file.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include <simdjson.h>

#include "spec/vocabulary/profile.hpp"
#include "spec/vocabulary/strict_json.hpp"
#include "spec/interchange/input.hpp"

namespace memspec::conform {

namespace fs = std::filesystem;

std::string_view to_string(Expectation e) {
    switch (e) {
        case Expectation::Valid: return "valid";
        case Expectation::Invalid: return "invalid";
        case Expectation::Acceptable: return "acceptable";
    }
    return "?";
}

namespace {

struct Bad {
    std::string message;
};

[[noreturn]] void bad(const std::string& where, const std::string& what) { throw Bad{where + (where.empty() ? "" : ": ") + what}; }

// R150: every object the reader reads names only the keys vectors.schema.json allows; a misspelt
// key ("comments", "flag") would otherwise be ignored and the test half-read.
void only_keys(const Json& obj, std::initializer_list<std::string_view> allowed, const std::string& where) {
    if (auto k = unknown_key(obj, allowed)) bad(where, "unknown key \"" + *k + "\"");
}

const Json& member(const Json& obj, const char* key, const std::string& where) {
    auto it = obj.find(key);
    if (it == obj.end()) bad(where, std::string("missing \"") + key + "\"");
    return *it;
}

std::string string_member(const Json& obj, const char* key, const std::string& where) {
    const Json& v = member(obj, key, where);
    if (!v.is_string()) bad(where, std::string("\"") + key + "\" must be a string");
    return v.get<std::string>();
}

// R241: the constraints of spec/schemas/vectors.schema.json that conform checks itself, each with
// the schema's own bound: required keys, types, enums and consts, minItems, minLength, uniqueItems,
// minimum, and the schema's patterns (written out as character tests). What it leaves to
// vectors/validate.py: an embedded scenario or trace set against scenario.schema.json or
// traces.schema.json, and a valid test's expected result against result.schema.json (the program's
// output is judged against it field by field anyway).
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_upper(c) || is_digit(c) || (c >= 'a' && c <= 'z'); }

// ^[A-Z][A-Za-z0-9]*$
bool flag_name(std::string_view s) { return !s.empty() && is_upper(s[0]) && std::all_of(s.begin() + 1, s.end(), is_alnum); }
// ^R[0-9]+a?$
bool rule_name(std::string_view s) {
    if (s.size() < 2 || s[0] != 'R') return false;
    if (s.back() == 'a') s.remove_suffix(1);
    return s.size() >= 2 && std::all_of(s.begin() + 1, s.end(), is_digit);
}
// ^[0-9]+\.[0-9]+\.[0-9]+$
bool version_name(std::string_view s) {
    int parts = 0;
    while (true) {
        const std::size_t dot = s.find('.');
        const std::string_view part = s.substr(0, dot);
        if (part.empty() || !std::all_of(part.begin(), part.end(), is_digit)) return false;
        ++parts;
        if (dot == std::string_view::npos) return parts == 3;
        s.remove_prefix(dot + 1);
    }
}
// ^[0-9a-f]{40}$
bool commit_name(std::string_view s) {
    return s.size() == 40 && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); });
}

// A required string (minLength when `min_length`).
std::string required_string(const Json& obj, const char* key, const std::string& where, std::size_t min_length = 0) {
    const std::string v = string_member(obj, key, where);
    if (v.size() < min_length) bad(where, std::string("\"") + key + "\" must not be empty");
    return v;
}

// An array of strings, at least `min_items` of them, each passing `ok` (described by `shape`).
std::vector<std::string> string_array(const Json& obj, const char* key, const std::string& where, std::size_t min_items,
                                      bool (*ok)(std::string_view), const char* shape, bool unique = false) {
    const Json& v = member(obj, key, where);
    const std::string k = std::string("\"") + key + "\"";
    if (!v.is_array()) bad(where, k + " must be an array of strings");
    if (v.size() < min_items) bad(where, k + " must have at least " + std::to_string(min_items) + (min_items == 1 ? " item" : " items"));
    std::vector<std::string> out;
    for (const Json& x : v) {
        if (!x.is_string()) bad(where, k + " must be an array of strings");
        std::string name = x.get<std::string>();
        if (ok && !ok(name)) bad(where, k + ": \"" + name + "\" is not " + shape);
        if (unique && std::find(out.begin(), out.end(), name) != out.end()) bad(where, k + ": \"" + name + "\" is listed twice");
        out.push_back(std::move(name));
    }
    return out;
}

bool non_empty(std::string_view s) { return !s.empty(); }
bool https_link(std::string_view s) { return s.rfind("https://", 0) == 0; }

// result.schema.json#/$defs/error_kind: the kinds a result may report (OutputError never reaches one).
bool error_kind_name(std::string_view s) {
    for (std::string_view k : {"ParseError", "InvalidConfig", "InvalidAddressSpace", "SizeNotPowerOfTwo", "OutOfBounds", "UnalignedAccess",
                               "InvalidValue", "TimestampViolation", "Untraceable", "LimitExceeded", "InputError", "OutOfMemory"})
        if (s == k) return true;
    return false;
}

// #/$defs/provenance: generated by vectors/generate (version and spec commit) or transcribed (a source).
void check_provenance(const Json& p, const std::string& where) {
    if (!p.is_object()) bad(where, "must be an object");
    const std::string method = string_member(p, "method", where);
    if (method == "generated") {
        only_keys(p, {"method", "generator", "memspecVersion", "specCommit"}, where);
        if (string_member(p, "generator", where) != "vectors/generate") bad(where, "\"generator\" must be \"vectors/generate\"");
        if (!version_name(string_member(p, "memspecVersion", where))) bad(where, "\"memspecVersion\" must be a version MAJOR.MINOR.PATCH");
        if (!commit_name(string_member(p, "specCommit", where))) bad(where, "\"specCommit\" must be a 40-digit lowercase hex commit");
    } else if (method == "transcribed") {
        only_keys(p, {"method", "source"}, where);
        required_string(p, "source", where, 1);
    } else {
        bad(where, "\"method\" must be \"generated\" or \"transcribed\", not \"" + method + "\"");
    }
}

// The raw text of every test's "scenario" or "traces" value, by (group, test) index. The program
// must see what the file says, byte for byte (key order, how numbers and strings are spelt), which
// a value printed back from the tree would not be; simdjson points into the text.
std::map<std::pair<std::size_t, std::size_t>, std::string> raw_inputs(const std::string& text) {
    namespace od = simdjson::ondemand;
    std::map<std::pair<std::size_t, std::size_t>, std::string> out;
    simdjson::padded_string padded(text);
    od::parser parser;
    od::document doc = parser.iterate(padded);
    for (auto field : doc.get_object()) {
        if (std::string_view(field.unescaped_key().value()) != "testGroups") continue;
        std::size_t g = 0;
        for (auto group : field.value().get_array()) {
            for (auto gf : group.get_object()) {
                if (std::string_view(gf.unescaped_key().value()) != "tests") continue;
                std::size_t t = 0;
                for (auto test : gf.value().get_array()) {
                    for (auto tf : test.get_object()) {
                        const std::string_view key = tf.unescaped_key().value();
                        if (key != "scenario" && key != "traces") continue;
                        od::value v = tf.value();
                        if (v.type().value() != od::json_type::object) continue;
                        od::object obj = v.get_object().value();
                        out[{g, t}] = std::string(obj.raw_json().value());
                    }
                    ++t;
                }
            }
            ++g;
        }
    }
    return out;
}

// The expected error's kind, or "" when the test expects no error.
std::string expected_error_kind(const Json& expected) {
    auto err = expected.find("error");
    if (err == expected.end() || !err->is_object()) return {};
    auto kind = err->find("kind");
    return kind != err->end() && kind->is_string() ? kind->get<std::string>() : std::string();
}

VectorTest read_test(const Json& tj, const std::string& type, const std::string& where0, const VectorFile& file) {
    if (!tj.is_object()) bad(where0, "a test must be an object");
    VectorTest t;
    t.kind = type == "TraceTest" ? VectorTest::Kind::Trace : type == "RootTest" ? VectorTest::Kind::Root : VectorTest::Kind::Scenario;
    if (t.kind == VectorTest::Kind::Trace)
        only_keys(tj, {"tcId", "comment", "flags", "result", "expected", "traces", "without"}, where0);
    else if (t.kind == VectorTest::Kind::Root)
        only_keys(tj, {"tcId", "comment", "flags", "result", "expected", "scenario"}, where0);
    else
        only_keys(tj, {"tcId", "comment", "flags", "result", "expected", "mayVary", "scenario", "scenarioText"}, where0);
    const Json& id = member(tj, "tcId", where0);
    if (!id.is_number_integer() || id.get<std::int64_t>() < 1) bad(where0, "\"tcId\" must be an integer of at least 1");
    t.tc_id = id.get<std::int64_t>();
    // From here on the place names the test by its tcId too, as conform's report does.
    const std::string where = "tcId " + std::to_string(t.tc_id) + " at " + where0;
    t.comment = required_string(tj, "comment", where, 1);
    t.flags = string_array(tj, "flags", where, 1, flag_name, "a flag name ([A-Z][A-Za-z0-9]*)", /*unique=*/true);
    for (const std::string& name : t.flags)
        if (!file.notes.count(name)) bad(where, "flag \"" + name + "\" is not described in \"notes\"");
    const std::string result = string_member(tj, "result", where);
    if (result == "valid") t.result = Expectation::Valid;
    else if (result == "invalid") t.result = Expectation::Invalid;
    else if (result == "acceptable") t.result = Expectation::Acceptable;
    else bad(where, "\"result\" must be \"valid\", \"invalid\" or \"acceptable\", not \"" + result + "\"");
    // R200: roots leave no choice to an implementation, so a RootTest is valid or invalid.
    if (t.kind == VectorTest::Kind::Root && t.result == Expectation::Acceptable)
        bad(where, "a RootTest is \"valid\" (the roots) or \"invalid\" (an error)");
    t.expected = member(tj, "expected", where);
    if (!t.expected.is_object()) bad(where, "\"expected\" must be an object");
    if (t.kind != VectorTest::Kind::Trace && t.result == Expectation::Invalid) {
        // Messages are never compared (interchange.md), so an expected one is a mistake.
        only_keys(t.expected, {"error"}, where + ".expected");
        if (auto err = t.expected.find("error"); err != t.expected.end() && err->is_object())
            only_keys(*err, {"kind", "op_index"}, where + ".expected.error");
    }
    auto vary = tj.find("mayVary");
    if (t.result == Expectation::Acceptable) {
        if (vary == tj.end() || !vary->is_object()) bad(where, "an \"acceptable\" test needs \"mayVary\" (what may differ)");
        for (auto it = vary->begin(); it != vary->end(); ++it) {
            // Only the choices interchange.md names: conform cannot honour a freedom it does not know.
            if (it.key() != "finalizeOrder") bad(where, "mayVary: unknown choice \"" + it.key() + "\" (known: finalizeOrder)");
            if (!it->is_number_unsigned()) bad(where, "mayVary.finalizeOrder must be a non-negative integer");
            t.finalize_order = it->get<std::size_t>();
        }
        if (!t.finalize_order) bad(where, "mayVary names no choice");
    } else if (vary != tj.end()) {
        bad(where, "\"mayVary\" belongs to \"acceptable\" tests only");
    }
    const bool is_error = t.expected.contains("error");
    if (t.kind == VectorTest::Kind::Trace) {
        // R160: an exploit vector ("invalid") is rejected by a sound verifier; an honest trace set
        // ("valid") is accepted by a complete one.
        if (t.result == Expectation::Acceptable) bad(where, "a TraceTest is \"invalid\" (an exploit) or \"valid\" (an honest trace set)");
        if (t.result == Expectation::Invalid && t.expected.value("verdict", Json()) != "rejected")
            bad(where, "an \"invalid\" TraceTest expects {\"verdict\": \"rejected\"}");
        if (t.result == Expectation::Valid && t.expected != Json{{"verdict", "accepted"}})
            bad(where, "a \"valid\" TraceTest expects {\"verdict\": \"accepted\"} and nothing else");
        only_keys(t.expected, {"verdict", "kind", "chip", "bus"}, where + ".expected");
        if (auto k = t.expected.find("kind"); k != t.expected.end() && !(*k == "shape" || *k == "constraint" || *k == "bus"))
            bad(where + ".expected", "\"kind\" must be \"shape\", \"constraint\" or \"bus\"");
        if (auto c = t.expected.find("chip"); c != t.expected.end() && !c->is_string()) bad(where + ".expected", "\"chip\" must be a string");
        if (auto b = t.expected.find("bus"); b != t.expected.end() && !b->is_number_unsigned())
            bad(where + ".expected", "\"bus\" must be a non-negative integer");
        if (tj.contains("without")) {
            if (t.result == Expectation::Valid) bad(where, "an honest trace set (\"valid\") has no \"without\"");
            string_array(tj, "without", where, 1, non_empty, "a constraint name");
        }
        const Json& traces = member(tj, "traces", where);
        if (!traces.is_object()) bad(where, "\"traces\" must be an object");
    } else if (auto text = tj.find("scenarioText"); text != tj.end()) {
        // interchange.md: the exact bytes of an input that is not a JSON object (malformed JSON, a
        // duplicate key, nothing at all), for ParseError tests only.
        if (!text->is_string()) bad(where, "\"scenarioText\" must be a string");
        if (tj.contains("scenario")) bad(where, "a test has \"scenario\" or \"scenarioText\", not both");
        if (t.result != Expectation::Invalid || expected_error_kind(t.expected) != "ParseError")
            bad(where, "\"scenarioText\" is for ParseError tests only");
        t.input = text->get<std::string>();
    } else {
        const Json& scenario = member(tj, "scenario", where);
        if (!scenario.is_object()) bad(where, "\"scenario\" must be an object");
        const std::string profile = scenario.contains("profile") && scenario["profile"].is_string()
                                        ? scenario["profile"].get<std::string>()
                                        : std::string("generalized");
        // A ParseError test may spell the profile wrongly on purpose (an unknown name, a number):
        // that is what it tests.
        const bool tests_reading = expected_error_kind(t.expected) == "ParseError";
        if (profile != file.profile && !tests_reading)
            bad(where, "scenario profile \"" + profile + "\" is not the file's \"" + file.profile + "\"");
        if (t.result == Expectation::Invalid) {
            const Json& err = t.expected.value("error", Json());
            if (!err.is_object() || !err.contains("kind") || !err["kind"].is_string())
                bad(where, "an \"invalid\" test expects {\"error\": {\"kind\": …}}");
            if (!error_kind_name(err["kind"].get<std::string>()))
                bad(where + ".expected.error", "\"kind\": \"" + err["kind"].get<std::string>() + "\" is no error kind of result.schema.json");
            if (err.contains("op_index") && !err["op_index"].is_number_unsigned())
                bad(where, "expected error.op_index must be a non-negative integer");
        } else if (is_error) {
            bad(where, "a \"" + result + "\" test cannot expect an error");
        } else if (t.kind == VectorTest::Kind::Root) {
            // R200: the two roots of `memspec root --json`, both, and nothing else.
            only_keys(t.expected, {"initial_root", "final_root"}, where + ".expected");
            for (const char* key : {"initial_root", "final_root"})
                if (!t.expected.contains(key) || !t.expected[key].is_array())
                    bad(where + ".expected", std::string("a RootTest expects \"") + key + "\" (an array of 8 field elements)");
        } else {
            only_keys(t.expected,
                      {"reads", "records", "adapter_records", "final_memory", "final_timestamp", "initial_root", "final_root"},
                      where + ".expected");
        }
    }
    return t;
}

VectorFile parse_file(const std::string& path, const std::string& text) {
    // R150: a duplicate key anywhere in the file (a test's "expected" given twice, a duplicate key
    // inside a scenario) or bytes after it make the file mean two things: refused whole. A test of
    // how a program reads such a scenario spells it in "scenarioText".
    auto parsed = parse_ordered_json_strict(text);
    if (!parsed) bad("", "not JSON: " + parsed.error().message);
    const Json& doc = *parsed;
    if (!doc.is_object()) bad("", "a vector file is a JSON object");
    only_keys(doc, {"schema", "profile", "numberOfTests", "header", "notes", "testGroups"}, "");
    VectorFile file;
    file.path = path;
    const Json& schema = member(doc, "schema", "");
    if (!schema.is_object() || schema.value("name", Json()) != "memspec-vectors")
        bad("schema", "not a memspec vector file (schema.name must be \"memspec-vectors\")");
    only_keys(schema, {"name", "version"}, "schema");
    if (schema.value("version", Json()) != 1) bad("schema", "unsupported vector format version (this conform reads version 1)");
    file.profile = string_member(doc, "profile", "");
    // The profiles memspec knows are the schema's enum (scenario.schema.json#/$defs/profile).
    if (!profile_from_name(file.profile)) bad("profile", "\"" + file.profile + "\" is no profile memspec knows");
    string_array(doc, "header", "", 0, nullptr, "");
    const Json& notes = member(doc, "notes", "");
    if (!notes.is_object()) bad("notes", "must be an object of flag descriptions");
    for (auto it = notes.begin(); it != notes.end(); ++it) {
        const std::string where = "notes." + it.key();
        if (!it->is_object()) bad(where, "must be an object");
        only_keys(*it, {"bugType", "description", "effect", "rules", "links"}, where);
        FlagNote n;
        n.bug_type = string_member(*it, "bugType", where);
        if (n.bug_type != "BASIC" && n.bug_type != "EDGE_CASE" && n.bug_type != "MISSING_CHECK" && n.bug_type != "KNOWN_BUG" &&
            n.bug_type != "DEVIATION" && n.bug_type != "SOUNDNESS")
            bad(where, "\"bugType\" must be BASIC, EDGE_CASE, MISSING_CHECK, KNOWN_BUG, DEVIATION or SOUNDNESS, not \"" + n.bug_type + "\"");
        n.description = required_string(*it, "description", where, 1);
        n.effect = required_string(*it, "effect", where, 1);
        n.rules = string_array(*it, "rules", where, 1, rule_name, "a rule number (R12, R3a)");
        string_array(*it, "links", where, 0, https_link, "an https:// link");
        file.notes.emplace(it.key(), std::move(n));
    }
    const Json& groups = member(doc, "testGroups", "");
    if (!groups.is_array() || groups.empty()) bad("testGroups", "must be an array of at least one test group");
    const auto raw = raw_inputs(text);
    std::set<std::int64_t> ids;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const std::string gw = "testGroups[" + std::to_string(g) + "]";
        const Json& group = groups[g];
        if (!group.is_object()) bad(gw, "a test group must be an object");
        only_keys(group, {"type", "comment", "provenance", "tests"}, gw);
        check_provenance(member(group, "provenance", gw), gw + ".provenance");
        const std::string type = string_member(group, "type", gw);
        if (type != "ScenarioTest" && type != "TraceTest" && type != "RootTest")
            bad(gw, "\"type\" must be \"ScenarioTest\", \"TraceTest\" or \"RootTest\", not \"" + type + "\"");
        file.group_comments.push_back(string_member(group, "comment", gw));
        const Json& tests = member(group, "tests", gw);
        if (!tests.is_array() || tests.empty()) bad(gw, "\"tests\" must be an array of at least one test");
        for (std::size_t i = 0; i < tests.size(); ++i) {
            const std::string where = gw + ".tests[" + std::to_string(i) + "]";
            VectorTest t = read_test(tests[i], type, where, file);
            if (!ids.insert(t.tc_id).second) bad(where, "tcId " + std::to_string(t.tc_id) + " is used twice");
            if (!tests[i].contains("scenarioText")) {
                auto r = raw.find({g, i});
                if (r == raw.end()) bad(where, "cannot locate the scenario's text");
                t.input = r->second;
            }
            t.group = g;
            file.tests.push_back(std::move(t));
        }
    }
    const Json& count = member(doc, "numberOfTests", "");
    if (!count.is_number_unsigned() || count.get<std::size_t>() != file.tests.size())
        bad("numberOfTests", "says " + count.dump() + " but the groups hold " + std::to_string(file.tests.size()) + " tests");
    return file;
}

}  // namespace

std::variant<VectorFile, LoadError> load_vector_file(const std::string& path) {
    auto text = read_whole(path, "vector file");
    if (!text) return LoadError{path + ": " + text.error().message, text.error().kind == ErrorKind::InputError};
    try {
        return parse_file(path, *text);
    } catch (const Bad& b) {
        return LoadError{path + ": " + b.message};
    } catch (const simdjson::simdjson_error& e) {
        return LoadError{path + ": " + e.what()};
    } catch (const Json::exception& e) {
        // A value of an unexpected type somewhere the checks above did not look: still the file's fault.
        return LoadError{path + ": " + e.what()};
    }
}

std::variant<std::vector<std::string>, LoadError> expand_vector_paths(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const std::string& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<std::string> found;
            for (const auto& entry : fs::directory_iterator(p, ec)) {
                std::error_code file_ec;
                if (entry.is_regular_file(file_ec) && entry.path().extension() == ".json") found.push_back(entry.path().string());
            }
            if (ec) return LoadError{p + ": cannot be listed: " + ec.message()};
            std::sort(found.begin(), found.end());
            if (found.empty()) return LoadError{p + ": holds no *.json vector file"};
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(p, ec)) {
            files.push_back(p);
        } else {
            return LoadError{p + ": no such file or directory"};
        }
    }
    return files;
}

namespace {

// Whether `path` lies inside `dir` (both made absolute and normal first).
bool lies_under(const fs::path& path, const fs::path& dir) {
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(path, ec);
    if (ec) return false;
    const fs::path d = fs::weakly_canonical(dir, ec);
    if (ec) return false;
    return std::mismatch(d.begin(), d.end(), p.begin(), p.end()).first == d.end();
}

}  // namespace

std::optional<std::string> default_vectors_dir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return std::nullopt;
    // R243: an installed or unpacked tree at any prefix, <prefix>/bin/memspec beside
    // <prefix>/share/memspec/vectors, uses its own copy.
    const fs::path installed = exe.parent_path().parent_path() / "share" / "memspec" / "vectors";
    if (fs::is_directory(installed, ec)) return fs::weakly_canonical(installed, ec).string();
#if defined(MEMSPEC_SOURCE_DIR) && defined(MEMSPEC_BINARY_DIR)
    // A binary of the build tree, and only that: the source tree's vectors/. An installed binary
    // whose share/ is missing must not pick up whatever the build machine's source tree holds.
    const fs::path source = fs::path(MEMSPEC_SOURCE_DIR) / "vectors";
    if (lies_under(exe, MEMSPEC_BINARY_DIR) && fs::is_directory(source, ec)) return source.string();
#endif
    return std::nullopt;
}

}  // namespace memspec::conform
