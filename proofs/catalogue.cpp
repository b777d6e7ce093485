#include "proofs/catalogue.hpp"

#include "proofs/isolated.hpp"
#include "proofs/symbolic.hpp"

namespace memspec::proofs {

Outcome solve_all(const std::vector<Problem>& problems, const Settings& s) {
    Outcome total;
    total.status = ProofStatus::Proved;
    total.rlimit = s.rlimit;
    for (const auto& p : problems) {
        // R180: one budget for the property; each problem gets what the earlier ones left.
        Settings left = s;
        if (s.rlimit > 0) {
            if (total.rlimit_used >= s.rlimit) {
                total.status = ProofStatus::ResourceLimit;
                total.detail = p.name + ": resource limit: the problems before it spent the whole budget";
                return total;
            }
            left.rlimit = s.rlimit - total.rlimit_used;
        }
        Outcome o = solve(p, left);
        total.seconds += o.seconds;
        total.cpu_seconds += o.cpu_seconds;
        total.rlimit_used += o.rlimit_used;
        if (o.status != ProofStatus::Proved) {
            o.seconds = total.seconds;
            o.cpu_seconds = total.cpu_seconds;
            o.rlimit = total.rlimit;
            o.rlimit_used = total.rlimit_used;
            o.detail = p.name + (o.detail.empty() ? "" : ": " + o.detail);
            return o;
        }
    }
    total.detail = std::to_string(problems.size()) + " problem(s) proved";
    return total;
}

std::vector<Property> catalogue() {
    std::vector<Property> all = row_properties();
    for (auto* family : {&audit_properties, &lemma_properties, &bus_properties, &persistent_properties, &symbolic_properties,
                         &necessity_properties, &timeloop_properties, &roots_properties,
                         &v2_0_properties}) {
        auto more = (*family)();
        all.insert(all.end(), more.begin(), more.end());
    }
    return all;
}

std::vector<PropertyRun> run_catalogue(const std::vector<Property>& props, const std::string& filter, const Settings& s,
                                  LimitOverride override_limits) {
    std::vector<PropertyRun> out;
    for (const auto& p : props) {
        if (!filter.empty() && p.name.find(filter) == std::string::npos) continue;
        Settings own = s;
        if (p.rlimit > 0 && !override_limits.rlimit) own.rlimit = p.rlimit;
        if (p.wall_guard_seconds > 0 && !override_limits.wall_guard) own.wall_guard_seconds = p.wall_guard_seconds;
        if (!override_limits.strategy) own.strategy = p.strategy;
        Outcome o = run_isolated([&] { return p.run(own); }, own.wall_guard_seconds);
        // The limits that applied, also when the child died before saying so.
        o.rlimit = own.rlimit;
        o.wall_guard_seconds = own.wall_guard_seconds;
        out.push_back(PropertyRun{p, std::move(o)});
    }
    return out;
}

}  // namespace memspec::proofs
