//! R30: data written as consecutive 8-cell chunks, the last padded with zeros (spec/memory.md §9's
//! sequential access pattern). Persistent profile: blocks and chunks of 8, so no adapter is needed.
use memspec::{Config, Profile, Record};
use memspec_examples::{final_blocks, join, memory};

fn sequential_write(mem: &mut memspec::Memory, address_space: u32, start: u32, data: &[u32]) -> usize {
    let mut writes = 0;
    for (i, chunk) in data.chunks(8).enumerate() {
        let mut values = [0u32; 8];
        values[..chunk.len()].copy_from_slice(chunk);
        mem.write(address_space, start + (i * 8) as u32, &values).unwrap();
        writes += 1;
    }
    writes
}

fn main() {
    let config = Config { initial_block_size: 8, profile: Profile::OpenVmV1_0Persistent, ..Config::default() };
    let mut mem = memory(&config, &[]);
    let data: Vec<u32> = (1..=20).collect();
    let writes = sequential_write(&mut mem, 1, 96, &data);
    println!("sequential_write: {} values from (1, 96) in chunks of 8 -> {} writes", data.len(), writes);
    let mut adapters = 0;
    for r in mem.records() {
        match r.unwrap() {
            Record::Access(a) => println!("  write at ({}, {}) timestamp {}: {}", a.address_space, a.pointer, a.timestamp, join(&a.data)),
            Record::Adapter(_) => adapters += 1,
            Record::FinalBlock(_) => {}
        }
    }
    mem.finalize(8).unwrap();
    for b in final_blocks(&mut mem) {
        println!("final chunk ({}, {}): {}", b.address_space, b.pointer, join(&b.values));
    }
    println!("adapter records: {}", adapters);
}
