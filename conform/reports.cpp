#include "conform/reports.hpp"

#include <map>

namespace memspec::conform {

namespace {

// Text as XML or HTML character data and attribute values. A character XML 1.0 forbids (controls
// but tab and line breaks) is shown as U+FFFD, so no program output can make the report unreadable;
// the excerpts are valid UTF-8 already (excerpt_text, R161).
std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') out += "\xEF\xBF\xBD";
                else out += static_cast<char>(c);
        }
    }
    return out;
}

std::string join(const std::vector<std::string>& v, std::string_view sep = ", ") {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
    return out;
}

std::string test_name(const VectorTest& t) {
    std::string s = "tcId " + std::to_string(t.tc_id);
    if (!t.flags.empty()) s += " [" + join(t.flags) + "]";
    return s;
}

// A one-line summary of a difference, for a failure's message attribute.
std::string one_line(const Difference& d) {
    std::string s = d.text("");
    for (auto& c : s)
        if (c == '\n') c = ' ';
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

std::string side(const std::optional<Json>& v) { return v ? excerpt(*v, 2000) : std::string("(absent)"); }

}  // namespace

std::string report_junit(const std::vector<VectorFile>& files, const ConformReport& report, const ConformOptions& options) {
    std::vector<Counts> per_file(files.size());
    Counts total;
    for (const auto& o : report.outcomes) per_file[o.file].add(o.status), total.add(o.status);
    std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x += "<testsuites name=\"memspec conform\" tests=\"" + std::to_string(total.total()) + "\" failures=\"" +
         std::to_string(total.failed) + "\" skipped=\"" + std::to_string(total.skipped) + "\" errors=\"0\">\n";
    for (std::size_t fi = 0; fi < files.size(); ++fi) {
        const Counts& c = per_file[fi];
        if (c.total() == 0) continue;
        const VectorFile& f = files[fi];
        x += "  <testsuite name=\"" + escape(f.path) + "\" tests=\"" + std::to_string(c.total()) + "\" failures=\"" +
             std::to_string(c.failed) + "\" skipped=\"" + std::to_string(c.skipped) + "\" errors=\"0\">\n";
        for (const auto& o : report.outcomes) {
            if (o.file != fi) continue;
            const VectorTest& t = f.tests[o.test];
            x += "    <testcase classname=\"" + escape(f.path) + "\" name=\"" + escape(test_name(t)) + "\"";
            if (o.status == TestStatus::Passed) {
                x += "/>\n";
                continue;
            }
            x += ">\n";
            if (o.status == TestStatus::Failed) {
                const std::string reproduce = reproduce_command(f, t, options);
                x += "      <failure message=\"" + escape(o.difference ? one_line(*o.difference) : std::string("failed")) +
                     "\" type=\"difference\">" + escape((t.comment.empty() ? "" : t.comment + "\n") +
                                                        (o.difference ? o.difference->text("") : std::string()) + "reproduce: " + reproduce) +
                     "</failure>\n";
            } else if (o.status == TestStatus::Skipped) {
                x += "      <skipped message=\"" + escape(o.skip_reason) + "\"/>\n";
            } else {
                x += "      <system-out>" + escape("waived by " + join(o.waived_by) + (o.difference ? ": " + one_line(*o.difference) : "")) +
                     "</system-out>\n";
            }
            x += "    </testcase>\n";
        }
        x += "  </testsuite>\n";
    }
    x += "</testsuites>\n";
    return x;
}

std::string report_html(const std::vector<VectorFile>& files, const ConformReport& report, const ConformOptions& options) {
    Counts total;
    std::vector<std::string> flags;
    std::map<std::string, std::size_t> flag_at;
    // (file, flag) -> counts; a test without flags counts under "(no flag)".
    std::map<std::pair<std::size_t, std::size_t>, Counts> cells;
    for (const auto& o : report.outcomes) {
        total.add(o.status);
        const VectorTest& t = files[o.file].tests[o.test];
        std::vector<std::string> fl = t.flags;
        if (fl.empty()) fl.push_back("(no flag)");
        for (const auto& flag : fl) {
            auto [it, fresh] = flag_at.emplace(flag, flags.size());
            if (fresh) flags.push_back(flag);
            cells[{o.file, it->second}].add(o.status);
        }
    }
    std::vector<bool> file_seen(files.size(), false);
    for (const auto& o : report.outcomes) file_seen[o.file] = true;

    std::string h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>memspec conform report</title>\n<style>\n";
    h += "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}"
         "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}"
         "th.flag{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;white-space:nowrap}"
         "td.cell{text-align:center;min-width:2.2em}td.passed{background:#d7f0d4}td.failed{background:#f6c9c5;font-weight:bold}"
         "td.skipped{background:#eee;color:#777}td.empty{background:#fff}"
         "pre,code{font-family:ui-monospace,monospace;font-size:.85em;white-space:pre-wrap;word-break:break-all;margin:0}"
         ".totals span{margin-right:1.2em}.ok{color:#1a7f37}.bad{color:#b42318}\n";
    h += "</style></head><body>\n<h1>memspec conform report</h1>\n";
    h += "<p>implementation: <code>" + escape(options.command.empty() ? std::string("(no --cmd)") : options.command) + "</code>" +
         (options.batch ? " (batch protocol)" : options.stream ? " (JSON Lines)" : "") + "</p>\n";
    if (!options.check_command.empty()) h += "<p>verifier: <code>" + escape(options.check_command) + "</code></p>\n";
    if (!options.root_command.empty()) h += "<p>roots: <code>" + escape(options.root_command) + "</code></p>\n";
    h += "<p class=\"totals\" id=\"totals\" data-tests=\"" + std::to_string(total.total()) + "\" data-passed=\"" + std::to_string(total.passed) +
         "\" data-failed=\"" + std::to_string(total.failed) + "\" data-waived=\"" + std::to_string(total.waived) + "\" data-skipped=\"" +
         std::to_string(total.skipped) + "\"><span class=\"" + (report.ok() ? "ok" : "bad") + "\">" + (report.ok() ? "PASSED" : "FAILED") +
         "</span><span>" + std::to_string(total.total()) + " tests</span><span>" + std::to_string(total.passed) + " passed</span><span>" +
         std::to_string(total.failed) + " failed</span><span>" + std::to_string(total.waived) + " waived</span><span>" +
         std::to_string(total.skipped) + " skipped</span></p>\n";

    // The matrix: a cell shows passed/tests and takes the class of its worst status.
    h += "<h2>Files × flags</h2>\n<table id=\"matrix\"><tr><th>file</th><th>profile</th>";
    for (const auto& flag : flags) h += "<th class=\"flag\">" + escape(flag) + "</th>";
    h += "</tr>\n";
    for (std::size_t fi = 0; fi < files.size(); ++fi) {
        if (!file_seen[fi]) continue;
        h += "<tr class=\"file\"><td>" + escape(files[fi].path) + "</td><td>" + escape(files[fi].profile) + "</td>";
        for (std::size_t k = 0; k < flags.size(); ++k) {
            auto it = cells.find({fi, k});
            if (it == cells.end()) {
                h += "<td class=\"cell empty\"></td>";
                continue;
            }
            const Counts& c = it->second;
            const char* cls = c.failed ? "failed" : (c.passed + c.waived) ? "passed" : "skipped";
            std::string title = std::to_string(c.passed) + " passed, " + std::to_string(c.failed) + " failed, " +
                                std::to_string(c.waived) + " waived, " + std::to_string(c.skipped) + " skipped";
            std::string shown = c.failed ? std::to_string(c.failed) + "✗" : (c.passed + c.waived) ? std::to_string(c.passed + c.waived) + "✓" : "–";
            h += "<td class=\"cell " + std::string(cls) + "\" title=\"" + escape(flags[k] + ": " + title) + "\">" + shown + "</td>";
        }
        h += "</tr>\n";
    }
    h += "</table>\n";

    h += "<h2>Failures</h2>\n";
    if (total.failed == 0) h += "<p>none</p>\n";
    else {
        h += "<table id=\"failures\"><tr><th>test</th><th>where</th><th>expected</th><th>actual</th></tr>\n";
        for (const auto& o : report.outcomes) {
            if (o.status != TestStatus::Failed) continue;
            const VectorFile& f = files[o.file];
            const VectorTest& t = f.tests[o.test];
            const Difference d = o.difference.value_or(Difference{});
            std::string where = d.text("");
            h += "<tr class=\"failure\" data-file=\"" + escape(f.path) + "\" data-tcid=\"" + std::to_string(t.tc_id) + "\"><td>" +
                 escape(f.path) + "<br>" + escape(test_name(t)) + (t.comment.empty() ? "" : "<br><small>" + escape(t.comment) + "</small>") +
                 "</td><td><pre>" + escape(where) + "</pre></td><td class=\"expected\"><pre>" + escape(side(d.expected)) +
                 "</pre></td><td class=\"actual\"><pre>" + escape(d.got ? side(d.got) : d.summary.empty() ? side(d.got) : d.summary) +
                 "</pre></td></tr>\n<tr class=\"reproduce\"><td colspan=\"4\">reproduce: <code>" + escape(reproduce_command(f, t, options)) +
                 "</code></td></tr>\n";
        }
        h += "</table>\n";
    }
    h += "<h2>Skipped</h2>\n";
    if (total.skipped == 0) h += "<p>none</p>\n";
    else {
        h += "<table id=\"skipped\"><tr><th>test</th><th>why</th></tr>\n";
        for (const auto& o : report.outcomes) {
            if (o.status != TestStatus::Skipped) continue;
            const VectorFile& f = files[o.file];
            h += "<tr class=\"skip\"><td>" + escape(f.path) + " " + escape(test_name(f.tests[o.test])) + "</td><td>" + escape(o.skip_reason) +
                 "</td></tr>\n";
        }
        h += "</table>\n";
    }
    h += "</body></html>\n";
    return h;
}

}  // namespace memspec::conform
