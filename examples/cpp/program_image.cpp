// The program image (R34, spec/memory.md §9): program bytes at (1, i), a zeroed stack of 0x1000 cells at
// (2, 0x10000). It is initial memory, so it needs the persistent profile (initial blocks and
// chunks of 8: the volatile boundary cannot start from a non-zero image, R13).
#include "spec/workloads/patterns.hpp"
#include "example.hpp"

int main() {
    // RISC-V `addi x10, x0, 42` and `ecall`, little-endian.
    const std::vector<std::uint8_t> program = {0x13, 0x05, 0xa0, 0x02, 0x73, 0x00, 0x00, 0x00};
    memspec::Scenario sc;
    sc.profile = memspec::Profile::openvm_v1_0_persistent;
    sc.initial_block_size = 8;
    sc.finalize_chunk = 8;
    sc.initial_memory = memspec::patterns::load_program_image(program);
    sc.ops = {memspec::Op::read(1, 0, 8), memspec::Op::write(2, memspec::patterns::STACK_START, {42}),
              memspec::Op::read(2, memspec::patterns::STACK_START, 2)};
    const auto r = example::run(sc);
    std::cout << "image cells: " << sc.initial_memory.size() << " (" << program.size() << " program bytes + 0x1000 stack cells)\n";
    std::cout << "program at (1, 0): " << example::join(r.reads[0]) << "\n";
    std::cout << "stack top after a push of 42: " << example::join(r.reads[1]) << "\n";
    std::cout << "touched chunks finalized: " << r.final_memory->blocks.size() << "\n";
}
