#include "tools/summary.hpp"

#include <unistd.h>

#include <cstdio>
#include <sstream>

namespace memspec::cli {

// R22: a cell is touched when some access record (outside address space 0) or adapter record
// covers it; finalize's records count, as they touch whole chunks.
void SummarySink::access(const AccessRecordView& r) {
    (r.op == AccessKind::Read ? reads : writes)++;
    if (r.address_space != 0)
        for (std::size_t i = 0; i < r.data.size(); ++i) touched.insert((std::uint64_t{r.address_space} << 32) | (r.pointer + i));
}

void SummarySink::adapter(const AdapterRecordView& a) {
    ++adapter_records;
    (a.kind == AdapterKind::Split ? per_n[a.n].first : per_n[a.n].second)++;
    for (std::size_t i = 0; i < a.n; ++i) touched.insert((std::uint64_t{a.address_space} << 32) | (a.pointer + i));
}

void SummarySink::final_block(const FinalBlockView& b) {
    ++final_blocks;
    chunk = static_cast<std::uint32_t>(b.values.size());
}

std::string summarize(const std::string& name, const Scenario& sc, const SummarySink& s, std::uint32_t final_timestamp, double seconds) {
    std::size_t ticks = 0;
    for (const Op& op : sc.ops) ticks += op.kind == OpKind::Tick;
    std::ostringstream out;
    out << "workload        " << name << "\n";
    out << "accesses        " << s.reads + s.writes << " (" << s.reads << " reads, " << s.writes << " writes), " << ticks << " ticks\n";
    out << "adapter records " << s.adapter_records << "\n";
    for (const auto& [n, c] : s.per_n)
        out << "  AccessAdapter<" << n << ">" << std::string(n < 10 ? 2 : 1, ' ') << c.first << " splits, " << c.second << " merges\n";
    out << "touched cells   " << s.touched.size() << "\n";
    if (sc.finalize_chunk) out << "final blocks    " << s.final_blocks << " of " << *sc.finalize_chunk << " cells\n";
    out << "final timestamp " << final_timestamp << "\n";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f s (%.2f M accesses/s)", seconds,
                  seconds > 0 ? static_cast<double>(s.reads + s.writes) / seconds / 1e6 : 0.0);
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
