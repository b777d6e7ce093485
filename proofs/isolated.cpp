#include "proofs/isolated.hpp"

#include <stdexcept>
#include <string>

#include "proofs/outcome_json.hpp"
#include "util/isolated.hpp"
#include "spec/vocabulary/strict_json.hpp"

namespace memspec::proofs {

Outcome run_isolated(const std::function<Outcome()>& fn, double wall_guard_seconds) {
    const util::ChildLimits limits{wall_guard_seconds, std::uint64_t{4} << 30};
    const util::ChildResult child = util::run_isolated([&] { return to_json(fn()).dump(); }, limits);
    Outcome out;
    switch (child.end) {
        case util::ChildEnd::Returned:
            // R150: the child's outcome is read as strictly as any input; a garbled one is a death.
            try {
                auto parsed = parse_json_strict(child.message);
                if (!parsed) throw std::runtime_error(parsed.error().message);
                out = outcome_from_json(*parsed);
            } catch (const std::exception&) {
                out.detail = "the solver process died (wait status " + std::to_string(child.wait_status) + ")";
            }
            break;
        case util::ChildEnd::Threw: out.detail = child.message; break;
        case util::ChildEnd::TimedOut:
            // R80, R180: no status: wall time depends on the machine's load, so reaching the guard
            // says nothing about the property.
            out.status = ProofStatus::Error;
            out.detail = "wall-clock guard: killed after " + std::to_string(wall_guard_seconds) +
                         " s before the solver answered or spent its resource budget (a starved or hung process)";
            break;
        case util::ChildEnd::Died:
            out.detail = "the solver process died (wait status " + std::to_string(child.wait_status) + ")";
            break;
        case util::ChildEnd::NotStarted: out.detail = child.message; break;
    }
    out.seconds = child.seconds;
    out.wall_guard_seconds = wall_guard_seconds;
    return out;
}

}  // namespace memspec::proofs
