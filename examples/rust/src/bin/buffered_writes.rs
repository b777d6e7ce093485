//! R31: buffered writes. A naive buffer (a map keyed by start address, flushed sorted)
//! reorders overlapping writes and breaks program order; flushing before an overlapping write
//! keeps it.
use memspec::Config;
use memspec_examples::{join, memory};
use std::collections::BTreeMap;

/// Cells 0..3 of address space 1 after the writes (address, values), in the given order.
fn cells_0_to_3(writes: &[(u32, Vec<u32>)]) -> String {
    let mut mem = memory(&Config::default(), &[]);
    for (ptr, values) in writes {
        mem.write(1, *ptr, values).unwrap();
    }
    join(&mem.read(1, 0, 4).unwrap())
}

/// A buffer that flushes (sorted) before accepting a write overlapping a pending one.
struct WriteBuffer {
    pending: Vec<(u32, Vec<u32>)>,
    out: Vec<(u32, Vec<u32>)>,
}

impl WriteBuffer {
    fn buffered_write(&mut self, ptr: u32, values: Vec<u32>) {
        let end = ptr + values.len() as u32;
        if self.pending.iter().any(|(p, v)| *p < end && ptr < *p + v.len() as u32) {
            self.flush();
        }
        self.pending.push((ptr, values));
    }
    fn flush(&mut self) {
        self.pending.sort_by_key(|(p, _)| *p);
        self.out.append(&mut self.pending);
    }
}

fn main() {
    // Program order: [1, 1] at 2, then [7, 7, 7, 7] at 0: cells 0..3 must end as 7 7 7 7.
    let writes = [(2u32, vec![1u32, 1]), (0, vec![7, 7, 7, 7])];
    let seed: BTreeMap<u32, Vec<u32>> = writes.iter().cloned().collect();
    let seed_order: Vec<(u32, Vec<u32>)> = seed.into_iter().collect();
    let mut buffer = WriteBuffer { pending: Vec::new(), out: Vec::new() };
    for (ptr, values) in writes.iter().cloned() {
        buffer.buffered_write(ptr, values);
    }
    buffer.flush();
    println!("writes in program order: [1 1] at (1, 2), then [7 7 7 7] at (1, 0)");
    println!("seed buffer (sorted map): cells 0..3 = {}", cells_0_to_3(&seed_order));
    println!("memspec WriteBuffer: cells 0..3 = {} ({} writes, flushed early on overlap)", cells_0_to_3(&buffer.out), buffer.out.len());
}
