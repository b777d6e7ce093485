//! What the example programs share.
use memspec::{Config, Engine, Memory};

/// A memory on memspec's fast engine; an error ends the program, since an example has nothing
/// sensible to do then.
pub fn memory(config: &Config, image: &[memspec::Cell]) -> Memory {
    match Memory::new(config, image, Engine::Impl) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {}", e);
            std::process::exit(1);
        }
    }
}

/// "1 2 3".
pub fn join(values: &[u32]) -> String {
    values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(" ")
}

/// The final blocks among the pending records.
pub fn final_blocks(mem: &mut Memory) -> Vec<memspec::FinalBlock> {
    mem.records()
        .filter_map(|r| match r {
            Ok(memspec::Record::FinalBlock(b)) => Some(b),
            _ => None,
        })
        .collect()
}
