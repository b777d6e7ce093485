// The final-memory verifier (R35, spec/memory.md §9): compare finalize's equipartition with what the
// program should have left, listing every mismatch and every missing cell.
#include "spec/workloads/patterns.hpp"
#include "example.hpp"

int main() {
    memspec::Scenario sc;
    sc.profile = memspec::Profile::openvm_v1_0_volatile;  // R3a: OpenVM's volatile memory, CHUNK 1
    sc.finalize_chunk = 1;
    sc.ops = {memspec::Op::write(1, 0, {1, 2, 3, 4}), memspec::Op::write(1, 2, {30}), memspec::Op::read(1, 0, 4)};
    const auto r = example::run(sc);

    const auto expected = memspec::patterns::last_write_wins(sc);
    const auto ok = memspec::patterns::verify_final_memory(expected, *r.final_memory);
    std::cout << "last-write-wins expectation: " << ok.size() << " problems\n";

    auto wrong = expected;
    wrong.cells[{1, 3}] = 100;  // the program wrote 4 there
    wrong.cells[{3, 0}] = 0;    // address space 3 was never touched
    for (const auto& line : memspec::patterns::verify_final_memory(wrong, *r.final_memory)) std::cout << line << "\n";
}
