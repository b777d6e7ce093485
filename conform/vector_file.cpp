#include "conform/vector_file.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include <simdjson.h>

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

std::string optional_string(const Json& obj, const char* key, const std::string& where) {
    auto it = obj.find(key);
    if (it == obj.end()) return {};
    if (!it->is_string()) bad(where, std::string("\"") + key + "\" must be a string");
    return it->get<std::string>();
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

VectorTest read_test(const Json& tj, const std::string& type, const std::string& where, const VectorFile& file) {
    if (!tj.is_object()) bad(where, "a test must be an object");
    VectorTest t;
    t.kind = type == "TraceTest" ? VectorTest::Kind::Trace : type == "RootTest" ? VectorTest::Kind::Root : VectorTest::Kind::Scenario;
    if (t.kind == VectorTest::Kind::Trace)
        only_keys(tj, {"tcId", "comment", "flags", "result", "expected", "traces", "without"}, where);
    else if (t.kind == VectorTest::Kind::Root)
        only_keys(tj, {"tcId", "comment", "flags", "result", "expected", "scenario"}, where);
    else
        only_keys(tj, {"tcId", "comment", "flags", "result", "expected", "mayVary", "scenario", "scenarioText"}, where);
    const Json& id = member(tj, "tcId", where);
    if (!id.is_number_integer()) bad(where, "\"tcId\" must be an integer");
    t.tc_id = id.get<std::int64_t>();
    t.comment = optional_string(tj, "comment", where);
    const Json& flags = member(tj, "flags", where);
    if (!flags.is_array()) bad(where, "\"flags\" must be an array of strings");
    for (const Json& f : flags) {
        if (!f.is_string()) bad(where, "\"flags\" must be an array of strings");
        const std::string name = f.get<std::string>();
        if (!file.notes.count(name)) bad(where, "flag \"" + name + "\" is not described in \"notes\"");
        t.flags.push_back(name);
    }
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
    const Json& notes = member(doc, "notes", "");
    if (!notes.is_object()) bad("notes", "must be an object of flag descriptions");
    for (auto it = notes.begin(); it != notes.end(); ++it) {
        const std::string where = "notes." + it.key();
        if (!it->is_object()) bad(where, "must be an object");
        only_keys(*it, {"bugType", "description", "effect", "rules", "links"}, where);
        FlagNote n;
        n.bug_type = optional_string(*it, "bugType", where);
        n.description = optional_string(*it, "description", where);
        n.effect = optional_string(*it, "effect", where);
        if (auto r = it->find("rules"); r != it->end() && r->is_array())
            for (const Json& x : *r)
                if (x.is_string()) n.rules.push_back(x.get<std::string>());
        file.notes.emplace(it.key(), std::move(n));
    }
    const Json& groups = member(doc, "testGroups", "");
    if (!groups.is_array()) bad("testGroups", "must be an array");
    const auto raw = raw_inputs(text);
    std::set<std::int64_t> ids;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const std::string gw = "testGroups[" + std::to_string(g) + "]";
        const Json& group = groups[g];
        if (!group.is_object()) bad(gw, "a test group must be an object");
        only_keys(group, {"type", "comment", "provenance", "tests"}, gw);
        if (auto p = group.find("provenance"); p != group.end()) {
            if (!p->is_object()) bad(gw + ".provenance", "must be an object");
            only_keys(*p, {"method", "generator", "memspecVersion", "specCommit", "source"}, gw + ".provenance");
        }
        const std::string type = string_member(group, "type", gw);
        if (type != "ScenarioTest" && type != "TraceTest" && type != "RootTest")
            bad(gw, "\"type\" must be \"ScenarioTest\", \"TraceTest\" or \"RootTest\", not \"" + type + "\"");
        file.group_comments.push_back(optional_string(group, "comment", gw));
        const Json& tests = member(group, "tests", gw);
        if (!tests.is_array()) bad(gw, "\"tests\" must be an array");
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

std::optional<std::string> default_vectors_dir() {
    std::error_code ec;
#ifdef MEMSPEC_SOURCE_DIR
    if (fs::is_directory(fs::path(MEMSPEC_SOURCE_DIR) / "vectors", ec)) return (fs::path(MEMSPEC_SOURCE_DIR) / "vectors").string();
#endif
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path guess = exe.parent_path() / ".." / ".." / ".." / "vectors";
        if (fs::is_directory(guess, ec)) return fs::weakly_canonical(guess, ec).string();
    }
    return std::nullopt;
}

}  // namespace memspec::conform
