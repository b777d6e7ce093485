#include "tools/summary.hpp"

#include <unistd.h>

#include <cstdio>
#include <map>
#include <sstream>
#include <unordered_set>

namespace memspec::cli {

std::string summarize(const std::string& name, const Scenario& sc, const RunResult& r, double seconds) {
    std::size_t reads = 0, writes = 0, ticks = 0;
    for (const Op& op : sc.ops) {
        if (op.kind == OpKind::Read) ++reads;
        else if (op.kind == OpKind::Write) ++writes;
        else ++ticks;
    }
    std::map<std::uint32_t, std::pair<std::size_t, std::size_t>> per_n;  // n -> (splits, merges)
    for (const auto& a : r.adapter_records) (a.kind == AdapterKind::Split ? per_n[a.n].first : per_n[a.n].second)++;
    std::ostringstream out;
    out << "workload        " << name << "\n";
    out << "accesses        " << reads + writes << " (" << reads << " reads, " << writes << " writes), " << ticks << " ticks\n";
    out << "adapter records " << r.adapter_records.size() << "\n";
    for (const auto& [n, c] : per_n)
        out << "  AccessAdapter<" << n << ">" << std::string(n < 10 ? 2 : 1, ' ') << c.first << " splits, " << c.second << " merges\n";
    // R22: a cell is touched when some access record (outside address space 0) or adapter record
    // covers it; finalize's records count, as they touch whole chunks.
    std::unordered_set<std::uint64_t> touched;
    auto cover = [&](std::uint32_t as, std::uint32_t ptr, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) touched.insert((std::uint64_t{as} << 32) | (ptr + i));
    };
    for (const auto& rec : r.records)
        if (rec.address_space != 0) cover(rec.address_space, rec.pointer, rec.data.size());
    for (const auto& a : r.adapter_records) cover(a.address_space, a.pointer, a.n);
    out << "touched cells   " << touched.size() << "\n";
    if (r.final_memory)
        out << "final blocks    " << r.final_memory->blocks.size() << " of " << r.final_memory->chunk << " cells\n";
    out << "final timestamp " << r.final_timestamp << "\n";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f s (%.2f M accesses/s)", seconds,
                  seconds > 0 ? static_cast<double>(reads + writes) / seconds / 1e6 : 0.0);
    out << "time            " << buf << "\n";
    return out.str();
}

ProgressBar::ProgressBar(std::string label) : label_(std::move(label)), enabled_(isatty(STDERR_FILENO) != 0) {}

ProgressBar::~ProgressBar() {
    if (enabled_ && last_percent_ >= 0) std::fputs("\n", stderr);
}

void ProgressBar::update(std::size_t done, std::size_t total) {
    if (!enabled_ || total == 0) return;
    const int percent = static_cast<int>(done * 100 / total);
    if (percent == last_percent_) return;
    last_percent_ = percent;
    const int width = 40, filled = percent * width / 100;
    std::fprintf(stderr, "\r%s [%s%s] %3d%%", label_.c_str(), std::string(filled, '#').c_str(),
                 std::string(width - filled, '.').c_str(), percent);
    std::fflush(stderr);
}

}  // namespace memspec::cli
