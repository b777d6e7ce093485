// Fuzz target `document_run` (R29, R37, R38): arbitrary bytes as a scenario document and as a
// JSON Lines stream, through the readers that run while they read.
// - `memspec run FILE`'s path (DocumentSource: each op handed to the driver as it is read) gives
//   exactly run_scenario on parse_scenario's Scenario, error or result, byte for byte;
// - the same bytes read as a stream never crash and end in a typed error or the end of input;
// - a document that parses, re-framed as JSON Lines and streamed, gives the document's records.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engines/engines.hpp"
#include "spec/interchange/interchange.hpp"
#include "spec/interchange/output.hpp"
#include "spec/interchange/record_store.hpp"
#include "spec/interchange/result_format.hpp"
#include "spec/interchange/scenario_reader.hpp"
#include "spec/interchange/scenario_writer.hpp"
#include "fuzz/check.hpp"
#include "fuzz/mem_file.hpp"

using namespace memspec;

namespace {

using fuzz::MemFile;  // mem_file.hpp

std::string printed(const Result<RunResult>& r) { return r.ok() ? to_json(*r) : to_json(r.error()); }

// What `memspec run --stream` prints (records, then the end lines or an error line).
std::string stream(int fd, const EngineFactory& make) {
    StringSink out;
    {
        TextWriter w(out);
        JsonLinesWriter sink(w);
        StreamSource source(fd);
        auto run = run_source(make, source, sink);
        if (run) sink.end(run->final_timestamp, run->finalize_chunk, run->roots);
        else w.put(to_json(run.error()) + "\n");
    }
    return out.text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = parse_scenario(text);
    // Keep runs short: a fuzzer's huge clocks or sizes are the properties' business.
    if (parsed && parsed->ops.size() > 256) return 0;
    const std::string want = parsed ? printed(run_to_result(engines::make_impl, *parsed)) : to_json(parsed.error());

    MemFile doc(text);
    RecordStore store;
    DocumentSource source(doc.path());
    auto run = run_source(engines::make_impl, source, store, {{}, [&] { store = RecordStore{}; }});
    std::string got;
    if (run) {
        StringSink out;
        write_result(out, store, run->finalize_chunk.has_value(), run->final_timestamp, run->roots, 1);
        got = out.text;
    } else {
        got = to_json(run.error());
    }
    if (got != want) fuzz::fail("the document source differs from run_scenario(parse_scenario(text))", "want: " + want + "\ngot:  " + got);

    // The same bytes as a stream: a typed error or a run, never a crash.
    {
        MemFile lines(text);
        (void)stream(lines.fd, engines::make_oracle);
    }
    if (!parsed) return 0;

    // R38: the parsed scenario as JSON Lines gives the document's records, on both engines.
    StringSink framed;
    {
        TextWriter w(framed);
        write_stream_header(w, *parsed);
        for (const Op& op : parsed->ops) {
            write_op(w, op);
            w.put('\n');
        }
    }
    const auto whole = run_to_result(engines::make_oracle, *parsed);
    for (const EngineFactory& make : {EngineFactory(engines::make_oracle), EngineFactory(engines::make_impl)}) {
        MemFile lines(framed.text);
        const auto back = parse_result_jsonl(stream(lines.fd, make));
        if (back.ok() != whole.ok()) fuzz::fail("stream and document disagree on success", *parsed);
        if (whole.ok() && !(*back == *whole)) fuzz::fail("stream records differ from the document's", *parsed);
        if (!whole.ok() && (back.error().kind != whole.error().kind || back.error().op_index != whole.error().op_index))
            fuzz::fail("stream error differs from the document's", *parsed);
    }
    return 0;
}
