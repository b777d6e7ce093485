// The checker (R67, R68): every constraint on every row of every chip, then every bus's balance.
// A verdict names the first failure: chip, row, constraint and rule, or the unbalanced message
// with the places that sent and received it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spec/air/air.hpp"
#include "spec/air/trace.hpp"

namespace memspec::air {

enum class RejectionKind {
    Shape,       // R67: missing trace, wrong width, height not a power of two, fixed column mismatch
    Constraint,  // a named constraint is non-zero on some row
    Bus,         // R41: some message's multiplicities do not sum to 0 mod p
};
std::string_view to_string(RejectionKind k);

struct BusPlace {
    std::string chip;
    std::size_t row = 0;
    std::string interaction;
    std::string rule;
    Direction direction = Direction::Send;
    BabyBear count;  // as evaluated on that row (receives subtract it)
};

struct Rejection {
    RejectionKind kind = RejectionKind::Shape;
    std::string chip;
    std::optional<std::size_t> row;
    std::string constraint;  // constraint name (Constraint), or what is wrong (Shape)
    std::string rule;
    std::string detail;      // human-readable sentence
    // Bus only.
    std::uint32_t bus = 0;
    std::vector<BabyBear> message;
    BabyBear net;                  // sum of sends minus receives
    std::vector<BusPlace> places;  // the first few rows that touch the message
};

// Something a verdict rests on that this checker did not check, with the rule that says so.
// An "accepted" verdict with a non-empty `not_checked` is evidence only of what was checked.
struct Unchecked {
    std::string rule;
    std::string what;
};

struct Verdict {
    bool accepted = false;
    std::optional<Rejection> reason;
    std::vector<Unchecked> not_checked;
};

// R62: what a check of these chips leaves unchecked (empty when the chip set models everything
// the memory argument relies on).
std::vector<Unchecked> not_checked_by(const std::vector<Air>& airs, std::uint32_t chunk);

// R41a, the LogUp characteristic bound: Σ over chips of height × number of interactions. The bus
// argument sums multiplicities in the field, so it says something about multisets only while
// this count stays below p (audit class B4: a message sent p times nets like one sent 0 times).
std::uint64_t logup_interaction_count(const std::vector<Air>& airs, const std::vector<Trace>& traces);
inline bool within_logup_bound(std::uint64_t count) { return count < BabyBear::P; }

// Checks `traces` against `airs` (matched by chip name; every AIR needs a trace); a set whose
// logup_interaction_count reaches p is a Shape rejection ("logup_bound", R41a).
Verdict check(const std::vector<Air>& airs, const std::vector<Trace>& traces);
// Rebuilds the AIRs of traces.config / traces.chunk and checks (bad configs are Shape rejections).
Verdict check(const TraceSet& traces);

// R41: the net multiplicity of every (bus, message) over all interactions of all chips, with
// zero nets dropped. Exposed for tests and for the worked-example reproduction.
struct BusEntry {
    std::uint32_t bus = 0;
    std::vector<BabyBear> message;
    BabyBear net;
    std::vector<BusPlace> places;
};
std::vector<BusEntry> bus_entries(const std::vector<Air>& airs, const std::vector<Trace>& traces, bool keep_balanced);

// Every (constraint name, first failing row) of one chip, in AIR order: a finer view than the
// verdict, used to show that a mutation is caught by exactly the constraint it targets.
std::vector<std::pair<std::string, std::size_t>> failing_constraints(const Air& air, const Trace& trace);

// R301: a multiplicity as the reader counts it: the integer of least absolute value that reduces
// to it (p - 1 is -1), so an unbalanced message reads "-1", never 2013265920.
std::int64_t signed_multiplicity(BabyBear count);

std::string to_text(const Rejection& r);
// The verdict as the CLI prints it: "accepted" or the rejection, then one line per gap.
std::string to_text(const Verdict& v);

}  // namespace memspec::air
