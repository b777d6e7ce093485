#include "explain/html_page.hpp"

#include <nlohmann/json.hpp>

namespace memspec::explain {
namespace {

constexpr std::string_view STYLE = R"CSS(
body{font:13px/1.4 system-ui,sans-serif;margin:16px;color:#1b1f24;background:#fff}
h1{font-size:18px;margin:0 0 8px}h2{font-size:15px;margin:18px 0 6px}h3{font-size:13px;margin:12px 0 4px}
.item{border:1px solid #d0d7de;border-radius:6px;padding:8px 12px;margin:10px 0}
.comment{color:#57606a;max-width:70em}
table{border-collapse:collapse;margin:4px 0}td,th{border-bottom:1px solid #eaeef2;padding:2px 6px;text-align:left;vertical-align:top;white-space:nowrap}
th{background:#f6f8fa;font-weight:600}
tr.access[data-kind=write] td.op{color:#bc4c00}tr.access[data-kind=read] td.op{color:#0550ae}
.record{display:inline-block;border:1px solid #afb8c1;border-radius:3px;padding:0 4px;margin:1px;cursor:pointer;background:#f6f8fa;font-family:monospace}
.record[data-kind=split]{border-color:#8250df}.record[data-kind=merge]{border-color:#1a7f37}.record:hover{background:#ddf4ff}
.record-json{position:fixed;right:12px;bottom:12px;max-width:40em;max-height:40vh;overflow:auto;background:#f6f8fa;border:1px solid #d0d7de;padding:8px;margin:0;display:none}
.record-json[data-shown]{display:block}
.pager{margin:6px 0}.pager button,.tabs button{margin-right:4px}
.tabs button[data-active]{font-weight:700;background:#ddf4ff}
svg .blk.read{fill:#0969da}svg .blk.write{fill:#fb8500}svg .split{fill:none;stroke:#8250df;stroke-width:1.5}svg .merge{fill:#1a7f37;opacity:.35}
svg .axis{font-size:9px;fill:#57606a}
.verdict{padding:6px 10px;border-radius:4px;white-space:pre-wrap;font-family:monospace}
.verdict[data-accepted=true]{background:#dafbe1}.verdict[data-accepted=false]{background:#ffebe9}
ol.story li{font-family:monospace;white-space:pre-wrap}
svg g.chip rect{fill:#f6f8fa;stroke:#57606a}svg g.chip[data-failing] rect{fill:#ffebe9;stroke:#cf222e;stroke-width:2}
svg g.bus rect{fill:#ddf4ff;stroke:#0969da}svg g.bus[data-unbalanced] rect{fill:#ffebe9;stroke:#cf222e;stroke-width:2}
svg path.link{fill:none;stroke:#8c959f}svg path.link.receive{stroke-dasharray:4 3}
tr.message.unbalanced{background:#ffebe9}tr.message.forged td.ts{color:#cf222e;font-weight:700}
td.count.neg{color:#cf222e;font-weight:700}
.failure{border-left:3px solid #cf222e;padding-left:8px;margin:6px 0}
td.col-read{background:#fff8c5;font-weight:600}
.error{color:#cf222e;font-weight:600}.note{color:#57606a}
.row-panel{font-family:monospace}
)CSS";

constexpr std::string_view SCRIPT = R"JS(
"use strict";
const started = performance.now();
const DATA = JSON.parse(document.getElementById("memspec-data").textContent);
const SVGNS = "http://www.w3.org/2000/svg";
const ROWS_PER_PAGE = 200;

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k === "onclick") e.addEventListener("click", v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}
function sv(tag, attrs, ...kids) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") e.textContent = v; else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids) if (k) e.append(k);
  return e;
}
function showJson(obj) {
  const pre = document.getElementById("record-json");
  pre.textContent = JSON.stringify(obj, null, 2);
  pre.setAttribute("data-shown", "");
}
function vals(a) { return "(" + a.join(", ") + ")"; }
// R341: the page's address may open a page of a trace set's messages and one of its rows:
// PAGE.html#messages-page=N&row=CHIP:ROW.
const HASH = new Map(location.hash.slice(1).split("&").filter((x) => x.includes("=")).map((x) => x.split("=").map(decodeURIComponent)));

// A pager over `count` rows: draws page i with draw(from, to) into the returned element.
function pager(count, draw, start) {
  const pages = Math.max(1, Math.ceil(count / ROWS_PER_PAGE));
  const box = el("div", {class: "paged"});
  const bar = el("div", {class: "pager"});
  const body = el("div");
  let page = Math.max(0, Math.min(pages - 1, (start || 1) - 1));
  const label = el("span", {class: "page-label"});
  const show = () => {
    body.replaceChildren(draw(page * ROWS_PER_PAGE, Math.min(count, (page + 1) * ROWS_PER_PAGE)));
    label.textContent = " page " + (page + 1) + " of " + pages + " (" + count + " rows) ";
  };
  const go = (p) => { page = Math.max(0, Math.min(pages - 1, p)); show(); };
  bar.append(el("button", {text: "first", onclick: () => go(0)}), el("button", {text: "previous", onclick: () => go(page - 1)}),
             label, el("button", {text: "next", onclick: () => go(page + 1)}), el("button", {text: "last", onclick: () => go(pages - 1)}));
  box.append(bar, body);
  show();
  return box;
}

const ADAPTER_KIND = ["split", "merge"];
function adapterJson(a) {
  return {kind: ADAPTER_KIND[a[0]], n: a[1], address_space: a[2], pointer: a[3], left_timestamp: a[4], right_timestamp: a[5], data: a[6]};
}
function accessJson(r) {
  const o = {op: r[0] ? "write" : "read", address_space: r[1], pointer: r[2], timestamp: r[3], prev_timestamp: r[4], data: r[5]};
  if (r[0]) o.prev_data = r[6];
  return o;
}
function recordButton(kind, text, json, extraClass) {
  return el("span", {class: "record" + (extraClass ? " " + extraClass : ""), "data-record": kind === "access" ? "access" : "adapter",
                     "data-kind": kind, text: text, onclick: () => showJson(json)});
}

// R302: one row per access; the blocks its adapter records split and merged drawn over the cells.
function accessRow(v, i) {
  const r = v.accesses[i];
  const len = r[5].length;
  const ads = v.adapters.slice(r[7], r[7] + r[8]);
  let lo = r[2], hi = r[2] + len;
  for (const a of ads) { lo = Math.min(lo, a[3]); hi = Math.max(hi, a[3] + a[1]); }
  const W = 300, x = (c) => 4 + (c - lo) * (W - 8) / Math.max(1, hi - lo);
  const pic = sv("svg", {width: W, height: 30, class: "cells"});
  for (const a of ads) {
    if (a[0] === 0) {
      pic.append(sv("rect", {class: "split", x: x(a[3]), y: 2, width: Math.max(1, x(a[3] + a[1]) - x(a[3])), height: 10}));
      const mid = x(a[3] + a[1] / 2);
      pic.append(sv("line", {class: "split", x1: mid, x2: mid, y1: 2, y2: 12}));
    } else {
      pic.append(sv("rect", {class: "merge", x: x(a[3]), y: 2, width: Math.max(1, x(a[3] + a[1]) - x(a[3])), height: 10}));
    }
  }
  pic.append(sv("rect", {class: "blk " + (r[0] ? "write" : "read"), x: x(r[2]), y: 14, width: Math.max(2, x(r[2] + len) - x(r[2])), height: 8}));
  pic.append(sv("text", {class: "axis", x: 2, y: 30, text: String(lo)}), sv("text", {class: "axis", x: W - 4, y: 30, "text-anchor": "end", text: String(hi)}));
  const recs = el("td", {class: "records"});
  for (const a of ads) recs.append(recordButton(ADAPTER_KIND[a[0]], ADAPTER_KIND[a[0]] + " " + a[1] + "@" + a[3], adapterJson(a)));
  return el("tr", {class: "access", "data-kind": r[0] ? "write" : "read", "data-index": i},
            el("td", {text: String(i)}), el("td", {class: "op", text: r[0] ? "write" : "read"}),
            el("td", {text: r[2] + (len > 1 ? ".." + (r[2] + len - 1) : "")}), el("td", {text: String(r[3])}),
            el("td", {text: String(r[4])}), el("td", {text: vals(r[5])}), el("td", {}, pic),
            el("td", {}, recordButton("access", "access", accessJson(r))), recs);
}

function renderScenario(v, host) {
  const spaces = new Map();
  v.accesses.forEach((r, i) => { if (!spaces.has(r[1])) spaces.set(r[1], []); spaces.get(r[1]).push(i); });
  host.append(el("p", {class: "summary", text: v.accesses.length + " accesses, " + v.adapters.length + " adapter records, profile " +
                       v.profile + (v.final_timestamp ? ", final timestamp " + v.final_timestamp : "")}));
  if (v.error) host.append(el("p", {class: "error", text: "the run stopped at op " + v.error.op_index + ": " + v.error.message}));
  const tabs = el("div", {class: "tabs"});
  const body = el("div");
  const showSpace = (as, button) => {
    for (const b of tabs.children) b.removeAttribute("data-active");
    button.setAttribute("data-active", "");
    const idx = spaces.get(as);
    body.replaceChildren(pager(idx.length, (from, to) => {
      const tb = el("tbody");
      for (let k = from; k < to; ++k) tb.append(accessRow(v, idx[k]));
      return el("table", {class: "accesses"}, el("thead", {}, el("tr", {}, ...["#", "op", "cells", "ts", "prev ts", "data", "blocks", "record", "adapter records"].map((h) => el("th", {text: h})))), tb);
    }));
  };
  for (const as of [...spaces.keys()].sort((a, b) => a - b)) {
    const b = el("button", {class: "as-tab", "data-as": as, text: "address space " + as + " (" + spaces.get(as).length + ")"});
    b.addEventListener("click", () => showSpace(as, b));
    tabs.append(b);
  }
  host.append(tabs, body);
  if (tabs.firstChild) showSpace(Number(tabs.firstChild.getAttribute("data-as")), tabs.firstChild);
  // R302: finalize at the end: its adapter records, then the final blocks.
  const f = v.finalize;
  const fin = el("div", {class: "finalize"}, el("h3", {text: f.ran ? "finalize: " + f.adapter_count + " adapter records, " + f.blocks.length + " final blocks" : "no finalize"}));
  if (f.ran) {
    const recs = el("div", {class: "finalize-records"});
    const shown = Math.min(f.adapter_count, 1000);
    for (let k = 0; k < shown; ++k) {
      const a = v.adapters[f.first_adapter + k];
      recs.append(recordButton(ADAPTER_KIND[a[0]], ADAPTER_KIND[a[0]] + " " + a[1] + "@" + a[2] + ":" + a[3], adapterJson(a), "finalize-record"));
    }
    if (shown < f.adapter_count) recs.append(el("span", {class: "note", text: " and " + (f.adapter_count - shown) + " more"}));
    fin.append(recs, pager(f.blocks.length, (from, to) => {
      const tb = el("tbody");
      for (let k = from; k < to; ++k) {
        const b = f.blocks[k];
        tb.append(el("tr", {class: "final-block"}, el("td", {text: String(b[0])}), el("td", {text: String(b[1])}), el("td", {text: String(b[2])}), el("td", {text: vals(b[3])})));
      }
      return el("table", {}, el("thead", {}, el("tr", {}, ...["address space", "pointer", "timestamp", "values"].map((h) => el("th", {text: h})))), tb);
    }));
  }
  host.append(fin);
}

// R303: chips as boxes, buses between them; unbalanced messages with signed counts; failing rows.
function renderTraces(v, host) {
  host.append(el("div", {class: "verdict", "data-accepted": String(v.verdict.verdict === "accepted"), text: v.verdict_text}));
  if (v.without && v.without.length) host.append(el("p", {class: "note weakened", text: "without " + v.without.join(", ") + " (the weakened AIR): " + v.weakened_verdict_text}));
  if (v.story && v.story.length) host.append(el("h3", {text: "the memory story"}), el("ol", {class: "story"}, ...v.story.map((s) => el("li", {text: s}))));
  if (!v.chips) return;
  // R304: the forged memory-bus messages (timestamps above p/2, wrapped around the field) in the
  // order of their timestamps, each with the rows that send and receive it: how they circulate.
  const P = 2013265921;
  // R341: a message is [bus, values, net, unbalanced, forged, places] and a place [chip, row,
  // 0 send / 1 receive, count, interaction]; each is made an object only when it is drawn.
  const msg = (a) => ({bus: a[0], message: a[1], net: a[2], unbalanced: a[3] === 1, forged: a[4] === 1,
                       places: a[5].map((p) => ({chip: v.chips[p[0]].name, row: p[1], direction: p[2] ? "receive" : "send", count: p[3],
                                                 interaction: (v.chips[p[0]].interactions[p[4]] || {}).name}))});
  const forged = v.messages.filter((a) => a[4] === 1).map(msg).sort((a, b) => a.message[a.message.length - 1] - b.message[b.message.length - 1]);
  if (forged.length) {
    host.append(el("h3", {text: "forged messages: timestamps that came around the field"}),
      el("ol", {class: "forged-list"}, ...forged.map((m) => {
        const ts = m.message[m.message.length - 1];
        const by = m.places.map((p) => (p.direction === "send" ? "sent by " : "received by ") + p.chip + " row " + p.row).join(", ");
        return el("li", {class: "forged", text: "as " + m.message[0] + ", ptr " + m.message[1] + ", values " + vals(m.message.slice(2, -1)) +
                                                 " at timestamp p - " + (P - ts) + ": " + by + (m.unbalanced ? " (nets " + m.net + ")" : "")});
      })));
  }
  const failing = new Set((v.failures || []).map((f) => f.chip));
  const busName = new Map(v.buses.map((b) => [b.id, b.name]));
  const H = 34, W = 800, height = Math.max(v.chips.length, v.buses.length) * H + 20;
  const pic = sv("svg", {width: W, height: height, class: "chips"});
  pic.append(sv("defs", {}, sv("marker", {id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse"}, sv("path", {d: "M0,0L10,5L0,10z", fill: "#8c959f"}))));
  const chipY = new Map(), busY = new Map();
  v.chips.forEach((c, i) => chipY.set(c.name, 10 + i * H));
  v.buses.forEach((b, i) => busY.set(b.id, 10 + i * H + (height - 20 - v.buses.length * H) / 2));
  for (const c of v.chips) for (const it of c.interactions) {
    const y1 = chipY.get(c.name) + 12, y2 = busY.get(it.bus) + 12;
    const d = "M220," + y1 + " C330," + y1 + " 330," + y2 + " 440," + y2;
    pic.append(sv("path", {class: "link " + it.direction, d: d, "marker-end": it.direction === "send" ? "url(#arrow)" : null, "marker-start": it.direction === "receive" ? "url(#arrow)" : null},
                  sv("title", {text: it.name + " (" + it.rule + ")"})));
  }
  for (const c of v.chips) {
    const g = sv("g", {class: "chip", "data-chip": c.name, "data-failing": failing.has(c.name) || null, transform: "translate(10," + chipY.get(c.name) + ")"},
                 sv("rect", {width: 210, height: 24, rx: 3}), sv("text", {x: 6, y: 16, text: c.name + " (" + c.height + " rows)"}));
    g.addEventListener("click", () => showJson(c));
    pic.append(g);
  }
  for (const b of v.buses) {
    const n = b.unbalanced;
    pic.append(sv("g", {class: "bus", "data-bus": b.name, "data-unbalanced": n ? String(n) : null, transform: "translate(440," + busY.get(b.id) + ")"},
                  sv("rect", {width: 310, height: 24, rx: 12}), sv("text", {x: 12, y: 16, text: b.name + " bus" + (n ? ": " + n + " unbalanced" : "")})));
  }
  host.append(pic);
  const panel = el("div", {class: "row-panel"});
  const showRow = (chip, row) => {
    const c = v.chips.find((x) => x.name === chip), kept = (v.rows[chip] || {})[String(row)];
    if (!c || !kept) return;
    // R341: a row comes as its nonzero cells, [column, value, ...].
    const vals_ = c.columns.map(() => 0);
    for (let i = 0; i + 1 < kept.length; i += 2) vals_[kept[i]] = kept[i + 1];
    panel.replaceChildren(el("h3", {text: chip + " row " + row}), el("table", {}, el("tr", {}, ...c.columns.map((n) => el("th", {text: n}))), el("tr", {class: "trace-row"}, ...vals_.map((x) => el("td", {text: String(x)})))));
  };
  if (v.failures.length) {
    host.append(el("h3", {text: "failing constraints"}));
    for (const f of v.failures) {
      host.append(el("div", {class: "failure", "data-chip": f.chip, "data-row": f.row},
        el("div", {text: f.chip + " row " + f.row + ": " + f.constraint + " (" + f.rule + ")  " + f.expr + " != 0"}),
        el("table", {}, el("tr", {}, ...f.reads.map((r) => el("th", {text: r.column + (r.next ? "'" : "")}))),
                        el("tr", {}, ...f.reads.map((r) => el("td", {class: "col-read", text: String(r.value)}))))));
    }
  }
  const unb = v.buses.reduce((s, b) => s + b.unbalanced, 0);
  // R341: what every bus carries, counted over the whole set; the memory bus's messages are listed.
  host.append(el("table", {class: "bus-summary"}, el("tr", {}, ...["bus", "messages", "unbalanced"].map((h) => el("th", {text: h}))),
    ...v.buses.map((b) => el("tr", {class: "bus-count", "data-bus": b.name, "data-messages": b.messages},
                             el("td", {text: b.name}), el("td", {text: String(b.messages)}), el("td", {class: "count" + (b.unbalanced ? " neg" : ""), text: String(b.unbalanced)})))));
  host.append(el("h3", {text: "messages: " + unb + " unbalanced" + (v.balanced_memory_messages ? ", " + v.balanced_memory_messages + " balanced on the memory bus" : "")}));
  const order = [];
  v.messages.forEach((a, i) => { if (a[3] === 1) order.push(i); });
  v.messages.forEach((a, i) => { if (a[3] !== 1) order.push(i); });
  host.append(pager(order.length, (from, to) => {
    const tb = el("tbody");
    for (let k = from; k < to; ++k) {
      const m = msg(v.messages[order[k]]);
      const places = el("td", {class: "places"});
      for (const p of m.places) places.append(el("span", {class: "record place", "data-kind": p.direction, text: (p.direction === "send" ? "+" : "-") + " " + p.chip + " row " + p.row, title: p.interaction, onclick: () => showRow(p.chip, p.row)}));
      const isMem = m.bus === 0;
      const text = isMem ? "as " + m.message[0] + ", ptr " + m.message[1] + ", values " + vals(m.message.slice(2, -1)) : "[" + m.message.join(", ") + "]";
      tb.append(el("tr", {class: "message" + (m.unbalanced ? " unbalanced" : "") + (m.forged ? " forged" : ""), "data-bus": busName.get(m.bus),
                          "data-unbalanced": m.unbalanced ? String(m.net) : null, "data-forged": m.forged || null},
                   el("td", {text: busName.get(m.bus)}), el("td", {text: text}), el("td", {class: "ts", text: isMem ? String(m.message[m.message.length - 1]) : ""}),
                   el("td", {class: "count" + (m.net < 0 ? " neg" : ""), text: String(m.net)}), places));
    }
    return el("table", {class: "messages"}, el("thead", {}, el("tr", {}, ...["bus", "message", "timestamp", "net", "sent (+) and received (-) by"].map((h) => el("th", {text: h})))), tb);
  }, Number(HASH.get("messages-page") || 1)), panel);
  const wanted = (HASH.get("row") || "").split(":");
  if (wanted.length === 2) showRow(wanted[0], Number(wanted[1]));
}

// R304: a proof's counterexample: its rows by chip, then its trace set (when it was emitted).
function renderProof(v, host) {
  host.append(el("p", {text: v.status + (v.detail ? ": " + v.detail : "")}));
  if (v.story && v.story.length) host.append(el("h3", {text: "the memory story"}), el("ol", {class: "story proof-story"}, ...v.story.map((s) => el("li", {text: s}))));
  const byChip = new Map();
  for (const r of v.rows) { if (!byChip.has(r.chip)) byChip.set(r.chip, []); byChip.get(r.chip).push(r); }
  for (const [chip, rows] of byChip) {
    const cols = Object.keys(rows[0].cells);
    host.append(el("div", {class: "cx-chip", "data-chip": chip}, el("h3", {text: chip}),
      el("table", {}, el("tr", {}, el("th", {text: "row"}), ...cols.map((c) => el("th", {text: c}))),
         ...rows.map((r) => el("tr", {class: "cx-row"}, el("td", {text: String(r.row)}), ...cols.map((c) => el("td", {text: String(r.cells[c])})))))));
  }
  if (v.traces) renderTraces(v.traces, host);
  else if (v.emitted) host.append(el("p", {class: "note", text: v.emitted}));
}

document.getElementById("title").textContent = DATA.title;
const app = document.getElementById("app");
for (const item of DATA.items) {
  const box = el("section", {class: "item", "data-kind": item.kind}, el("h2", {text: item.title}));
  if (item.comment) box.append(el("p", {class: "comment", text: item.comment}));
  if (item.error) box.append(el("p", {class: "error", text: item.error}));
  else if (item.kind === "scenario") renderScenario(item, box);
  else if (item.kind === "traces") renderTraces(item, box);
  else if (item.kind === "proof") renderProof(item, box);
  else box.append(el("p", {class: "note", text: item.note || "not drawn"}));
  app.append(box);
}
document.body.setAttribute("data-render-ms", (performance.now() - started).toFixed(1));
// performance.now() counts from the navigation's start: reading, parsing and drawing the page.
document.body.setAttribute("data-open-ms", performance.now().toFixed(1));
document.getElementById("render-time").textContent = "drawn in " + (performance.now() - started).toFixed(0) + " ms";
)JS";

}  // namespace

std::string html_page(std::string_view title, const nlohmann::json& data) {
    // R305: the data is embedded as JSON in a script element; "<" only occurs inside JSON strings,
    // where \u003c means the same, so no "</script>" in the data can end the element early.
    std::string json = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string embedded;
    embedded.reserve(json.size());
    for (char c : json) {
        if (c == '<') embedded += "\\u003c";
        else embedded += c;
    }
    std::string escaped_title;
    for (char c : std::string(title)) {
        if (c == '<') escaped_title += "&lt;";
        else if (c == '&') escaped_title += "&amp;";
        else escaped_title += c;
    }
    std::string page;
    page.reserve(embedded.size() + STYLE.size() + SCRIPT.size() + 1024);
    page += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>";
    page += escaped_title;
    page += "</title><style>";
    page += STYLE;
    page += "</style></head><body><h1 id=\"title\"></h1><p class=\"note\" id=\"render-time\"></p><div id=\"app\"></div>"
            "<pre id=\"record-json\" class=\"record-json\"></pre>\n<script type=\"application/json\" id=\"memspec-data\">";
    page += embedded;
    page += "</script>\n<script>";
    page += SCRIPT;
    page += "</script></body></html>\n";
    return page;
}

}  // namespace memspec::explain
