//! R36: one 1-cell read per address. With the volatile profile a 1-cell read never needs an
//! adapter, and the first read of a cell sees timestamp 0.
use memspec::{Config, Record};
use memspec_examples::memory;

fn main() {
    // 16 distinct cells in a scattered order: i * 37 mod 64 visits every pointer below 64 once.
    let mut addresses: Vec<(u32, u32)> = (0..16u32).map(|i| (1 + i % 3, i * 37 % 64)).collect();
    addresses.push(addresses[0]); // read a cell twice: the second sees the first's timestamp
    let mut mem = memory(&Config::default(), &[]);
    for &(address_space, ptr) in addresses.iter() {
        mem.read(address_space, ptr, 1).unwrap();
    }
    let (mut accesses, mut adapters, mut last) = (0, 0, None);
    for r in mem.records() {
        match r.unwrap() {
            Record::Access(a) => {
                accesses += 1;
                last = Some(a);
            }
            Record::Adapter(_) => adapters += 1,
            Record::FinalBlock(_) => {}
        }
    }
    println!("{} reads, {} access records, {} adapter records", addresses.len(), accesses, adapters);
    let last = last.unwrap();
    println!(
        "second read of ({}, {}) at timestamp {} has prev_timestamp {}",
        last.address_space, last.pointer, last.timestamp, last.prev_timestamp
    );
}
