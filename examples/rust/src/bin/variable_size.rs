//! R32: a variable-size read rounded up to the next power of two, one access; 0 cells and sizes
//! past max_access_adapter_n are typed errors from memspec, never a panic.
use memspec::Config;
use memspec_examples::{join, memory};

fn main() {
    let mut mem = memory(&Config::default(), &[]);
    mem.write(1, 0, &[10, 11, 12, 13, 14, 15, 16, 17]).unwrap();
    for &size in [1usize, 3, 5, 8, 17, 33, 0].iter() {
        let rounded = if size == 0 { 0 } else { size.next_power_of_two() };
        match mem.read(1, 0, rounded) {
            Ok(values) => println!("size {} -> read of {} cells at (1, 0): {}", size, values.len(), join(&values)),
            Err(e) => println!("size {} -> {}", size, e),
        }
    }
}
