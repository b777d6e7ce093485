#include "conform/stream_framing.hpp"

#include <vector>

#include "spec/vocabulary/strict_json.hpp"

namespace memspec::conform {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t skip_ws(std::string_view s, std::size_t i) {
    while (i < s.size() && is_ws(s[i])) ++i;
    return i;
}

// Just past the JSON value that starts at `i`. Only called on text the strict parser accepted, so
// brackets balance and strings close; the scan still never reads past the end.
std::size_t value_end(std::string_view s, std::size_t i) {
    if (i >= s.size()) return s.size();
    if (s[i] == '"') {
        for (++i; i < s.size(); ++i) {
            if (s[i] == '\\') ++i;
            else if (s[i] == '"') return i + 1;
        }
        return s.size();
    }
    if (s[i] == '{' || s[i] == '[') {
        std::size_t depth = 0;
        bool in_string = false;
        for (; i < s.size(); ++i) {
            const char c = s[i];
            if (in_string) {
                if (c == '\\') ++i;
                else if (c == '"') in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return s.size();
    }
    while (i < s.size() && !is_ws(s[i]) && s[i] != ',' && s[i] != '}' && s[i] != ']') ++i;
    return i;
}

// One line: a line break can only stand between tokens (JSON strings hold none unescaped).
std::string one_line(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c == '\n' || c == '\r') c = ' ';
    return out;
}

}  // namespace

std::string scenario_as_stream(std::string_view document) {
    auto parsed = parse_ordered_json_strict(document);
    // Not a JSON object with an ops array: nothing to frame; the one line is read as a header and
    // refused as the document is (ParseError).
    if (!parsed || !parsed->is_object() || (parsed->contains("ops") && !(*parsed)["ops"].is_array())) return one_line(document) + "\n";
    // The members in document order; the strict parse refused duplicate keys, so the i-th member
    // scanned is the parsed object's i-th key (which also decodes a key spelt with escapes).
    std::vector<std::string> keys;
    for (auto it = parsed->begin(); it != parsed->end(); ++it) keys.push_back(it.key());
    std::string header = "{";
    std::vector<std::string> op_lines;
    std::size_t i = skip_ws(document, 0) + 1;  // past '{'
    for (std::size_t member = 0; member < keys.size(); ++member) {
        i = skip_ws(document, i);
        const std::size_t key_begin = i;
        i = value_end(document, i);
        const std::string_view key = document.substr(key_begin, i - key_begin);
        i = skip_ws(document, i) + 1;  // past ':'
        i = skip_ws(document, i);
        const std::size_t value_begin = i;
        i = value_end(document, i);
        const std::string_view value = document.substr(value_begin, i - value_begin);
        i = skip_ws(document, i) + 1;  // past ',' or '}'
        if (keys[member] != "ops") {
            if (header.size() > 1) header += ",";
            header += one_line(key) + ":" + one_line(value);
            continue;
        }
        std::size_t j = skip_ws(value, 1);  // past '['
        while (j < value.size() && value[j] != ']') {
            const std::size_t op_begin = j;
            j = value_end(value, j);
            op_lines.push_back(one_line(value.substr(op_begin, j - op_begin)));
            j = skip_ws(value, j);
            if (j < value.size() && value[j] == ',') j = skip_ws(value, j + 1);
        }
    }
    std::string out = header + "}\n";
    for (const std::string& line : op_lines) out += line + "\n";
    return out;
}

StreamResult result_from_stream(std::string_view lines) {
    StreamResult r;
    Json records = Json::array(), reads = Json::array(), adapters = Json::array();
    Json final_memory;  // null: no finalize line came
    Json initial_root, final_root, final_timestamp;
    std::size_t line_no = 0;
    bool ended = false;
    auto fail = [&](const std::string& why) {
        r.value = Json();
        r.problem = "line " + std::to_string(line_no) + ": " + why;
        return r;
    };
    for (std::size_t at = 0; at < lines.size();) {
        std::size_t nl = lines.find('\n', at);
        if (nl == std::string_view::npos) nl = lines.size();
        std::string_view line = lines.substr(at, nl - at);
        at = nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (skip_ws(line, 0) == line.size()) continue;  // blank lines are skipped (interchange.md)
        if (ended) return fail("a line after the stream's last line ({\"final_timestamp\":N} or {\"error\":…})");
        auto parsed = parse_ordered_json_strict(line);
        if (!parsed) return fail("not JSON: " + parsed.error().message);
        const Json& obj = *parsed;
        if (!obj.is_object() || obj.size() != 1) return fail("a line of a JSON Lines result is an object with one key");
        const std::string key = obj.begin().key();
        const Json& value = obj.begin().value();
        if (key == "error") {
            r.value = obj;
            ended = true;
        } else if (key == "record") {
            records.push_back(value);
            // reads: the data of each read record, in op order (interchange.md, "JSON Lines").
            if (value.is_object() && value.value("op", Json()) == "read" && value.contains("data")) reads.push_back(value["data"]);
        } else if (key == "adapter_record") {
            adapters.push_back(value);
        } else if (key == "final_block") {
            if (final_memory.is_null()) final_memory = Json::array();
            final_memory.push_back(value);
        } else if (key == "finalize_chunk") {
            if (final_memory.is_null()) final_memory = Json::array();
        } else if (key == "initial_root") {
            initial_root = value;
        } else if (key == "final_root") {
            final_root = value;
        } else if (key == "final_timestamp") {
            final_timestamp = value;
            ended = true;
        } else {
            return fail("unknown key \"" + key + "\"");
        }
    }
    if (!ended) {
        r.problem = "the stream ends without {\"final_timestamp\":N} or {\"error\":…}: it was cut short";
        return r;
    }
    if (!r.value.is_null()) return r;  // the error object
    Json result = Json::object();
    result["reads"] = reads;
    result["records"] = records;
    result["adapter_records"] = adapters;
    if (!final_memory.is_null()) result["final_memory"] = final_memory;
    result["final_timestamp"] = final_timestamp;
    if (!initial_root.is_null()) result["initial_root"] = initial_root;
    if (!final_root.is_null()) result["final_root"] = final_root;
    r.value = std::move(result);
    return r;
}

}  // namespace memspec::conform
