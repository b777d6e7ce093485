//! R33: a bump allocator per address space (Program = 1, Stack = 2, Heap = 3, Global = 4), each
//! allocation zero-filled with 1-cell writes.
use memspec::Config;
use memspec_examples::memory;

#[derive(Clone, Copy, Debug)]
enum AddressSpace {
    Stack = 2,
    Heap = 3,
    Global = 4,
}

fn main() {
    let config = Config { pointer_max_bits: 16, ..Config::default() };
    let mut mem = memory(&config, &[]);
    let mut next_ptr = [0u64; 5];
    let requests = [
        (AddressSpace::Stack, 16u64),
        (AddressSpace::Heap, 8),
        (AddressSpace::Stack, 4),
        (AddressSpace::Global, 1 << 17),
        (AddressSpace::Heap, 2),
    ];
    let mut writes = 0;
    for &(space, size) in requests.iter() {
        let id = space as usize;
        let ptr = next_ptr[id];
        if ptr + size > 1u64 << config.pointer_max_bits {
            println!("allocate({:?}, {}) -> OutOfBounds (nothing allocated)", space, size);
            continue;
        }
        next_ptr[id] += size;
        for i in 0..size {
            mem.write(id as u32, (ptr + i) as u32, &[0]).unwrap();
            writes += 1;
        }
        println!("allocate({:?}, {}) -> {}", space, size, ptr);
    }
    println!("{} zero-filling writes, clock now {}", writes, mem.timestamp());
}
