//! A differential test the way an OpenVM developer would write one: a small memory of our own —
//! per-cell values and last-access timestamps, the clock, the checks OpenVM's controller makes —
//! stepped with the same pseudo-random program as memspec and compared access by access: the
//! values read, the overwritten values, `prev_timestamp` and `timestamp` of every access record,
//! every error kind, and at the end the final memory of `finalize`.
//!
//! Why the per-cell model is enough for access records: every block that an access leaves behind
//! carries that access's timestamp on all its cells, and splits copy timestamps while merges take
//! their maximum (R16-R19), so a block's timestamp is always the largest last-access timestamp of
//! its cells — what `prev_timestamp` below computes. The adapter records are memspec's business
//! and not modelled here; `finalize` is checked through its final blocks (R24).
use memspec::{AccessKind, AccessRecord, Cell, Config, Engine, ErrorKind, FinalBlock, Memory, Profile, Record};
use std::collections::BTreeMap;

const P: u32 = 2013265921; // BabyBear

/// splitmix64: a deterministic stream, so that a failure is reproduced by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, one_in: u64) -> bool {
        self.below(one_in) == 0
    }
}

/// Our memory: (address space, pointer) -> (value, timestamp of the last access).
struct Model {
    config: Config,
    cells: BTreeMap<(u32, u32), (u32, u32)>,
    clock: u32,
}

/// What an access returns and records.
#[derive(Debug, PartialEq)]
struct Access {
    data: Vec<u32>,      // values read, or the values overwritten by a write
    prev_timestamp: u32, // max last-access timestamp over the cells (0 when untouched)
    timestamp: u32,
}

impl Model {
    fn new(config: Config, image: &[Cell]) -> Model {
        let cells = image.iter().map(|c| ((c.address_space, c.pointer), (c.value, 0))).collect();
        Model { config, cells, clock: 1 }
    }

    /// The checks an access makes, in OpenVM's (and memspec's R27) order.
    fn check(&self, address_space: u32, pointer: u32, len: usize, values: &[u32], write: bool) -> Result<(), ErrorKind> {
        let c = &self.config;
        if address_space == 0 && (write || len != 1) {
            return Err(ErrorKind::InvalidAddressSpace);
        }
        if address_space != 0 && (address_space < c.as_offset || address_space >= c.as_offset + (1 << c.as_height)) {
            return Err(ErrorKind::InvalidAddressSpace);
        }
        if !len.is_power_of_two() {
            return Err(ErrorKind::SizeNotPowerOfTwo);
        }
        if address_space != 0 {
            if len > c.max_access_adapter_n as usize {
                return Err(ErrorKind::OutOfBounds);
            }
            if pointer as u64 + len as u64 > 1u64 << c.pointer_max_bits {
                return Err(ErrorKind::OutOfBounds);
            }
        }
        if values.iter().any(|&v| v >= P) || (address_space == 0 && pointer >= P) {
            return Err(ErrorKind::InvalidValue);
        }
        self.check_clock(1)
    }

    fn check_clock(&self, by: u64) -> Result<(), ErrorKind> {
        if self.clock as u64 + by >= 1u64 << self.config.clk_max_bits {
            Err(ErrorKind::TimestampViolation)
        } else {
            Ok(())
        }
    }

    fn touch(&mut self, address_space: u32, pointer: u32, new_values: Option<&[u32]>, len: usize) -> Access {
        let timestamp = self.clock;
        self.clock += 1;
        if address_space == 0 {
            return Access { data: vec![pointer], prev_timestamp: 0, timestamp };
        }
        let mut data = Vec::with_capacity(len);
        let mut prev_timestamp = 0;
        for i in 0..len as u32 {
            let cell = self.cells.entry((address_space, pointer + i)).or_insert((0, 0));
            data.push(cell.0);
            prev_timestamp = prev_timestamp.max(cell.1);
            cell.1 = timestamp;
            if let Some(v) = new_values {
                cell.0 = v[i as usize];
            }
        }
        Access { data, prev_timestamp, timestamp }
    }

    fn read(&mut self, address_space: u32, pointer: u32, len: usize) -> Result<Access, ErrorKind> {
        self.check(address_space, pointer, len, &[], false)?;
        Ok(self.touch(address_space, pointer, None, len))
    }

    fn write(&mut self, address_space: u32, pointer: u32, values: &[u32]) -> Result<Access, ErrorKind> {
        self.check(address_space, pointer, values.len(), values, true)?;
        Ok(self.touch(address_space, pointer, Some(values), values.len()))
    }

    fn tick(&mut self, by: u32) -> Result<(), ErrorKind> {
        self.check_clock(by as u64)?;
        self.clock += by;
        Ok(())
    }

    /// finalize(chunk) when every access was aligned to its own size and chunk == the initial
    /// block size: one block per chunk holding a touched cell (a chunk is touched when any cell
    /// of its initial block is), its timestamp the latest of its cells, its values the cells'.
    fn final_memory(&self, chunk: u32) -> Vec<FinalBlock> {
        let mut blocks: BTreeMap<(u32, u32), FinalBlock> = BTreeMap::new();
        for (&(address_space, pointer), &(_, ts)) in self.cells.iter() {
            if ts == 0 {
                continue; // an image cell never accessed: its chunk may still be touched by another
            }
            let start = pointer - pointer % chunk;
            let block = blocks.entry((address_space, start)).or_insert_with(|| FinalBlock {
                address_space,
                pointer: start,
                timestamp: 0,
                values: (0..chunk).map(|i| self.cells.get(&(address_space, start + i)).map_or(0, |c| c.0)).collect(),
            });
            block.timestamp = block.timestamp.max(ts);
        }
        blocks.into_values().collect()
    }
}

/// The access record memspec made for the last access (its adapter records come first, R37).
fn last_access_record(mem: &mut Memory) -> AccessRecord {
    let mut access = None;
    for record in mem.records() {
        if let Record::Access(a) = record.unwrap() {
            assert!(access.is_none(), "one access record per access");
            access = Some(a);
        }
    }
    access.expect("an access record")
}

struct Setting {
    profile: Profile,
    initial_block_size: u32,
    chunk: u32,
    image: bool,
}

// OpenVM v1.0's two profiles: volatile (blocks and chunks of 1, no image) and persistent (8 and
// 8, with a program image).
const SETTINGS: [Setting; 2] = [
    Setting { profile: Profile::OpenVmV1_0Volatile, initial_block_size: 1, chunk: 1, image: false },
    Setting { profile: Profile::OpenVmV1_0Persistent, initial_block_size: 8, chunk: 8, image: true },
];

fn run_program(seed: u64, setting: &Setting, engine: Engine, ops: usize) {
    let mut rng = Rng(seed);
    let config = Config {
        pointer_max_bits: 10,
        clk_max_bits: 16,
        decomp: 8, // OpenVM's two timestamp limbs: decomp < clk_max_bits <= 2 * decomp (R3a)
        max_access_adapter_n: 16,
        initial_block_size: setting.initial_block_size,
        profile: setting.profile,
        ..Config::default()
    };
    let mut image = Vec::new();
    if setting.image {
        for i in 0..32u32 {
            image.push(Cell { address_space: 1 + (i % 2), pointer: i * 31 % 1024, value: rng.below(P as u64) as u32 });
        }
    }
    let mut mem = Memory::new(&config, &image, engine).unwrap();
    let mut model = Model::new(config.clone(), &image);
    let mut errors = 0;
    for step in 0..ops {
        let context = || format!("{} seed {} step {} ({:?})", setting.profile.name(), seed, step, engine);
        let roll = rng.below(100);
        // Address spaces 1..3 mostly; 0 (immediates) and, rarely, 1..12 (9..12 do not exist, R4).
        let spaces = if rng.chance(20) { 12 } else { 3 };
        let address_space = if rng.chance(10) { 0 } else { 1 + rng.below(spaces) as u32 };
        // Mostly aligned, valid sizes; now and then a bad size, an unaligned pointer or one near the end.
        let len = if rng.chance(25) { [0usize, 3, 32][rng.below(3) as usize] } else { 1usize << rng.below(5) };
        let mut pointer = (rng.below(1024) as u32) & !(len.max(1) as u32 - 1);
        if rng.chance(25) {
            pointer = 1024 - rng.below(3) as u32;
        }
        if roll < 45 {
            let len = if address_space == 0 && !rng.chance(10) { 1 } else { len };
            let ours = model.read(address_space, pointer, len);
            match (ours, mem.read(address_space, pointer, len)) {
                (Ok(a), Ok(values)) => {
                    assert_eq!(values, a.data, "{}: values read", context());
                    let r = last_access_record(&mut mem);
                    assert_eq!(r.kind, AccessKind::Read);
                    assert_eq!((r.address_space, r.pointer), (address_space, pointer), "{}", context());
                    assert_eq!((r.timestamp, r.prev_timestamp), (a.timestamp, a.prev_timestamp), "{}: timestamps", context());
                    assert_eq!(r.data, a.data);
                }
                (Err(kind), Err(e)) => {
                    assert_eq!(e.kind, kind, "{}: {}", context(), e);
                    errors += 1;
                }
                (ours, theirs) => panic!("{}: ours {:?}, memspec {:?}", context(), ours, theirs),
            }
        } else if roll < 90 {
            let values: Vec<u32> =
                (0..len).map(|_| if rng.chance(40) { P + rng.below(3) as u32 } else { rng.below(P as u64) as u32 }).collect();
            let ours = model.write(address_space, pointer, &values);
            match (ours, mem.write(address_space, pointer, &values)) {
                (Ok(a), Ok(prev)) => {
                    assert_eq!(prev, a.data, "{}: prev_data", context());
                    let r = last_access_record(&mut mem);
                    assert_eq!(r.kind, AccessKind::Write);
                    assert_eq!((r.timestamp, r.prev_timestamp), (a.timestamp, a.prev_timestamp), "{}: timestamps", context());
                    assert_eq!((r.data, r.prev_data), (values, a.data), "{}", context());
                }
                (Err(kind), Err(e)) => {
                    assert_eq!(e.kind, kind, "{}: {}", context(), e);
                    errors += 1;
                }
                (ours, theirs) => panic!("{}: ours {:?}, memspec {:?}", context(), ours, theirs),
            }
        } else {
            // Now and then a tick that would reach 2^clk_max_bits, exactly or by one more (R9).
            let limit = 1u32 << config.clk_max_bits;
            let by = if rng.chance(8) { limit - model.clock + rng.below(2) as u32 } else { rng.below(4) as u32 };
            match (model.tick(by), mem.tick(by)) {
                (Ok(()), Ok(())) => assert_eq!(mem.pending_records(), 0, "a tick makes no record"),
                (Err(kind), Err(e)) => {
                    assert_eq!(e.kind, kind, "{}: {}", context(), e);
                    errors += 1;
                }
                (ours, theirs) => panic!("{}: ours {:?}, memspec {:?}", context(), ours, theirs),
            }
        }
        // A failing call changes nothing (R28): the clocks still agree.
        assert_eq!(mem.timestamp(), model.clock, "{}: clock", context());
    }
    assert!(errors > 0, "the program should exercise errors too");

    // The final memory. Unaligned accesses would leave blocks that finalize merges across chunk
    // boundaries differently from our per-chunk view only in adapter records, never in values or
    // timestamps; the pointers above are aligned to their size anyway.
    mem.clear_records().unwrap();
    mem.finalize(setting.chunk).unwrap();
    let finals: Vec<FinalBlock> = mem
        .records()
        .filter_map(|r| match r.unwrap() {
            Record::FinalBlock(b) => Some(b),
            _ => None,
        })
        .collect();
    assert_eq!(finals, model.final_memory(setting.chunk), "{} seed {}: final memory", setting.profile.name(), seed);
}

#[test]
fn memspec_agrees_with_a_per_cell_model_access_by_access() {
    for setting in SETTINGS.iter() {
        for seed in 1..=6u64 {
            for &engine in [Engine::Impl, Engine::Oracle].iter() {
                run_program(seed, setting, engine, 1500);
            }
        }
    }
}
