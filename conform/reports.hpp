// The reports a CI runner reads (R247): JUnit XML, one testcase per vector test, and one
// self-contained HTML page, a matrix of vector files by flags with every failure's expected and
// actual values side by side. Both carry, for each failure, the one command that runs that test
// alone (reproduce_command), as the text and JSON reports do.
#pragma once

#include <string>
#include <vector>

#include "conform/conform.hpp"

namespace memspec::conform {

// <testsuites> with one <testsuite> per vector file and one <testcase> per test (classname the
// file, name "tcId N [flags]"): <failure> with the localized difference and the reproduce command,
// <skipped> with the reason; a waived test is a pass whose <system-out> names its waiver.
std::string report_junit(const std::vector<VectorFile>& files, const ConformReport& report, const ConformOptions& options);

// One HTML file, CSS inlined and no script, no network: totals; the files × flags matrix, each
// cell `td.cell` with the class of its worst status (failed, passed, skipped; `empty` where the
// file has no test of that flag); a row `tr.failure` per failure (expected and actual side by
// side, the reproduce command) and `tr.skip` per skipped test with its reason.
std::string report_html(const std::vector<VectorFile>& files, const ConformReport& report, const ConformOptions& options);

}  // namespace memspec::conform
