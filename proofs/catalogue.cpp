#include <memspec/proofs/catalogue.hpp>

#include <memspec/proofs/isolated.hpp>
#include <memspec/proofs/symbolic.hpp>

namespace memspec::proofs {

Outcome solve_all(const std::vector<Problem>& problems, const Settings& s) {
    Outcome total;
    total.status = ProofStatus::Proved;
    for (const auto& p : problems) {
        Outcome o = solve(p, s);
        total.seconds += o.seconds;
        if (o.status != ProofStatus::Proved) {
            o.seconds = total.seconds;
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
                         &necessity_properties}) {
        auto more = (*family)();
        all.insert(all.end(), more.begin(), more.end());
    }
    return all;
}

std::vector<PropertyRun> run_catalogue(const std::vector<Property>& props, const std::string& filter, const Settings& s,
                                  bool override_timeout) {
    std::vector<PropertyRun> out;
    for (const auto& p : props) {
        if (!filter.empty() && p.name.find(filter) == std::string::npos) continue;
        const double limit = p.timeout_seconds > 0 && !override_timeout ? p.timeout_seconds : s.timeout_seconds;
        Outcome o = run_isolated([&] { return p.run(s); }, limit);
        out.push_back(PropertyRun{p, std::move(o)});
    }
    return out;
}

}  // namespace memspec::proofs
