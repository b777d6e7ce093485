#include "conform/judge.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

#include "conform/stream_framing.hpp"
#include "engines/engines.hpp"
#include "spec/interchange/scenario_reader.hpp"
#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/strict_json.hpp"

namespace memspec::conform {

namespace {

// The length of the well-formed UTF-8 sequence that `s` starts with (Unicode's table of
// well-formed byte sequences: no overlong forms, no surrogates, nothing past U+10FFFF), or 0
// when its first byte does not start one.
std::size_t utf8_sequence(std::string_view s) {
    const auto at = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char c = at(0);
    if (c < 0x80) return 1;
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) n = 3, lo = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) n = 3;
    else if (c == 0xED) n = 3, hi = 0x9F;
    else if (c == 0xF0) n = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else if (c == 0xF4) n = 4, hi = 0x8F;
    else return 0;
    if (s.size() < n || at(1) < lo || at(1) > hi) return 0;
    for (std::size_t i = 2; i < n; ++i)
        if (at(i) < 0x80 || at(i) > 0xBF) return 0;
    return n;
}

}  // namespace

std::string excerpt_text(std::string_view text, std::size_t max) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (out.size() >= max) return out + "…";
        const auto c = static_cast<unsigned char>(text[i]);
        // One line, printable: a report must not be garbled by what a program printed.
        if (c == '\n' || c == '\r' || c == '\t') out += ' ', ++i;
        else if (c < 0x20 || c == 0x7f) out += '?', ++i;
        else if (const std::size_t n = utf8_sequence(text.substr(i)); n > 0) out.append(text.substr(i, n)), i += n;
        else {
            // R161: a byte that is not part of well-formed UTF-8 is shown as \xNN, so the report
            // (JSON strings are UTF-8) keeps it; a cut never splits a character either.
            out += "\\x", out += hex[c >> 4], out += hex[c & 0xf], ++i;
        }
    }
    return out;
}

std::string excerpt(const Json& value, std::size_t max) { return excerpt_text(value.dump(-1, ' ', false, Json::error_handler_t::replace), max); }

namespace {

// Notes which op emitted each adapter record: a step's adapter records come before its access
// record (R37), so the records seen since the last access record belong to the next one; what is
// left at the end is finalize's.
class OriginSink final : public RecordSink {
public:
    std::vector<Locator::Origin> origins;
    std::size_t accesses = 0;
    std::size_t pending_from = 0;

    void adapter(const AdapterRecordView&) override { origins.push_back({}); }
    void access(const AccessRecordView&) override {
        close(accesses);
        ++accesses;
    }
    void final_block(const FinalBlockView&) override {}
    // Assigns the pending records to access number `access` (or to finalize: SIZE_MAX).
    void close(std::size_t access) {
        const std::size_t count = origins.size() - pending_from;
        for (std::size_t i = pending_from; i < origins.size(); ++i)
            origins[i] = {access == SIZE_MAX ? std::nullopt : std::optional<std::size_t>(access), i - pending_from, count};
        pending_from = origins.size();
    }
};

std::string idx(std::string_view base, std::size_t i) { return std::string(base) + "[" + std::to_string(i) + "]"; }

// The first place where `got` differs from `expected`: objects key by key in the expected order
// (then keys only `got` has), arrays element by element (then length). Fills path, expected, got.
bool first_difference(const Json& expected, const Json& got, const std::string& path, Difference& d) {
    if (expected.is_object() && got.is_object()) {
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            const std::string sub = path.empty() ? it.key() : path + "." + it.key();
            auto g = got.find(it.key());
            if (g == got.end()) {
                d.path = sub, d.expected = *it, d.got.reset(), d.summary = "missing in the output";
                return true;
            }
            if (first_difference(*it, *g, sub, d)) return true;
        }
        for (auto it = got.begin(); it != got.end(); ++it)
            if (!expected.contains(it.key())) {
                d.path = path.empty() ? it.key() : path + "." + it.key();
                d.expected.reset(), d.got = *it, d.summary = "not expected in the output";
                return true;
            }
        return false;
    }
    if (expected.is_array() && got.is_array()) {
        const std::size_t n = std::min(expected.size(), got.size());
        for (std::size_t i = 0; i < n; ++i)
            if (first_difference(expected[i], got[i], idx(path, i), d)) return true;
        if (expected.size() > n) {
            d.path = idx(path, n), d.expected = expected[n], d.got.reset();
            d.summary = "missing in the output (" + std::to_string(expected.size()) + " expected, " + std::to_string(got.size()) + " printed)";
            return true;
        }
        if (got.size() > n) {
            d.path = idx(path, n), d.expected.reset(), d.got = got[n];
            d.summary = "not expected in the output (" + std::to_string(expected.size()) + " expected, " + std::to_string(got.size()) + " printed)";
            return true;
        }
        return false;
    }
    if (expected == got) return false;
    d.path = path, d.expected = expected, d.got = got;
    return true;
}

// Splits "adapter_records[4].data[2]" into the record ("adapter_records[4]", index 4) and the
// field ("data[2]").
bool split_path(const std::string& path, std::string_view key, std::size_t& index, Difference& d) {
    if (path.rfind(std::string(key) + "[", 0) != 0) return false;
    const std::size_t close = path.find(']');
    if (close == std::string::npos) return false;
    index = std::stoul(path.substr(key.size() + 1, close - key.size() - 1));
    d.record = path.substr(0, close + 1);
    d.field = close + 2 < path.size() ? path.substr(close + 2) : std::string();
    return true;
}

void place_adapter(Difference& d, const Locator& where, std::size_t index) {
    if (index >= where.adapter_origins.size()) return;  // past what memspec emitted: no op to name
    const Locator::Origin& o = where.adapter_origins[index];
    d.index_in_op = o.index;
    d.records_of_op = o.count;
    if (o.op && *o.op < where.access_ops.size()) {
        d.op_index = where.access_ops[*o.op];
        d.op = where.ops[*d.op_index];
    } else {
        d.at_finalize = true;
    }
}

void place_op(Difference& d, const Locator& where, std::size_t op) {
    if (op >= where.ops.size()) return;
    d.op_index = op;
    d.op = where.ops[op];
}

// Names the op (or finalize) behind a difference in the result.
void localize(Difference& d, const Locator& where, const Json& expected) {
    std::size_t i = 0;
    if (split_path(d.path, "records", i, d)) {
        if (i < where.access_ops.size()) place_op(d, where, where.access_ops[i]);
    } else if (split_path(d.path, "reads", i, d)) {
        if (i < where.read_ops.size()) place_op(d, where, where.read_ops[i]);
    } else if (split_path(d.path, "adapter_records", i, d)) {
        place_adapter(d, where, i);
    } else if (split_path(d.path, "final_memory", i, d)) {
        d.at_finalize = true;
        // The block by its address, as an implementer would look it up.
        const Json& fm = expected.value("final_memory", Json());
        if (fm.is_array() && i < fm.size() && fm[i].is_object() && fm[i].contains("as") && fm[i].contains("ptr"))
            d.block = "block (as " + excerpt(fm[i]["as"]) + ", ptr " + excerpt(fm[i]["ptr"]) + ")";
    }
}

std::string canonical(const Json& v) { return v.dump(); }

// R23: under an OpenVM profile finalize visits chunks in hash-set order, so its records
// (adapter_records[k..]) may come in any order: compared as multisets.
bool finalize_multiset_difference(const Json& expected, const Json& got, std::size_t k, Difference& d, const Locator& where) {
    std::map<std::string, std::vector<std::size_t>> want, have;
    for (std::size_t i = k; i < expected.size(); ++i) want[canonical(expected[i])].push_back(i);
    for (std::size_t i = k; i < got.size(); ++i) have[canonical(got[i])].push_back(i);
    const std::string span = "adapter_records[" + std::to_string(k) + "..]";
    for (std::size_t i = k; i < expected.size(); ++i) {
        auto& h = have[canonical(expected[i])];
        if (h.empty()) {
            d.path = idx("adapter_records", i), d.record = d.path;
            d.expected = expected[i], d.got.reset();
            d.summary = "missing from the output's " + span + " (finalize's records, compared as a multiset)";
            place_adapter(d, where, i);
            return true;
        }
        h.pop_back();
    }
    for (std::size_t i = k; i < got.size(); ++i) {
        auto& w = want[canonical(got[i])];
        if (w.empty()) {
            d.path = idx("adapter_records", i), d.record = d.path;
            d.expected.reset(), d.got = got[i];
            d.summary = "not among the expected " + span + " (finalize's records, compared as a multiset)";
            d.at_finalize = true;
            return true;
        }
        w.pop_back();
    }
    return false;
}

std::optional<Difference> compare_result(const Json& expected, const Json& got, std::optional<std::size_t> finalize_order,
                                         std::string_view scenario_text) {
    Difference d;
    if (!got.is_object()) {
        d.expected = expected, d.got = got, d.summary = "the output is not a result object";
        return d;
    }
    // Key by key in the expected order, so that the first difference is the earliest in the result;
    // with finalizeOrder, adapter_records[..k] exactly and then finalize's records as a multiset.
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        auto g = got.find(it.key());
        if (g == got.end()) {
            d.path = it.key(), d.expected = *it, d.summary = "missing in the output";
            return d;
        }
        if (it.key() == "adapter_records" && finalize_order && it->is_array() && g->is_array()) {
            const std::size_t k = *finalize_order;
            Json e_head = Json::array(), g_head = Json::array();
            for (std::size_t i = 0; i < std::min(k, it->size()); ++i) e_head.push_back((*it)[i]);
            for (std::size_t i = 0; i < std::min(k, g->size()); ++i) g_head.push_back((*g)[i]);
            if (first_difference(e_head, g_head, it.key(), d)) break;
            const Locator where = locate(scenario_text);
            if (finalize_multiset_difference(*it, *g, k, d, where)) return d;
            continue;
        }
        if (first_difference(*it, *g, it.key(), d)) break;
    }
    if (d.path.empty())
        for (auto it = got.begin(); it != got.end(); ++it)
            if (!expected.contains(it.key())) {
                d.path = it.key(), d.got = *it, d.summary = "not expected in the output";
                break;
            }
    if (d.path.empty()) return std::nullopt;
    localize(d, locate(scenario_text), expected);
    return d;
}

// Deeper than the interchange's 1024 levels (spec/interchange.md, "Which error"): no result or
// verdict nests like that, and a value built from such output would be copied, compared and
// printed by recursion, one stack frame per level — so it is not parsed at all (R161).
constexpr std::size_t max_output_depth = 1024;

bool nested_deeper_than(std::string_view text, std::size_t limit) {
    std::size_t depth = 0;
    bool in_string = false, escaped = false;
    for (const char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return true;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return false;
}

std::optional<Json> parse_output(const std::string& out) {
    if (nested_deeper_than(out, max_output_depth)) return std::nullopt;
    // R150: a program's output is read as strictly as memspec reads anything: a key given twice
    // means two things, so such output is not a result even when its last value is right.
    auto parsed = parse_ordered_json_strict(out);
    if (!parsed) return std::nullopt;
    return std::move(parsed).value();
}

std::string error_words(const Json& err) {
    const Json kind = err.value("kind", Json());
    std::string s = kind.is_string() ? kind.get<std::string>() : excerpt(kind);
    if (err.contains("op_index")) s += " at op " + excerpt(err["op_index"]);
    return s;
}

std::optional<Difference> process_failure(const ProgramRun& run) {
    if (run.outcome == ProgramRun::Outcome::Exited) return std::nullopt;
    Difference d;
    // "the program…" first: diff's shrinker classes a divergence as a process failure by it.
    d.summary = (run.outcome == ProgramRun::Outcome::OutputTooLarge ? "the program's " : "the program ") + run.describe();
    if (run.outcome == ProgramRun::Outcome::TimedOut) d.summary += " after " + std::to_string(static_cast<long>(run.seconds + 0.5)) + " s";
    if (!run.err.empty()) d.detail = "stderr: " + excerpt_text(run.err, 300);
    return d;
}

}  // namespace

Locator locate(std::string_view scenario_text) {
    Locator where;
    try {
        const Json doc = Json::parse(scenario_text);
        if (doc.is_object() && doc.contains("ops") && doc["ops"].is_array())
            for (const Json& op : doc["ops"]) where.ops.push_back(op);
    } catch (const Json::exception&) {
        return where;
    }
    auto scenario = parse_scenario(scenario_text);
    if (!scenario) return where;
    for (std::size_t i = 0; i < scenario->ops.size(); ++i) {
        if (scenario->ops[i].kind != OpKind::Tick) where.access_ops.push_back(i);
        if (scenario->ops[i].kind == OpKind::Read) where.read_ops.push_back(i);
    }
    OriginSink sink;
    (void)run_scenario(*engines::by_name("impl"), *scenario, sink);  // an error: what was emitted before it still locates
    sink.close(SIZE_MAX);
    where.adapter_origins = std::move(sink.origins);
    return where;
}

std::optional<Difference> judge_scenario(const Expect& expect, const ProgramRun& run, std::string_view scenario_text) {
    if (auto d = process_failure(run)) return d;
    const Json& expected = *expect.expected;
    const auto got = parse_output(run.out);
    if (!got) {
        Difference d;
        d.summary = "the output (" + run.describe() + ") is not JSON: " + (run.out.empty() ? std::string("nothing printed") : excerpt_text(run.out));
        if (!run.err.empty()) d.detail = "stderr: " + excerpt_text(run.err, 300);
        return d;
    }
    const bool got_error = got->is_object() && got->contains("error") && (*got)["error"].is_object();
    if (expect.result == Expectation::Invalid) {
        const Json& want = expected["error"];
        Difference d;
        if (want.contains("op_index") && want["op_index"].is_number_unsigned()) {
            const Locator where = locate(scenario_text);
            place_op(d, where, want["op_index"].get<std::size_t>());
        }
        if (!got_error) {
            d.path = "error", d.expected = want;
            d.summary = "the program printed a result (" + run.describe() + ") where the spec rejects the scenario";
            return d;
        }
        const Json& err = (*got)["error"];
        for (const char* key : {"kind", "op_index"}) {
            const bool in_want = want.contains(key), in_got = err.contains(key);
            if (in_want != in_got || (in_want && want[key] != err[key])) {
                d.path = std::string("error.") + key;
                if (in_want) d.expected = want[key];
                if (in_got) d.got = err[key];
                d.summary = "expected error " + error_words(want) + ", got " + error_words(err);
                if (err.contains("message")) d.detail = "message: " + excerpt(err["message"], 300);
                return d;
            }
        }
        if (run.exit_status != 2) {
            d.path = "exit status", d.expected = 2, d.got = run.exit_status;
            d.summary = "an error is reported with exit status 2";
            return d;
        }
        return std::nullopt;
    }
    if (got_error) {
        Difference d;
        const Json& err = (*got)["error"];
        d.path = "error", d.got = err;
        d.summary = "the program rejected the scenario (" + run.describe() + ") where the spec gives a result";
        if (err.contains("op_index") && err["op_index"].is_number_unsigned()) place_op(d, locate(scenario_text), err["op_index"].get<std::size_t>());
        if (err.contains("message")) d.detail = "message: " + excerpt(err["message"], 300);
        return d;
    }
    if (auto d = compare_result(expected, *got, expect.result == Expectation::Acceptable ? expect.finalize_order : std::nullopt, scenario_text))
        return d;
    if (run.exit_status != 0) {
        Difference d;
        d.path = "exit status", d.expected = 0, d.got = run.exit_status;
        d.summary = "the result is right but the exit status is not 0";
        return d;
    }
    return std::nullopt;
}

std::optional<Difference> judge_scenario_stream(const Expect& expect, const ProgramRun& run, std::string_view scenario_text) {
    if (auto d = process_failure(run)) return d;
    // R161: nothing nested deeper than the interchange allows is parsed, line by line or whole.
    StreamResult framed;
    if (nested_deeper_than(run.out, max_output_depth)) framed.problem = "nested deeper than " + std::to_string(max_output_depth) + " levels";
    else framed = result_from_stream(run.out);
    if (!framed.problem.empty()) {
        Difference d;
        d.summary = "the output (" + run.describe() + ") is not a JSON Lines result: " + framed.problem + ": " +
                    (run.out.empty() ? std::string("nothing printed") : excerpt_text(run.out));
        if (!run.err.empty()) d.detail = "stderr: " + excerpt_text(run.err, 300);
        return d;
    }
    // The v1 result the lines stand for, judged as a document's answer: one comparison (R131).
    ProgramRun as_document = run;
    as_document.out = framed.value.dump();
    return judge_scenario(expect, as_document, scenario_text);
}

std::optional<Difference> judge_roots(const Expect& expect, const ProgramRun& run, std::string_view scenario_text) {
    // The roots are a result of two keys: the comparison of R131 (key by key, element by element)
    // names the first differing element, "initial_root[3]"; an error is judged as any error.
    return judge_scenario(expect, run, scenario_text);
}

std::optional<Difference> judge_trace(const ProgramRun& run, Expectation want) {
    // R160: a verdict is the pair (exit status 0, {"verdict":"accepted"}) or (exit status 1,
    // {"verdict":"rejected"}) on standard output. Anything else is the verifier failing, never a
    // rejection: exit status 1 alone is also how `false`, a Python traceback or a failed assertion
    // end, and a verifier that crashes must not pass the exploit vectors.
    const std::string wanted = want == Expectation::Valid ? "accepted" : "rejected";
    if (auto d = process_failure(run)) {
        d->summary = "the verifier failed: " + d->summary;
        return d;
    }
    const auto got = parse_output(run.out);
    const Json verdict = got && got->is_object() ? got->value("verdict", Json()) : Json();
    const bool said = verdict == "accepted" || verdict == "rejected";
    Difference d;
    d.path = "verdict", d.expected = wanted;
    if (!run.err.empty()) d.detail = "stderr: " + excerpt_text(run.err, 300);
    if (!said) {
        const std::string printed = run.out.empty() ? std::string("nothing on stdout") : "stdout " + excerpt_text(run.out);
        d.summary = got && got->is_object() && got->contains("error") && (*got)["error"].is_object()
                        ? "the verifier failed: it reported bad input (" + run.describe() + "): " + error_words((*got)["error"])
                        : "the verifier failed: " + run.describe() + " and " + printed +
                              "; a verdict is exit status 0 with {\"verdict\":\"accepted\"} or exit status 1 with "
                              "{\"verdict\":\"rejected\"} on stdout (a crash is not a rejection)";
        return d;
    }
    const int agreeing_status = verdict == "accepted" ? 0 : 1;
    if (run.exit_status != agreeing_status) {
        d.path = "exit status", d.expected = agreeing_status, d.got = run.exit_status;
        d.summary = "the verifier failed: it printed \"" + verdict.get<std::string>() + "\" with " + run.describe() +
                    " (a verdict needs exit status " + std::to_string(agreeing_status) + ")";
        return d;
    }
    if (verdict == wanted) return std::nullopt;
    d.got = verdict;
    d.summary = want == Expectation::Valid ? "a complete verifier accepts this honest trace set"
                                           : "a sound verifier rejects these traces";
    return d;
}

std::string Difference::text(std::string_view indent) const {
    std::string where;
    if (op_index) where = "op " + std::to_string(*op_index) + " " + excerpt(op, 200);
    else if (at_finalize) where = "finalize" + (block.empty() ? std::string() : ", " + block);
    if (index_in_op && records_of_op)
        where += ", its adapter record " + std::to_string(*index_in_op + 1) + " of " + std::to_string(*records_of_op);
    std::string out;
    if (!where.empty()) out += std::string(indent) + "at " + where + "\n";
    std::string what = path.empty() ? std::string() : path + ": ";
    if (expected && got) what += "expected " + excerpt(*expected) + ", got " + excerpt(*got);
    else if (expected) what += "expected " + excerpt(*expected);
    else if (got) what += "got " + excerpt(*got);
    if (!summary.empty()) what += (expected || got ? " — " : "") + summary;
    out += std::string(indent) + what + "\n";
    if (!detail.empty()) out += std::string(indent) + detail + "\n";
    return out;
}

Json Difference::to_json() const {
    Json j = Json::object();
    j["path"] = path;
    if (op_index) {
        j["op_index"] = *op_index;
        j["op"] = op;
    }
    if (at_finalize) j["at"] = "finalize";
    if (!record.empty()) j["record"] = record;
    if (!block.empty()) j["block"] = block;
    if (!field.empty()) j["field"] = field;
    if (index_in_op) j["index_in_op"] = *index_in_op;
    if (records_of_op) j["records_of_op"] = *records_of_op;
    if (expected) j["expected"] = *expected;
    if (got) j["got"] = *got;
    if (!summary.empty()) j["summary"] = summary;
    if (!detail.empty()) j["detail"] = detail;
    return j;
}

}  // namespace memspec::conform
