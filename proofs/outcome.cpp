#include "proofs/outcome.hpp"

namespace memspec::proofs {

std::string_view to_string(Status s) {
    switch (s) {
        case Status::Proved: return "proved";
        case Status::Counterexample: return "counterexample";
        case Status::Timeout: return "timeout";
        case Status::Error: return "error";
    }
    return "error";
}

}  // namespace memspec::proofs
