#include "tools/summary.hpp"

#include <unistd.h>

#include <cstdio>
#include <sstream>

namespace memspec::cli {

std::string summarize(const std::string& name, const Scenario& sc, const RunEnd& end, double seconds) {
    const RunCounts& c = end.counts;
    std::ostringstream out;
    out << "workload        " << name << "\n";
    out << "accesses        " << c.reads + c.writes << " (" << c.reads << " reads, " << c.writes << " writes), " << c.ticks << " ticks\n";
    out << "adapter records " << c.adapter_records << "\n";
    for (std::size_t k = 0; k < c.adapters_by_log_n.size(); ++k) {
        const AdapterCounts& a = c.adapters_by_log_n[k];
        if (a.splits + a.merges == 0) continue;
        const std::uint64_t n = std::uint64_t{1} << k;
        out << "  AccessAdapter<" << n << ">" << std::string(n < 10 ? 2 : 1, ' ') << a.splits << " splits, " << a.merges << " merges\n";
    }
    out << "touched cells   " << c.touched_cells << "\n";
    if (sc.finalize_chunk) out << "final blocks    " << c.final_blocks << " of " << *sc.finalize_chunk << " cells\n";
    out << "final timestamp " << end.final_timestamp << "\n";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f s (%.2f M accesses/s)", seconds,
                  seconds > 0 ? static_cast<double>(c.reads + c.writes) / seconds / 1e6 : 0.0);
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
