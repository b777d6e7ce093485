//! R35: verify finalize's equipartition against the expected final values, listing every mismatch
//! and every missing cell.
use memspec::{Config, FinalBlock, Profile};
use memspec_examples::{final_blocks, memory};
use std::collections::BTreeMap;

fn verify(expected: &BTreeMap<(u32, u32), u32>, blocks: &[FinalBlock]) -> Vec<String> {
    let mut errors = Vec::new();
    for (&(address_space, ptr), &want) in expected.iter() {
        match blocks.iter().find(|b| b.address_space == address_space && b.pointer <= ptr && ptr < b.pointer + b.values.len() as u32) {
            Some(b) => {
                let got = b.values[(ptr - b.pointer) as usize];
                if got != want {
                    errors.push(format!("Mismatch at ({}, {}): expected {}, got {}", address_space, ptr, want, got));
                }
            }
            None => errors.push(format!("Missing memory at ({}, {})", address_space, ptr)),
        }
    }
    errors
}

fn main() {
    // OpenVM's volatile memory: CHUNK 1 (R3a).
    let mut mem = memory(&Config { profile: Profile::OpenVmV1_0Volatile, ..Config::default() }, &[]);
    let mut expected = BTreeMap::new();
    for &(ptr, ref values) in [(0u32, vec![1u32, 2, 3, 4]), (2, vec![30])].iter() {
        mem.write(1, ptr, values).unwrap();
        for (i, &v) in values.iter().enumerate() {
            expected.insert((1, ptr + i as u32), v); // last write wins
        }
    }
    mem.read(1, 0, 4).unwrap();
    mem.clear_records().unwrap();
    mem.finalize(1).unwrap();
    let blocks = final_blocks(&mut mem);
    println!("last-write-wins expectation: {} problems", verify(&expected, &blocks).len());
    expected.insert((1, 3), 100); // the program wrote 4 there
    expected.insert((3, 0), 0); // address space 3 was never touched
    for line in verify(&expected, &blocks) {
        println!("{}", line);
    }
}
