#!/usr/bin/env python3
"""Writes the JSON seed scenarios of the fuzz corpora (fuzz/seeds/*.json), one hard case each.

Run from anywhere; then fuzz/make_corpus.sh turns them into fuzz/corpus/<target>/. Names say
which rule (R-number) or edge the seed aims at. bad_*.json are deliberately malformed or
mistyped and only seed the scenario_parser target."""
import json
import os
import random

P = 2013265921
HERE = os.path.dirname(os.path.abspath(__file__))


def r(a, p, n):
    return {"op": "read", "as": a, "ptr": p, "len": n}


def w(a, p, data):
    return {"op": "write", "as": a, "ptr": p, "data": data}


def t(by):
    return {"op": "tick", "by": by}


def sc(ops, config=None, ibs=None, image=None, fin=None):
    s = {}
    if config is not None:
        s["config"] = config
    if ibs is not None:
        s["initial_block_size"] = ibs
    if image is not None:
        s["initial_memory"] = [{"as": a, "ptr": p, "value": v} for a, p, v in image]
    s["ops"] = ops
    if fin is not None:
        s["finalize_chunk"] = fin
    return s


SMALL = {"as_height": 1, "pointer_max_bits": 4, "clk_max_bits": 6, "max_access_adapter_n": 8}

SEEDS = {
    "openvm_offline_records_R16_R19": sc([w(1, 0, [1, 2, 3, 4]), r(1, 0, 4), w(1, 0, [10, 11]), r(1, 0, 4)]),
    "openvm_unaligned_ibs8_R17": sc([r(1, 1, 4), r(1, 2, 8), r(1, 23, 2)], ibs=8,
                                    image=[(1, 0, 7), (1, 5, 9), (1, 23, 4)], fin=8),
    "volatile_finalize1_R23": sc([w(1, 3, [5, 6]), r(1, 0, 8), w(2, 7, [1]), r(1, 4, 2)], fin=1),
    "persistent_finalize8_R23": sc([w(1, 6, [1, 2, 3, 4]), r(1, 12, 4), w(1, 30, [9, 9])], ibs=8, fin=8),
    "immediates_R5": sc([r(0, 5, 1), r(0, P - 1, 1), r(1, 0, 1)]),
    "immediate_not_field_R5": sc([r(0, P, 1)]),
    "immediate_batch_R5": sc([r(0, 4, 2)]),
    "write_as0_R5": sc([w(0, 4, [1])]),
    "as_past_end_R4": sc([r(1, 0, 1), r(9, 0, 1)]),
    "as_huge_R4": sc([w(4294967297, 0, [1])]),
    "size_three_R7": sc([r(1, 0, 3)]),
    "size_zero_R7": sc([w(1, 0, [])]),
    "size_over_max_R7": sc([r(1, 0, 64)]),
    "unaligned_ok_R8": sc([w(1, 3, [1, 2, 3, 4]), r(1, 1, 8), r(1, 5, 2)], fin=4),
    "unaligned_strict_R8": sc([w(1, 4, [1, 2]), w(1, 3, [1, 2])], config={"strict_alignment": True}),
    "crosses_end_R6": sc([w(1, 12, [1, 2, 3, 4]), w(1, 14, [1, 2, 3, 4])], config=SMALL),
    "last_cell_R6": sc([w(1, 15, [7]), r(1, 14, 2), r(1, 16, 1)], config=SMALL, fin=2),
    "values_near_p_R1": sc([w(1, 0, [P - 1, 0, 1, P - 2]), w(1, 4, [P])]),
    "clock_limit_R9": sc([w(1, 0, [1]), t(29), r(1, 0, 1), r(1, 0, 1)], config={"clk_max_bits": 5}),
    "tick_exact_limit_R9": sc([t(31)], config={"clk_max_bits": 5}),
    "tick_huge_R9": sc([t(18446744073709551615)]),
    "tiny_config": sc([w(1, 0, [1, 2]), r(1, 1, 1), w(2, 2, [3]), r(2, 2, 2)],
                      config={"as_height": 0, "pointer_max_bits": 2, "max_access_adapter_n": 2, "clk_max_bits": 3},
                      ibs=2, fin=2),
    "split_chain_ibs32_R18": sc([r(1, 31, 1), w(1, 7, [1]), r(1, 0, 32)], ibs=32, image=[(1, 31, 3)], fin=8),
    "merge_max_R19": sc([w(1, 0, [1] * 32), t(3), w(1, 16, [2] * 16), r(1, 8, 16)], fin=32),
    "as_offset2_window": sc([w(2, 0, [1]), w(5, 0, [1]), r(1, 0, 1)], config={"as_offset": 2, "as_height": 2}),
    "bad_config_clk30_R3": sc([], config={"clk_max_bits": 30}),
    "bad_config_pmb30_R3": sc([], config={"pointer_max_bits": 30}),
    "bad_config_max_n3_R3": sc([], config={"max_access_adapter_n": 3}),
    "bad_config_as_offset0_R3": sc([], config={"as_offset": 0}),
    "bad_ibs_R15": sc([r(1, 0, 1)], ibs=3),
    "bad_finalize_R26": sc([r(1, 0, 1)], fin=64),
    "image_with_volatile_R13": sc([r(1, 0, 1)], image=[(1, 0, 1)], fin=1),
    "image_duplicate_R13": sc([], image=[(1, 0, 1), (1, 0, 2)]),
    "image_out_of_bounds_R13": sc([], config=SMALL, image=[(1, 16, 1)]),
    "failing_op_stops_R28": sc([w(1, 0, [1]), r(1, 0, 3), w(1, 0, [2])], fin=1),
    # impl's 4096-cell pages (R70): unaligned blocks straddling a page boundary, split and merged
    # across it, in a 2^13-cell memory whose end is also a page end.
    "page_crossing_R70": sc([w(1, 4094, [1, 2, 3, 4]), r(1, 4095, 2), w(1, 4092, [5] * 8), r(1, 4096, 1),
                             w(2, 8190, [6, 7]), r(1, 4093, 4)],
                            config={"as_height": 1, "pointer_max_bits": 13, "max_access_adapter_n": 8}, fin=8),
    # OpenVM's decomp 17 with clocks close to 2^29 (R9, R50): the last legal timestamps.
    "clock_near_2_pow_29_decomp17_R50": sc([w(1, 0, [1]), t((1 << 29) - 6), r(1, 0, 1), w(1, 1, [2]), r(1, 0, 2)],
                                           config={"decomp": 17, "clk_max_bits": 29}, fin=1),
}

# A few longer random runs on small configs, so the corpus starts with deep block histories.
rng = random.Random(20261125)
for k in range(4):
    ops = []
    for _ in range(40):
        n = rng.choice([1, 2, 4, 8])
        p = rng.randrange(0, 16 - n + 1)
        a = rng.choice([1, 2])
        c = rng.random()
        if c < 0.45:
            ops.append(w(a, p, [rng.choice([0, 1, P - 1, rng.randrange(P)]) for _ in range(n)]))
        elif c < 0.9:
            ops.append(r(a, p, n))
        else:
            ops.append(t(rng.randrange(0, 3)))
    SEEDS["random_walk_%d" % k] = sc(ops, config=dict(SMALL, clk_max_bits=10), ibs=[1, 2, 4, 8][k], fin=[1, 2, 4, 8][k])

BAD = {
    "bad_json_trailing_comma": '{"ops": [],}',
    "bad_json_truncated": '{"ops": [{"op": "read", "as": 1',
    "bad_duplicate_key": '{"ops": [], "ops": []}',
    "bad_unknown_key": '{"ops": [], "opz": []}',
    "bad_negative_ptr": '{"ops": [{"op": "read", "as": 1, "ptr": -1, "len": 1}]}',
    "bad_float_len": '{"ops": [{"op": "read", "as": 1, "ptr": 0, "len": 1.0}]}',
    "bad_huge_number": '{"ops": [{"op": "tick", "by": 18446744073709551616}]}',
    "bad_config_over_u32": '{"config": {"as_height": 4294967296}, "ops": []}',
    "bad_missing_len": '{"ops": [{"op": "read", "as": 1, "ptr": 0}]}',
    "bad_wrong_type": '{"ops": [{"op": "write", "as": 1, "ptr": 0, "data": "1"}]}',
    "bad_version": '{"version": 2, "ops": []}',
    # R3a: the profiles, valid and breaking an OpenVM assertion.
    "profile_persistent_R3a": '{"profile": "openvm-v1.0-persistent", "config": {"clk_max_bits": 20, "decomp": 10, '
                              '"pointer_max_bits": 12}, "initial_block_size": 8, "initial_memory": [{"as": 1, "ptr": 9, '
                              '"value": 4}], "ops": [{"op": "write", "as": 1, "ptr": 3, "data": [1, 2]}, '
                              '{"op": "read", "as": 1, "ptr": 8, "len": 4}], "finalize_chunk": 8}',
    "profile_volatile_limbs_R3a": '{"profile": "openvm-v1.0-volatile", "config": {"clk_max_bits": 16, "decomp": 8, '
                                  '"pointer_max_bits": 17}, "ops": [{"op": "read", "as": 1, "ptr": 0, "len": 2}], '
                                  '"finalize_chunk": 1}',
    "bad_profile_name": '{"profile": "openvm-v1.1", "ops": []}',
}

for name, s in SEEDS.items():
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(s, f, separators=(",", ":"))
        f.write("\n")
for name, text in BAD.items():
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        f.write(text + "\n")
print(len(SEEDS) + len(BAD), "seeds written to", HERE)
