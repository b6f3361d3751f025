#include "reports/HtmlReport.h"

#include "reports/AccessPattern.h"
#include "reports/Findings.h"
#include "reports/Fingerprint.h"
#include "support/OutputFile.h"
#include "reports/StrategyText.h"
#include "reports/Version.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace adjoint_lint::reports {

using model::PropertyResult;
using model::VariableVerdicts;
using model::Verdict;

std::string htmlEscape(const std::string &text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
    }
  }
  return out;
}

std::optional<std::vector<std::string>> plainSourceLines(const std::string &file,
                                                         const std::vector<SourceMark> &marks,
                                                         std::string &error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = "cannot read '" + file + "'";
    return std::nullopt;
  }
  std::vector<std::string> raw;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    raw.push_back(line);
  }
  // Opening and closing tags per (line, column), then escape around them.
  std::vector<std::string> out;
  for (size_t l = 0; l < raw.size(); ++l) {
    const unsigned lineNo = static_cast<unsigned>(l + 1);
    std::map<unsigned, std::string> opens, closes; // by 1-based column
    for (const SourceMark &m : marks) {
      unsigned endLine = m.endLine ? m.endLine : m.line;
      unsigned endColumn = m.endLine ? m.endColumn : m.column;
      if (m.line == 0 || m.column == 0 || lineNo < m.line || lineNo > endLine)
        continue;
      unsigned from = lineNo == m.line ? m.column : 1;
      unsigned to = lineNo == endLine ? endColumn : static_cast<unsigned>(raw[l].size());
      if (to < from)
        continue;
      std::string cls;
      for (char c : m.cssClass)
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ' ')
          cls += c;
      opens[from] += "<span class=\"" + cls + "\">";
      closes[to] += "</span>";
    }
    std::string html;
    for (size_t c = 0; c <= raw[l].size(); ++c) {
      const unsigned col = static_cast<unsigned>(c + 1);
      if (auto it = opens.find(col); it != opens.end())
        html += it->second;
      if (c < raw[l].size())
        html += htmlEscape(std::string(1, raw[l][c]));
      if (auto it = closes.find(col); it != closes.end())
        html += it->second;
    }
    // Marks running past the line's end.
    for (const auto &[col, tags] : closes)
      if (col > raw[l].size())
        html += tags;
    out.push_back(html);
  }
  return out;
}

namespace {

// ---------------------------------------------------------------------------
// Shared pieces

const char kStyle[] = R"CSS(
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#ffffff; --panel:#f6f8fa;
  --red:#cf222e; --red-bg:#ffebe9; --green:#1a7f37; --green-bg:#dafbe1; --amber:#9a6700;
  --amber-bg:#fff8c5; --blue:#0969da; --blue-bg:#ddf4ff; --grey-bg:#eaeef2; --purple:#8250df;
  --purple-bg:#fbefff; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  color:var(--fg); background:var(--bg); }
header.top { background:#24292f; color:#fff; padding:12px 24px; display:flex; align-items:baseline; gap:16px; }
header.top h1 { font-size:18px; margin:0; font-weight:600; }
header.top a { color:#fff; }
header.top .tool { color:#9198a1; font-size:12px; margin-left:auto; }
main { padding:16px 24px 48px; max-width:1280px; }
h2 { font-size:17px; margin:28px 0 8px; }
h3 { font-size:15px; margin:18px 0 6px; }
a { color:var(--blue); text-decoration:none; } a:hover { text-decoration:underline; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size:12.5px; }
.summary { display:flex; gap:12px; flex-wrap:wrap; margin:8px 0 16px; }
.stat { background:var(--panel); border:1px solid var(--line); border-radius:8px; padding:8px 14px; min-width:110px; }
.stat b { display:block; font-size:20px; }
.badge { display:inline-block; padding:0 8px; border-radius:999px; font-size:12px; font-weight:600;
  line-height:20px; white-space:nowrap; border:1px solid transparent; }
.v-none, .v-holds, .s-plain { background:var(--green-bg); color:var(--green); border-color:#aceebb; }
.v-race, .v-violated, .s-serial { background:var(--red-bg); color:var(--red); border-color:#ffcecb; }
.v-unknown, .s-atomic { background:var(--amber-bg); color:var(--amber); border-color:#f5e0a0; }
.v-not-applicable { background:var(--grey-bg); color:var(--muted); }
.s-gather { background:var(--blue-bg); color:var(--blue); border-color:#b6e3ff; }
.s-reduction { background:var(--purple-bg); color:var(--purple); border-color:#ecd8ff; }
.l-warning { background:var(--amber-bg); color:var(--amber); }
.l-error { background:var(--red-bg); color:var(--red); }
.l-note { background:var(--grey-bg); color:var(--muted); }
table.grid { border-collapse:collapse; width:100%; margin:6px 0 12px; }
table.grid th, table.grid td { border-bottom:1px solid var(--line); padding:6px 8px; text-align:left; vertical-align:top; }
table.grid th { background:var(--panel); font-weight:600; font-size:13px; }
table.grid th.sortable { cursor:pointer; user-select:none; }
table.grid th.sortable::after { content:" \2195"; color:var(--muted); font-weight:400; }
table.grid th[aria-sort=ascending]::after { content:" \2191"; color:var(--fg); }
table.grid th[aria-sort=descending]::after { content:" \2193"; color:var(--fg); }
.filters { display:flex; gap:12px; align-items:center; flex-wrap:wrap; background:var(--panel);
  border:1px solid var(--line); border-radius:8px; padding:8px 12px; }
.filters input[type=search] { padding:4px 8px; border:1px solid var(--line); border-radius:6px; min-width:240px; }
.filters select { padding:3px 6px; border:1px solid var(--line); border-radius:6px; }
.muted { color:var(--muted); }
.arrays span.arr { display:inline-block; margin:0 10px 2px 0; }
section.loop { border:1px solid var(--line); border-radius:10px; padding:4px 16px 12px; margin:18px 0; }
section.loop > h2 { margin-top:12px; }
.finding { border-left:4px solid var(--c); background:#fcfcfd; padding:8px 12px; margin:10px 0; border-radius:0 8px 8px 0; }
.finding .head { display:flex; gap:8px; align-items:baseline; flex-wrap:wrap; }
.num { display:inline-block; min-width:20px; height:20px; border-radius:10px; background:var(--c); color:#fff;
  font-size:12px; font-weight:700; text-align:center; line-height:20px; padding:0 5px; }
.rule { color:var(--muted); font-size:12px; }
.witness { margin:6px 0; font-weight:600; }
.notes { margin:4px 0 0; padding-left:20px; }
.notes li { margin:2px 0; }
figure { margin:10px 0 4px; }
figure svg { max-width:100%; height:auto; border:1px solid var(--line); border-radius:8px; background:#fff; }
figcaption { color:var(--muted); font-size:12.5px; margin-top:4px; max-width:900px; }
table.src { border-collapse:collapse; width:100%; background:#fff; border:1px solid var(--line); border-radius:8px; }
table.src td { padding:0 8px; vertical-align:top; }
table.src td.ln { text-align:right; color:#8c959f; user-select:none; width:1%; border-right:1px solid var(--line); background:var(--panel); }
table.src td.ln a { color:inherit; }
table.src td.code { white-space:pre; font-family: ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size:12.5px; }
table.src tr:target td.code, table.src tr:target td.ln { background:#fff8c5; }
table.src tr.loopline td.ln { background:#ddf4ff; }
tr.bubbles td { padding:2px 8px 6px; }
.bubble { display:block; margin:3px 0; padding:4px 10px; border-radius:6px; border:1px solid var(--c);
  background:color-mix(in srgb, var(--c) 9%, white); font-size:13px; white-space:normal; max-width:980px;
  color:var(--fg); }
a.bubble:hover { text-decoration:none; filter:brightness(0.97); }
.keyword { color:#cf222e; }
.comment { color:#6e7781; font-style:italic; }
.directive { color:#8250df; }
.string_literal { color:#0a3069; }
.mk { background:color-mix(in srgb, var(--c) 16%, white); border-bottom:2px solid var(--c); border-radius:2px; }
.mk::after { font:700 10px/1 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color:#fff; background:var(--c);
  border-radius:6px; padding:1px 4px; margin-left:2px; vertical-align:super; }
.c0 { --c:#0969da; } .c1 { --c:#bc4c00; } .c2 { --c:#1a7f37; } .c3 { --c:#8250df; } .c4 { --c:#bf3989; } .c5 { --c:#57606a; }
dl.kv { display:grid; grid-template-columns:max-content 1fr; gap:2px 12px; margin:6px 0; }
dl.kv dt { color:var(--muted); } dl.kv dd { margin:0; }
pre.code { background:var(--panel); border:1px solid var(--line); border-radius:8px; padding:8px 12px; overflow:auto; }
.empty { padding:24px; text-align:center; color:var(--muted); }
)CSS";

/// A page: head with inline style and a Content-Security-Policy that forbids
/// any network access (and scripts, unless the page has its own).
std::string pageHead(const std::string &title, bool script, const std::string &extraStyle) {
  std::string csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src " +
                    std::string(script ? "'unsafe-inline'" : "'none'");
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n"
         "<title>" + htmlEscape(title) + "</title>\n<style>" + kStyle + extraStyle +
         "</style>\n</head>\n<body>\n";
}

std::string topBar(const std::string &title, const std::string &indexHref) {
  std::string out = "<header class=\"top\"><h1>";
  if (!indexHref.empty())
    out += "<a href=\"" + htmlEscape(indexHref) + "\">adjoint-lint report</a> &rsaquo; ";
  out += htmlEscape(title) + "</h1><span class=\"tool\">" + htmlEscape(toolName()) + " " +
         htmlEscape(toolVersion()) + "</span></header>\n<main>\n";
  return out;
}

std::string badge(const std::string &cls, const std::string &text, const std::string &title = "") {
  std::string out = "<span class=\"badge " + htmlEscape(cls) + "\"";
  if (!title.empty())
    out += " title=\"" + htmlEscape(title) + "\"";
  return out + ">" + htmlEscape(text) + "</span>";
}

std::string raceBadge(const PropertyResult &r) {
  std::string name = model::raceVerdictName(r.verdict);
  std::string by = model::toString(r.decidedBy);
  std::string title = r.verdict == Verdict::Unknown ? r.reason : (by.empty() ? "" : "decided by " + by);
  return badge("v-" + name, name == "race" ? "race" : name == "none" ? "no race" : name, title);
}

std::string propertyBadge(const PropertyResult &r) {
  std::string name = model::propertyVerdictName(r.verdict);
  std::string by = model::toString(r.decidedBy);
  std::string title = !r.reason.empty() ? r.reason : (by.empty() ? "" : "decided by " + by);
  return badge("v-" + name, name, title);
}

std::string strategyBadge(const std::optional<model::Strategy> &strategy) {
  if (!strategy)
    return "<span class=\"muted\">&ndash;</span>";
  std::string name = model::toString(*strategy);
  return badge("s-" + name, name);
}

/// Deterministic page name for a source file: the path relative to the
/// root, flattened to [A-Za-z0-9._-], plus 8 hex digits of its hash.
std::string pageNameFor(const std::string &display) {
  std::string flat;
  for (char c : display)
    flat += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-') ? c : '_';
  while (!flat.empty() && (flat.front() == '.' || flat.front() == '_'))
    flat.erase(flat.begin());
  if (flat.size() > 80)
    flat = flat.substr(flat.size() - 80);
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : display) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08llx", static_cast<unsigned long long>(h & 0xffffffffULL));
  return "files/" + (flat.empty() ? std::string("source") : flat) + "-" + buf + ".html";
}

std::string loopAnchor(const model::LoopModel &m) {
  return "loop-" + std::to_string(m.range.line) + "-" + std::to_string(m.range.column);
}

// ---------------------------------------------------------------------------
// The SVG picture of an access pattern

std::string svgText(double x, double y, const std::string &text, const std::string &attrs = "") {
  char buf[64];
  std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.1f\"", x, y);
  return std::string(buf) + (attrs.empty() ? "" : " " + attrs) + ">" + htmlEscape(text) + "</text>";
}

std::string fmt(const char *format, double a, double b, double c, double d) {
  char buf[160];
  std::snprintf(buf, sizeof buf, format, a, b, c, d);
  return buf;
}

std::string patternSvg(const AccessPattern &p, PatternMode mode, const std::string &id) {
  size_t longestColumn = 4, longestRow = 4;
  for (const std::string &l : p.columnLabels)
    longestColumn = std::max(longestColumn, l.size());
  for (const std::string &l : p.rowLabels)
    longestRow = std::max(longestRow, l.size());
  const double cw = std::max(36.0, 7.2 * static_cast<double>(longestColumn) + 10);
  const double ch = 30;
  const double left = 7.2 * static_cast<double>(longestRow) + 24;
  const double top = 40;
  // At least as wide as the legend.
  const std::string conflictText = mode == PatternMode::ForwardRace
                                       ? "conflict (two iterations, one writes)"
                                       : "conflict (two iterations read: adjoint increments race)";
  const double legendWidth = 158 + 7.3 * static_cast<double>(conflictText.size()) + 12;
  const double width = std::max(legendWidth, left + cw * static_cast<double>(p.columns.size()) + 16);
  const double gridBottom = top + ch * static_cast<double>(p.rows.size());
  const double height = gridBottom + 58;
  std::string s = fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pattern\" width=\"%.0f\" height=\"%.0f\" "
                      "viewBox=\"0 0 %.0f %.0f\" role=\"img\"",
                      width, height, width, height);
  s += " aria-labelledby=\"" + id + "-t\" font-family=\"ui-monospace, DejaVu Sans Mono, monospace\" font-size=\"12\">";
  s += "<title id=\"" + id + "-t\">Access pattern of " + htmlEscape(p.variable) +
       ": iterations (rows) against elements (columns)</title>";
  // Column headers and conflict column shading.
  std::set<size_t> conflictColumns;
  for (const PatternTouch &t : p.touches)
    if (t.conflict)
      conflictColumns.insert(t.column);
  for (size_t c = 0; c < p.columns.size(); ++c) {
    double x = left + cw * static_cast<double>(c);
    if (conflictColumns.count(c))
      s += fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#ffebe9\"/>", x, top - 22,
               cw, gridBottom - top + 22);
    s += svgText(x + cw / 2, top - 8, p.columnLabels[c],
                 std::string("text-anchor=\"middle\"") + (conflictColumns.count(c) ? " fill=\"#cf222e\" font-weight=\"700\"" : " fill=\"#59636e\""));
  }
  s += svgText(4, 14, "iteration", "fill=\"#59636e\" font-size=\"11\"");
  // Rows: labels and grid.
  for (size_t r = 0; r < p.rows.size(); ++r) {
    double y = top + ch * static_cast<double>(r);
    bool witnessRow = p.witnessShown && (r == p.witnessRows[0] || r == p.witnessRows[1]);
    s += svgText(left - 10, y + ch / 2 + 4, p.rowLabels[r],
                 std::string("text-anchor=\"end\"") + (witnessRow ? " font-weight=\"700\" fill=\"#1f2328\"" : " fill=\"#59636e\""));
    for (size_t c = 0; c < p.columns.size(); ++c)
      s += fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#d1d9e0\"/>",
               left + cw * static_cast<double>(c), y, cw, ch);
  }
  // The witness: a dashed red line joining its two accesses.
  if (p.witnessShown) {
    double x = left + cw * (static_cast<double>(p.witnessColumn) + 0.5);
    double y0 = top + ch * (static_cast<double>(p.witnessRows[0]) + 0.5);
    double y1 = top + ch * (static_cast<double>(p.witnessRows[1]) + 0.5);
    s += fmt("<line class=\"witness-link\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#cf222e\" "
             "stroke-width=\"2\" stroke-dasharray=\"4 3\"/>",
             x, y0, x, y1);
  }
  // Touches: reads as circles, writes as squares; conflicts in red.
  for (const PatternTouch &t : p.touches) {
    double cx = left + cw * (static_cast<double>(t.column) + 0.5);
    double cy = top + ch * (static_cast<double>(t.row) + 0.5);
    std::string colour = t.conflict ? "#cf222e" : t.synchronised ? "#8c959f" : "#0969da";
    std::string wcolour = t.conflict ? "#cf222e" : t.synchronised ? "#8c959f" : "#bc4c00";
    std::string cls = std::string(t.conflict ? "touch conflict" : "touch") + (t.witness ? " witness" : "");
    double dx = t.read && t.write ? 7 : 0;
    if (t.read)
      s += "<circle class=\"" + cls + " read\"" +
           fmt(" cx=\"%.1f\" cy=\"%.1f\" r=\"%.0f\"", cx - dx, cy, t.witness ? 7 : 6, 0) + " fill=\"" +
           (t.witness ? colour : "#fff") + "\" stroke=\"" + colour + "\" stroke-width=\"2\"/>";
    if (t.write)
      s += "<rect class=\"" + cls + " write\"" +
           fmt(" x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\"", cx + dx - 6, cy - 6, 12, 12) + " fill=\"" +
           wcolour + "\" stroke=\"" + wcolour + "\" stroke-width=\"2\"" +
           (t.witness ? " stroke-opacity=\"1\"" : "") + "/>";
  }
  // Legend.
  double ly = gridBottom + 22;
  s += fmt("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"#fff\" stroke=\"#0969da\" stroke-width=\"2\"/>", 12, ly - 4, 0, 0);
  s += svgText(24, ly, "read");
  s += fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"#bc4c00\"/>", 70, ly - 10, 0, 0);
  s += svgText(88, ly, "write");
  s += fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"#ffebe9\" stroke=\"#cf222e\"/>", 140, ly - 10, 0, 0);
  s += svgText(158, ly, conflictText, "fill=\"#cf222e\"");
  s += fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#cf222e\" stroke-width=\"2\" "
           "stroke-dasharray=\"4 3\"/>",
           12, ly + 18, 40, ly + 18);
  s += svgText(48, ly + 22, "the witness");
  s += "</svg>";
  return s;
}

// ---------------------------------------------------------------------------
// Findings on pages

struct Context {
  const HtmlReportInput &in;
  std::string displayOf(const std::string &file) const {
    if (std::optional<std::string> rel = relativeToSrcRoot(file, in.srcRoot))
      return *rel;
    return file.empty() ? std::string("(no file)") : absolutePath(file);
  }
  const AnalysedLoop *loopOf(const Finding &f) const {
    for (const AnalysedLoop &l : in.loops)
      if (l.loop.id == f.loopId && !f.loopId.empty())
        return &l;
    return nullptr;
  }
};

/// "iterations i=1 and i=2 both read x[2]", "iteration i=1 writes x[2]
/// ('x[i + 1]') and iteration i=2 reads it ('x[i]')".
std::string witnessSentence(const Finding &f) {
  if (f.witness.size() != 2)
    return "";
  const WitnessStep &a = f.witness[0], &b = f.witness[1];
  auto quoted = [](const WitnessStep &s) { return s.access.empty() || s.access == s.element ? std::string() : " ('" + s.access + "')"; };
  if (a.write == b.write)
    return "Iterations " + a.iteration + " and " + b.iteration + " both " + (a.write ? "write " : "read ") +
           a.element + ".";
  return "Iteration " + a.iteration + (a.write ? " writes " : " reads ") + a.element + quoted(a) +
         " and iteration " + b.iteration + (b.write ? " writes" : " reads") + " it" + quoted(b) + ".";
}

/// The verdict a finding's witness comes from.
const PropertyResult *witnessResult(const AnalysedLoop &l, const Finding &f, PatternMode &mode) {
  for (const VariableVerdicts &vv : l.verdicts.variables) {
    if (vv.name != f.variable)
      continue;
    if (f.rule == kRuleForwardRace && vv.forwardRace.witness) {
      mode = PatternMode::ForwardRace;
      return &vv.forwardRace;
    }
    if (f.rule == kRuleSharedAdjoint && vv.exclusiveRead.witness) {
      mode = PatternMode::ExclusiveRead;
      return &vv.exclusiveRead;
    }
  }
  if (f.rule == kRuleForwardRace && l.verdicts.forwardRace.witness) {
    mode = PatternMode::ForwardRace;
    return &l.verdicts.forwardRace;
  }
  return nullptr;
}

std::string paramsText(const std::map<std::string, int64_t> &params) {
  std::string out;
  for (const auto &[name, v] : params)
    out += (out.empty() ? "" : ", ") + name + "=" + std::to_string(v);
  return out;
}

std::string figureFor(const AnalysedLoop &l, const Finding &f, const std::string &id) {
  PatternMode mode = PatternMode::ForwardRace;
  const PropertyResult *r = witnessResult(l, f, mode);
  if (!r || !r->witness)
    return "";
  int var = l.loop.findVariable(f.variable);
  if (var < 0) {
    // The loop-level race: the variable of the witness's first access.
    int a = r->witness->firstAccess;
    if (a >= 0 && a < static_cast<int>(l.loop.accesses.size()))
      var = l.loop.accesses[static_cast<size_t>(a)].variable;
  }
  std::optional<AccessPattern> p = accessPattern(l.loop, var, *r->witness, mode);
  if (!p)
    return "";
  std::string caption = "Iterations of the parallel loop (rows) against the elements of " + p->variable +
                        " they touch (columns)";
  if (!p->parameters.empty())
    caption += ", for " + paramsText(p->parameters);
  caption += ". ";
  caption += mode == PatternMode::ForwardRace
                 ? "Red cells are touched by two iterations, at least one of them writing: a data race."
                 : "Every read becomes an increment of the adjoint in the reverse loop; red cells are read by two "
                   "iterations, so their adjoint increments race.";
  if (p->truncated)
    caption += " Only a window around the witness is shown.";
  if (p->partial)
    caption += " Some accesses could not be evaluated for these values and are not shown.";
  return "<figure>" + patternSvg(*p, mode, id) + "<figcaption>" + htmlEscape(caption) + "</figcaption></figure>\n";
}

std::string lineLink(const Location &loc) {
  if (!loc.line)
    return "";
  return "<a class=\"loc\" href=\"#L" + std::to_string(loc.line) + "\">line " + std::to_string(loc.line) + "</a>";
}

struct NumberedFinding {
  const Finding *f;
  unsigned number; ///< 1-based on its page
};

std::string findingCard(const Context &ctx, const NumberedFinding &nf) {
  const Finding &f = *nf.f;
  const std::string colour = "c" + std::to_string((nf.number - 1) % 6);
  std::string s = "<div class=\"finding " + colour + "\" id=\"finding-" + std::to_string(nf.number) +
                  "\" data-rule=\"" + htmlEscape(f.rule) + "\">\n<div class=\"head\"><span class=\"num\">" +
                  std::to_string(nf.number) + "</span>" + badge(std::string("l-") + levelName(f.level), levelName(f.level)) +
                  " <span class=\"msg\">" + htmlEscape(f.message) + "</span>";
  if (!f.rule.empty())
    s += " <span class=\"rule\">[" + htmlEscape(f.rule) + "]</span>";
  s += " " + lineLink(f.loc) + "</div>\n";
  if (std::string w = witnessSentence(f); !w.empty())
    s += "<p class=\"witness\">" + htmlEscape(w) + "</p>\n";
  if (!f.notes.empty()) {
    s += "<ol class=\"notes\">";
    for (const Note &n : f.notes) {
      s += "<li>" + htmlEscape(n.message);
      if (n.loc.line)
        s += " <span class=\"muted\">(" + lineLink(n.loc) + ")</span>";
      s += "</li>";
    }
    s += "</ol>\n";
  }
  if (const AnalysedLoop *l = ctx.loopOf(f))
    s += figureFor(*l, f, "fig-" + std::to_string(nf.number));
  return s + "</div>\n";
}

std::string arraysTable(const AnalysedLoop &l) {
  std::string s = "<table class=\"grid arrays-table\"><thead><tr><th>Variable</th><th>Forward race</th>"
                  "<th>Exclusive read</th><th>Symmetric update</th><th>Reflexive</th>"
                  "<th>Adjoint strategy</th></tr></thead><tbody>\n";
  for (const VariableVerdicts &vv : l.verdicts.variables) {
    s += "<tr><td><code>" + htmlEscape(vv.name) + "</code>";
    if (vv.active)
      s += " <span class=\"muted\" title=\"floating-point data the adjoint carries\">active</span>";
    s += "</td><td>" + raceBadge(vv.forwardRace) + "</td>";
    if (vv.active && vv.array) {
      s += "<td>" + propertyBadge(vv.exclusiveRead) + "</td><td>" + propertyBadge(vv.symmetricUpdate) + "</td><td>" +
           propertyBadge(vv.reflexive) + "</td><td>" + strategyBadge(vv.strategy);
      if (vv.strategyReason)
        s += "<div class=\"muted\">" + htmlEscape(strategyReasonText(vv)) + "</div>";
      s += "</td>";
    } else {
      s += "<td colspan=\"4\" class=\"muted\">" +
           std::string(vv.array ? "not active (no floating-point data): no adjoint" : "scalar") + "</td>";
    }
    s += "</tr>\n";
  }
  return s + "</tbody></table>\n";
}

// ---------------------------------------------------------------------------
// Pages

struct FilePage {
  std::string file;    ///< as the findings and models name it
  std::string display; ///< relative to the root
  std::string path;    ///< page path in the report
  std::vector<const AnalysedLoop *> loops;
  std::vector<NumberedFinding> findings;
};

std::string sourceListing(const FilePage &page, const SourceHighlighter &highlight) {
  // Marks: each finding's accesses (its location, the witness's accesses and
  // notes with a range), in the finding's colour, numbered.
  std::map<std::tuple<unsigned, unsigned, unsigned, unsigned>, std::vector<unsigned>> marked;
  auto mark = [&](const Location &loc, unsigned number) {
    if (loc.file != page.file || !loc.line || !loc.column || !loc.endLine)
      return;
    auto &numbers = marked[{loc.line, loc.column, loc.endLine, loc.endColumn}];
    if (std::find(numbers.begin(), numbers.end(), number) == numbers.end())
      numbers.push_back(number);
  };
  for (const NumberedFinding &nf : page.findings) {
    if (nf.f->loc.endLine && !(nf.f->loc.line == nf.f->loc.endLine && nf.f->loc.endColumn > nf.f->loc.column + 60))
      mark(nf.f->loc, nf.number);
    for (const WitnessStep &st : nf.f->witness)
      mark(st.loc, nf.number);
    for (const Note &n : nf.f->notes)
      mark(n.loc, nf.number);
  }
  std::vector<SourceMark> marks;
  std::string extraCss;
  std::set<std::string> labelled;
  for (const auto &[range, numbers] : marked) {
    // Ranges that partly overlap an earlier mark would not nest: skip them.
    bool overlaps = false;
    for (const SourceMark &m : marks) {
      auto before = [](unsigned l1, unsigned c1, unsigned l2, unsigned c2) { return l1 < l2 || (l1 == l2 && c1 < c2); };
      auto [l, c, el, ec] = range;
      bool startsInside = !before(l, c, m.line, m.column) && !before(m.endLine, m.endColumn, l, c);
      bool endsInside = !before(el, ec, m.line, m.column) && !before(m.endLine, m.endColumn, el, ec);
      if (startsInside != endsInside)
        overlaps = true;
    }
    if (overlaps)
      continue;
    std::string label;
    for (unsigned n : numbers)
      label += (label.empty() ? "" : "_") + std::to_string(n);
    SourceMark m;
    std::tie(m.line, m.column, m.endLine, m.endColumn) = range;
    m.cssClass = "mk c" + std::to_string((numbers.front() - 1) % 6) + " f" + label;
    marks.push_back(m);
    if (labelled.insert(label).second) {
      std::string text = label;
      std::replace(text.begin(), text.end(), '_', ',');
      extraCss += ".mk.f" + label + "::after{content:\"" + text + "\";}";
    }
  }
  std::string error;
  std::optional<std::vector<std::string>> lines = highlight(page.file, marks, error);
  if (!lines)
    lines = plainSourceLines(page.file, marks, error);
  if (!lines)
    return "<p class=\"empty\">The source of " + htmlEscape(page.display) + " is not available: " +
           htmlEscape(error) + "</p>\n";
  // The note bubbles under the lines they concern.
  std::map<unsigned, std::vector<std::string>> bubbles;
  for (const NumberedFinding &nf : page.findings) {
    const std::string colour = "c" + std::to_string((nf.number - 1) % 6);
    if (nf.f->loc.file == page.file && nf.f->loc.line)
      bubbles[nf.f->loc.line].push_back("<a class=\"bubble " + colour + "\" href=\"#finding-" +
                                        std::to_string(nf.number) + "\"><span class=\"num\">" +
                                        std::to_string(nf.number) + "</span> " + badge(std::string("l-") + levelName(nf.f->level), levelName(nf.f->level)) + " " +
                                        htmlEscape(nf.f->message) + "</a>");
    for (const Note &n : nf.f->notes)
      if (n.loc.file == page.file && n.loc.line && n.loc.endLine && n.loc.line != nf.f->loc.line)
        bubbles[n.loc.line].push_back("<a class=\"bubble " + colour + "\" href=\"#finding-" +
                                      std::to_string(nf.number) + "\"><span class=\"num\">" +
                                      std::to_string(nf.number) + "</span> " + badge("l-note", "note") + " " +
                                      htmlEscape(n.message) + "</a>");
  }
  std::set<unsigned> loopLines;
  for (const AnalysedLoop *l : page.loops)
    loopLines.insert(l->loop.range.line);
  std::string s = "<style>" + extraCss + "</style>\n<table class=\"src\"><tbody>\n";
  for (size_t k = 0; k < lines->size(); ++k) {
    const unsigned line = static_cast<unsigned>(k + 1);
    const std::string n = std::to_string(line);
    s += "<tr id=\"L" + n + "\"" + (loopLines.count(line) ? " class=\"loopline\"" : "") + "><td class=\"ln\"><a href=\"#L" +
         n + "\">" + n + "</a></td><td class=\"code\">" + (*lines)[k] + "</td></tr>\n";
    if (auto it = bubbles.find(line); it != bubbles.end()) {
      s += "<tr class=\"bubbles\"><td class=\"ln\"></td><td>";
      for (const std::string &b : it->second)
        s += b;
      s += "</td></tr>\n";
    }
  }
  return s + "</tbody></table>\n";
}

std::string filePageHtml(const Context &ctx, const FilePage &page, const SourceHighlighter &highlight) {
  std::string s = pageHead(page.display + " - adjoint-lint", false, "") + topBar(page.display, "../index.html");
  unsigned warnings = 0, notes = 0;
  for (const NumberedFinding &nf : page.findings)
    (nf.f->level == Level::Note ? notes : warnings)++;
  s += "<div class=\"summary\"><div class=\"stat\"><b>" + std::to_string(page.loops.size()) +
       "</b>parallel loops</div><div class=\"stat\"><b>" + std::to_string(warnings) +
       "</b>warnings and errors</div><div class=\"stat\"><b>" + std::to_string(notes) + "</b>notes</div></div>\n";
  std::set<const Finding *> shown;
  for (const AnalysedLoop *l : page.loops) {
    const model::LoopModel &m = l->loop;
    s += "<section class=\"loop\" id=\"" + loopAnchor(m) + "\">\n<h2>Loop at <a href=\"#L" +
         std::to_string(m.range.line) + "\">line " + std::to_string(m.range.line) + "</a>";
    if (!m.function.empty())
      s += " in <code>" + htmlEscape(m.function) + "()</code>";
    s += " " + raceBadge(l->verdicts.forwardRace) + "</h2>\n<dl class=\"kv\"><dt>directive</dt><dd><code>#pragma omp " +
         htmlEscape(m.directive) + "</code></dd><dt>iterators</dt><dd><code>";
    for (size_t k = 0; k < m.iterators.size(); ++k)
      s += (k ? ", " : "") + htmlEscape(m.iterators[k].iterator);
    s += "</code></dd>";
    if (l->verdicts.forwardRace.verdict == Verdict::Unknown && !l->verdicts.forwardRace.reason.empty())
      s += "<dt>why unknown</dt><dd>" + htmlEscape(l->verdicts.forwardRace.reason) + "</dd>";
    s += "</dl>\n";
    s += "<h3>Variables and adjoint strategies</h3>\n" + arraysTable(*l);
    std::vector<NumberedFinding> mine;
    for (const NumberedFinding &nf : page.findings)
      if (nf.f->loopId == m.id) {
        mine.push_back(nf);
        shown.insert(nf.f);
      }
    s += "<h3>Findings</h3>\n";
    if (mine.empty())
      s += "<p class=\"muted\">None: the forward loop is race-free and its adjoint can run in parallel as it is.</p>\n";
    for (const NumberedFinding &nf : mine)
      s += findingCard(ctx, nf);
    std::vector<std::string> assumptions = m.assumptions;
    for (const model::Assumption &a : l->verdicts.assumptions)
      if (std::find(assumptions.begin(), assumptions.end(), a.text) == assumptions.end())
        assumptions.push_back(a.text);
    if (!assumptions.empty()) {
      s += "<h3>Assumptions</h3><ul>";
      for (const std::string &a : assumptions)
        s += "<li>" + htmlEscape(a) + "</li>";
      s += "</ul>\n";
    }
    // The generated adjoint code, where the driver passes it in
    // HtmlReportInput::adjointCode (no driver does yet).
    if (ctx.in.adjointCode)
      if (auto it = ctx.in.adjointCode->find(m.id); it != ctx.in.adjointCode->end())
        s += "<h3>Adjoint code</h3><pre class=\"code\">" + htmlEscape(it->second) + "</pre>\n";
    s += "</section>\n";
  }
  // Findings of this file outside any loop (input problems).
  bool header = false;
  for (const NumberedFinding &nf : page.findings) {
    if (shown.count(nf.f))
      continue;
    if (!header)
      s += "<h2>Other findings</h2>\n";
    header = true;
    s += findingCard(ctx, nf);
  }
  s += "<h2>Source</h2>\n" + sourceListing(page, highlight);
  return s + "</main>\n</body>\n</html>\n";
}

const char kIndexScript[] = R"JS(
(function () {
  var table = document.getElementById('loops');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = document.getElementById('filter-text');
  var verdict = document.getElementById('filter-verdict');
  var withFindings = document.getElementById('filter-findings');
  var count = document.getElementById('shown-count');
  function apply() {
    var q = search.value.toLowerCase(), v = verdict.value, f = withFindings.checked, n = 0;
    rows.forEach(function (r) {
      var ok = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) &&
               (!v || r.getAttribute('data-race') === v || (r.getAttribute('data-verdicts') || '').split(' ').indexOf(v) >= 0) &&
               (!f || Number(r.getAttribute('data-findings')) > 0);
      r.hidden = !ok;
      if (ok) n++;
    });
    count.textContent = String(n);
  }
  [search, verdict, withFindings].forEach(function (e) { e.addEventListener('input', apply); e.addEventListener('change', apply); });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    if (!th.classList.contains('sortable')) return;
    th.tabIndex = 0;
    function sort() {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var numeric = th.getAttribute('data-type') === 'number';
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute('data-sort') || a.cells[col].textContent;
        var y = b.cells[col].getAttribute('data-sort') || b.cells[col].textContent;
        var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        if (c === 0) c = Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order'));
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
  });
  apply();
})();
)JS";

std::string indexHtml(const Context &ctx, const std::vector<FilePage> &pages) {
  std::string s = pageHead("adjoint-lint report", true, "") + topBar("adjoint-lint report", "");
  unsigned races = 0, unknowns = 0, clean = 0, warnings = 0, notes = 0, errors = 0;
  for (const AnalysedLoop &l : ctx.in.loops) {
    Verdict v = l.verdicts.forwardRace.verdict;
    races += v == Verdict::Violated;
    unknowns += v == Verdict::Unknown;
    clean += v == Verdict::Holds;
  }
  for (const Finding &f : ctx.in.findings) {
    warnings += f.level == Level::Warning;
    notes += f.level == Level::Note;
    errors += f.level == Level::Error;
  }
  auto stat = [](unsigned n, const std::string &what) {
    return "<div class=\"stat\"><b>" + std::to_string(n) + "</b>" + htmlEscape(what) + "</div>";
  };
  s += "<div class=\"summary\">" + stat(static_cast<unsigned>(ctx.in.loops.size()), "parallel loops") +
       stat(races, "with a data race") + stat(unknowns, "undecided") + stat(clean, "race-free") +
       stat(warnings, "warnings") + stat(notes, "notes") + (errors ? stat(errors, "errors") : "") + "</div>\n";
  // Input problems first: they mean the report is incomplete.
  std::string problems;
  for (const Finding &f : ctx.in.findings)
    if (f.level == Level::Error || !isAdjointLintRule(f.rule)) {
      std::string where = f.loc.file.empty() ? std::string() : ctx.displayOf(f.loc.file);
      if (f.loc.line)
        where += ":" + std::to_string(f.loc.line);
      problems += "<li>" + badge(std::string("l-") + levelName(f.level), levelName(f.level)) + " <code>" +
                  htmlEscape(where) + "</code> " + htmlEscape(f.message) + "</li>";
    }
  if (!problems.empty())
    s += "<h2>Problems</h2><ul class=\"problems\">" + problems + "</ul>\n";
  s += "<h2>Loops</h2>\n";
  if (ctx.in.loops.empty()) {
    s += "<p class=\"empty\">No OpenMP parallel loop was analysed.</p>\n";
  } else {
    s += "<div class=\"filters\"><label>Filter <input type=\"search\" id=\"filter-text\" "
         "placeholder=\"file, function, variable...\"></label>"
         "<label>Verdict <select id=\"filter-verdict\"><option value=\"\">any</option>"
         "<option value=\"race\">data race</option><option value=\"unknown\">unknown</option>"
         "<option value=\"none\">no race</option><option value=\"violated\">exclusive read violated</option>"
         "<option value=\"gather\">gather adjoint</option><option value=\"reduction\">reduction adjoint</option>"
         "<option value=\"atomic\">atomic adjoint</option><option value=\"serial\">serial adjoint</option></select></label>"
         "<label><input type=\"checkbox\" id=\"filter-findings\"> only loops with findings</label>"
         "<span class=\"muted\"><span id=\"shown-count\">" + std::to_string(ctx.in.loops.size()) + "</span> of " +
         std::to_string(ctx.in.loops.size()) + " shown</span></div>\n";
    s += "<table class=\"grid\" id=\"loops\"><thead><tr><th class=\"sortable\">File</th>"
         "<th class=\"sortable\" data-type=\"number\">Line</th><th class=\"sortable\">Function</th>"
         "<th class=\"sortable\">Forward race</th><th>Variables: exclusive read, adjoint strategy</th>"
         "<th class=\"sortable\" data-type=\"number\">Findings</th></tr></thead><tbody>\n";
    // Loops in file, line order.
    std::vector<std::pair<const FilePage *, const AnalysedLoop *>> rows;
    for (const FilePage &p : pages)
      for (const AnalysedLoop *l : p.loops)
        rows.emplace_back(&p, l);
    unsigned order = 0;
    for (const auto &[page, l] : rows) {
      const model::LoopModel &m = l->loop;
      unsigned count = 0;
      for (const Finding &f : ctx.in.findings)
        count += f.loopId == m.id && !m.id.empty();
      std::string race = model::raceVerdictName(l->verdicts.forwardRace.verdict);
      std::set<std::string> verdicts;
      std::string arrays;
      for (const VariableVerdicts &vv : l->verdicts.variables) {
        if (vv.forwardRace.verdict == Verdict::Violated)
          verdicts.insert("race");
        if (vv.forwardRace.verdict == Verdict::Unknown)
          verdicts.insert("unknown");
        if (!vv.active || !vv.array)
          continue;
        std::string er = model::propertyVerdictName(vv.exclusiveRead.verdict);
        verdicts.insert(er);
        if (vv.strategy)
          verdicts.insert(model::toString(*vv.strategy));
        arrays += "<span class=\"arr\"><code>" + htmlEscape(vv.name) + "</code> " + propertyBadge(vv.exclusiveRead) +
                  " " + strategyBadge(vv.strategy) + "</span>";
      }
      std::string verdictList;
      for (const std::string &v : verdicts)
        verdictList += (verdictList.empty() ? "" : " ") + v;
      const std::string href = page->path + "#" + loopAnchor(m);
      s += "<tr data-order=\"" + std::to_string(order++) + "\" data-race=\"" + htmlEscape(race) +
           "\" data-verdicts=\"" + htmlEscape(verdictList) + "\" data-findings=\"" + std::to_string(count) +
           "\"><td><a href=\"" + htmlEscape(href) + "\">" + htmlEscape(page->display) + "</a></td><td data-sort=\"" +
           std::to_string(m.range.line) + "\"><a href=\"" + htmlEscape(href) + "\">" + std::to_string(m.range.line) +
           "</a></td><td><code>" + htmlEscape(m.function) + "</code></td><td data-sort=\"" + htmlEscape(race) + "\">" +
           raceBadge(l->verdicts.forwardRace) + "</td><td class=\"arrays\">" +
           (arrays.empty() ? "<span class=\"muted\">no active arrays</span>" : arrays) + "</td><td data-sort=\"" +
           std::to_string(count) + "\">" + std::to_string(count) + "</td></tr>\n";
    }
    s += "</tbody></table>\n";
  }
  if (!pages.empty()) {
    s += "<h2>Files</h2><ul>";
    for (const FilePage &p : pages)
      s += "<li><a href=\"" + htmlEscape(p.path) + "\">" + htmlEscape(p.display) + "</a> <span class=\"muted\">(" +
           std::to_string(p.loops.size()) + " loops, " + std::to_string(p.findings.size()) + " findings)</span></li>";
    s += "</ul>\n";
  }
  s += "<script>" + std::string(kIndexScript) + "</script>\n";
  return s + "</main>\n</body>\n</html>\n";
}

} // namespace

std::vector<HtmlPage> buildHtmlReport(const HtmlReportInput &input, const SourceHighlighter &highlight) {
  Context ctx{input};
  // One page per file that holds a loop or a finding.
  std::map<std::string, FilePage> byFile;
  auto pageOf = [&](const std::string &file) -> FilePage & {
    FilePage &p = byFile[file];
    if (p.file.empty()) {
      p.file = file;
      p.display = ctx.displayOf(file);
      p.path = pageNameFor(p.display);
    }
    return p;
  };
  for (const AnalysedLoop &l : input.loops)
    if (!l.loop.range.file.empty())
      pageOf(l.loop.range.file).loops.push_back(&l);
  for (const Finding &f : input.findings)
    if (!f.loc.file.empty() && isAdjointLintRule(f.rule))
      pageOf(f.loc.file).findings.push_back({&f, 0});
  std::vector<FilePage> pages;
  for (auto &[file, p] : byFile) {
    std::stable_sort(p.loops.begin(), p.loops.end(), [](const AnalysedLoop *a, const AnalysedLoop *b) {
      return std::tie(a->loop.range.line, a->loop.range.column) < std::tie(b->loop.range.line, b->loop.range.column);
    });
    unsigned n = 0;
    for (NumberedFinding &nf : p.findings)
      nf.number = ++n;
    pages.push_back(std::move(p));
  }
  std::sort(pages.begin(), pages.end(), [](const FilePage &a, const FilePage &b) { return a.display < b.display; });
  std::vector<HtmlPage> out;
  out.push_back({"index.html", indexHtml(ctx, pages)});
  for (const FilePage &p : pages)
    out.push_back({p.path, filePageHtml(ctx, p, highlight)});
  return out;
}

bool writeHtmlReport(const std::string &dir, const HtmlReportInput &input, const SourceHighlighter &highlight,
                     std::string &error) {
  std::vector<HtmlPage> pages = buildHtmlReport(input, highlight);
  if (!support::makeDirectories(dir + "/files", error))
    return false;
  // The file pages first and index.html last, so that the index never
  // links to a page that is not there yet.
  for (size_t k = pages.size(); k-- > 0;)
    if (!support::writeFileAtomically(dir + "/" + pages[k].path, pages[k].html, error))
      return false;
  return true;
}

} // namespace adjoint_lint::reports
