//! R34: a program image (bytes at (1, i), a zeroed 0x1000-cell stack at (2, 0x10000)) as initial
//! memory, with the persistent profile (the volatile boundary cannot start from an image, R13).
use memspec::{Cell, Config, Profile};
use memspec_examples::{final_blocks, join, memory};

const STACK_START: u32 = 0x10000;
const STACK_SIZE: u32 = 0x1000;

fn main() {
    // RISC-V `addi x10, x0, 42` and `ecall`, little-endian.
    let program: [u8; 8] = [0x13, 0x05, 0xa0, 0x02, 0x73, 0x00, 0x00, 0x00];
    let mut image: Vec<Cell> =
        program.iter().enumerate().map(|(i, &b)| Cell { address_space: 1, pointer: i as u32, value: b as u32 }).collect();
    image.extend((0..STACK_SIZE).map(|i| Cell { address_space: 2, pointer: STACK_START + i, value: 0 }));
    let config = Config { initial_block_size: 8, profile: Profile::OpenVmV1_0Persistent, ..Config::default() };
    let mut mem = memory(&config, &image);
    let code = mem.read(1, 0, 8).unwrap();
    mem.write(2, STACK_START, &[42]).unwrap();
    let top = mem.read(2, STACK_START, 2).unwrap();
    println!("image cells: {} ({} program bytes + 0x1000 stack cells)", image.len(), program.len());
    println!("program at (1, 0): {}", join(&code));
    println!("stack top after a push of 42: {}", join(&top));
    mem.clear_records().unwrap();
    mem.finalize(8).unwrap();
    println!("touched chunks finalized: {}", final_blocks(&mut mem).len());
}
