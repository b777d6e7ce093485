#include "spec/interchange/result_format.hpp"

#include <algorithm>
#include <functional>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace memspec {

namespace {
// A field element's canonical integer (R1), for TextWriter::u32_array.
struct Canonical {
    std::span<const BabyBear> values;
    struct It {
        const BabyBear* p;
        std::uint32_t operator*() const { return p->v; }
        It& operator++() { return ++p, *this; }
        bool operator!=(const It& o) const { return p != o.p; }
    };
    It begin() const { return {values.data()}; }
    It end() const { return {values.data() + values.size()}; }
    std::size_t size() const { return values.size(); }
};
}  // namespace

void write_values(TextWriter& w, std::span<const BabyBear> values) { w.u32_array(Canonical{values}); }

void write_record(TextWriter& w, const AccessRecordView& r) {
    w.put(r.op == AccessKind::Write ? R"({"op":"write","as":)" : R"({"op":"read","as":)");
    w.number(r.address_space);
    w.field(R"(,"ptr":)", r.pointer);
    w.field(R"(,"timestamp":)", r.timestamp);
    w.field(R"(,"prev_timestamp":)", r.prev_timestamp);
    w.put(R"(,"data":)");
    write_values(w, r.data);
    if (r.op == AccessKind::Write) {
        w.put(R"(,"prev_data":)");
        write_values(w, r.prev_data);
    }
    w.put('}');
}

void write_record(TextWriter& w, const AdapterRecordView& r) {
    w.field(R"({"n":)", r.n);
    w.put(r.kind == AdapterKind::Split ? R"(,"kind":"split","as":)" : R"(,"kind":"merge","as":)");
    w.number(r.address_space);
    w.field(R"(,"ptr":)", r.pointer);
    w.field(R"(,"left_timestamp":)", r.left_timestamp);
    w.field(R"(,"right_timestamp":)", r.right_timestamp);
    w.put(R"(,"data":)");
    write_values(w, r.data);
    w.put('}');
}

void write_record(TextWriter& w, const FinalBlockView& b) {
    w.field(R"({"as":)", b.address_space);
    w.field(R"(,"ptr":)", b.pointer);
    w.field(R"(,"timestamp":)", b.timestamp);
    w.put(R"(,"values":)");
    write_values(w, b.values);
    w.put('}');
}

namespace {

// One array of the result, printed in slices of rows. Each element is printed with a leading
// comma, and the array's first element drops it, so slices can be printed independently.
struct Section {
    std::size_t rows;
    // Values before row `i` (for slicing without per-row offsets).
    std::vector<std::size_t> value_offsets;  // at slice starts
    std::function<void(TextWriter&, std::size_t begin, std::size_t end, std::size_t value_offset)> print;
};

constexpr std::size_t SLICE = std::size_t{1} << 15;

// Appends to a string whose capacity is kept from one slice to the next: fresh memory costs a
// page fault and a page of zeroing per 4 KiB, more than formatting into it.
class ReusedBuffer final : public ByteSink {
public:
    std::string text;
    void write(const char* data, std::size_t size) override { text.append(data, size); }
};

void print_section(ByteSink& out, const Section& s, unsigned threads) {
    const std::size_t slices = (s.rows + SLICE - 1) / SLICE;
    bool first = true;
    auto emit = [&](const std::string& text) {
        if (text.empty()) return;
        if (first) out.write(text.data() + 1, text.size() - 1);
        else out.write(text.data(), text.size());
        first = false;
    };
    auto format = [&](std::size_t k, ReusedBuffer& buf) {
        buf.text.clear();
        TextWriter w(buf);
        s.print(w, k * SLICE, std::min(s.rows, (k + 1) * SLICE), s.value_offsets[k]);
    };
    if (threads <= 1 || slices <= 1) {
        ReusedBuffer buf;
        for (std::size_t k = 0; k < slices; ++k) {
            format(k, buf);
            emit(buf.text);
        }
        return;
    }
    // A window of slices in flight, each in its own reused buffer; each is written, in order, as
    // soon as it and those before it are done, so memory stays at a few slices whatever the
    // output's size.
    const std::size_t window = 2 * threads;
    std::vector<ReusedBuffer> bufs(window);
    std::vector<std::future<void>> pending(window);
    std::size_t next = 0;
    for (std::size_t k = 0; k < slices; ++k) {
        while (next < slices && next < k + window) {
            ReusedBuffer& buf = bufs[next % window];
            pending[next % window] = std::async(std::launch::async, [&format, &buf, next] { format(next, buf); });
            ++next;
        }
        pending[k % window].get();
        emit(bufs[k % window].text);
    }
}

template <class Row, class Count>
std::vector<std::size_t> offsets(const std::vector<Row>& rows, Count count) {
    std::vector<std::size_t> out;
    std::size_t v = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i % SLICE == 0) out.push_back(v);
        v += count(rows[i]);
    }
    return out;
}

}  // namespace

namespace {
// R75a: ,"initial_root":[…] and, after finalize, ,"final_root":[…].
void write_roots(TextWriter& w, const std::optional<ResultRoots>& roots) {
    if (!roots) return;
    w.put(R"(,"initial_root":)");
    write_values(w, roots->initial_root);
    if (roots->final_root) {
        w.put(R"(,"final_root":)");
        write_values(w, *roots->final_root);
    }
}
}  // namespace

void write_result(ByteSink& out, const RecordStore& st, bool with_final_memory, std::uint32_t final_timestamp,
                  const std::optional<ResultRoots>& roots, unsigned threads) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    auto access_count = [](const RecordStore::AccessRow& r) { return std::size_t{r.is_write ? 2u * r.len : r.len}; };
    const auto access_offsets = offsets(st.accesses, access_count);
    auto access_view = [&](std::size_t i, std::size_t off) {
        const auto& r = st.accesses[i];
        const BabyBear* v = st.access_values.data() + off;
        return AccessRecordView{r.is_write ? AccessKind::Write : AccessKind::Read, r.address_space, r.pointer, r.timestamp, r.prev_timestamp,
                                {v, r.len}, r.is_write ? std::span<const BabyBear>(v + r.len, r.len) : std::span<const BabyBear>{}};
    };
    Section reads{st.accesses.size(), access_offsets, [&](TextWriter& w, std::size_t b, std::size_t e, std::size_t off) {
                      for (std::size_t i = b; i < e; ++i) {
                          const auto& r = st.accesses[i];
                          if (!r.is_write) {
                              w.put(',');
                              write_values(w, {st.access_values.data() + off, r.len});
                          }
                          off += access_count(r);
                      }
                  }};
    Section records{st.accesses.size(), access_offsets, [&](TextWriter& w, std::size_t b, std::size_t e, std::size_t off) {
                        for (std::size_t i = b; i < e; ++i) {
                            w.put(',');
                            write_record(w, access_view(i, off));
                            off += access_count(st.accesses[i]);
                        }
                    }};
    Section adapters{st.adapters.size(), offsets(st.adapters, [](const RecordStore::AdapterRow& r) { return std::size_t{r.n}; }),
                     [&](TextWriter& w, std::size_t b, std::size_t e, std::size_t off) {
                         for (std::size_t i = b; i < e; ++i) {
                             const auto& r = st.adapters[i];
                             w.put(',');
                             write_record(w, AdapterRecordView{r.n, r.kind, r.address_space, r.pointer, r.left_timestamp, r.right_timestamp,
                                                               {st.adapter_values.data() + off, r.n}});
                             off += r.n;
                         }
                     }};
    Section finals{st.finals.size(), offsets(st.finals, [&](const RecordStore::FinalRow&) { return std::size_t{st.chunk}; }),
                   [&](TextWriter& w, std::size_t b, std::size_t e, std::size_t off) {
                       for (std::size_t i = b; i < e; ++i) {
                           const auto& r = st.finals[i];
                           w.put(',');
                           write_record(w, FinalBlockView{r.address_space, r.pointer, r.timestamp, {st.final_values.data() + off, st.chunk}});
                           off += st.chunk;
                       }
                   }};
    auto put = [&](std::string_view s) { out.write(s.data(), s.size()); };
    put(R"({"reads":[)");
    print_section(out, reads, threads);
    put(R"(],"records":[)");
    print_section(out, records, threads);
    put(R"(],"adapter_records":[)");
    print_section(out, adapters, threads);
    put("]");
    if (with_final_memory) {
        put(R"(,"final_memory":[)");
        print_section(out, finals, threads);
        put("]");
    }
    put(R"(,"final_timestamp":)");
    put(std::to_string(final_timestamp));
    {
        TextWriter w(out);
        write_roots(w, roots);
    }
    put("}");
}

void write_result(TextWriter& w, const RunResult& r) {
    w.put(R"({"reads":[)");
    for (std::size_t i = 0; i < r.reads.size(); ++i) {
        if (i) w.put(',');
        write_values(w, r.reads[i]);
    }
    w.put(R"(],"records":[)");
    for (std::size_t i = 0; i < r.records.size(); ++i) {
        if (i) w.put(',');
        write_record(w, view(r.records[i]));
    }
    w.put(R"(],"adapter_records":[)");
    for (std::size_t i = 0; i < r.adapter_records.size(); ++i) {
        if (i) w.put(',');
        write_record(w, view(r.adapter_records[i]));
    }
    w.put(']');
    if (r.final_memory) {
        w.put(R"(,"final_memory":[)");
        for (std::size_t i = 0; i < r.final_memory->blocks.size(); ++i) {
            if (i) w.put(',');
            write_record(w, view(r.final_memory->blocks[i]));
        }
        w.put(']');
    }
    w.field(R"(,"final_timestamp":)", r.final_timestamp);
    write_roots(w, r.roots);
    w.put('}');
}

namespace {
// The length of the valid UTF-8 sequence at the start of `s` (1 to 4), or 0 if there is none
// (a stray continuation byte, an overlong form, a surrogate, a value past U+10FFFF, a cut one).
std::size_t utf8_length(std::string_view s) {
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char c = b(0);
    std::size_t n;
    unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range
    if (c < 0x80) return 1;
    else if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else return 0;
    if (s.size() < n || b(1) < lo || b(1) > hi) return 0;
    for (std::size_t i = 2; i < n; ++i)
        if (b(i) < 0x80 || b(i) > 0xBF) return 0;
    return n;
}
}  // namespace

void write_string(TextWriter& w, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    w.put('"');
    while (!s.empty()) {
        const auto c = static_cast<unsigned char>(s[0]);
        std::size_t n = 1;
        switch (c) {
            case '"': w.put("\\\""); break;
            case '\\': w.put("\\\\"); break;
            case '\b': w.put("\\b"); break;
            case '\f': w.put("\\f"); break;
            case '\n': w.put("\\n"); break;
            case '\r': w.put("\\r"); break;
            case '\t': w.put("\\t"); break;
            default:
                if (c < 0x20) {
                    const char u[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                    w.put(std::string_view(u, sizeof u));
                } else if ((n = utf8_length(s)) != 0) {
                    w.put(s.substr(0, n));
                } else {
                    n = 1;
                    w.put("\xEF\xBF\xBD");  // U+FFFD
                }
        }
        s.remove_prefix(n);
    }
    w.put('"');
}

void write_error(TextWriter& w, const MemoryError& e) {
    w.put(R"({"error":{"kind":)");
    write_string(w, to_string(e.kind));
    w.put(R"(,"message":)");
    write_string(w, e.message);
    if (e.op_index) w.field(R"(,"op_index":)", *e.op_index);
    w.put("}}");
}

void JsonLinesWriter::access(const AccessRecordView& r) {
    w_.put(R"({"record":)");
    write_record(w_, r);
    w_.put("}\n");
}

void JsonLinesWriter::adapter(const AdapterRecordView& r) {
    w_.put(R"({"adapter_record":)");
    write_record(w_, r);
    w_.put("}\n");
}

void JsonLinesWriter::final_block(const FinalBlockView& b) {
    w_.put(R"({"final_block":)");
    write_record(w_, b);
    w_.put("}\n");
}

void JsonLinesWriter::end(std::uint32_t final_timestamp, std::optional<std::uint64_t> finalize_chunk, const std::optional<ResultRoots>& roots) {
    if (finalize_chunk) {
        w_.field(R"({"finalize_chunk":)", *finalize_chunk);
        w_.put("}\n");
    }
    if (roots) {
        w_.put(R"({"initial_root":)");
        write_values(w_, roots->initial_root);
        w_.put("}\n");
        if (roots->final_root) {
            w_.put(R"({"final_root":)");
            write_values(w_, *roots->final_root);
            w_.put("}\n");
        }
    }
    w_.field(R"({"final_timestamp":)", final_timestamp);
    w_.put("}\n");
}

}  // namespace memspec
