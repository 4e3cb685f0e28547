#include "live/wall_screen.hpp"

namespace hotlive::live {

const std::string_view wall_screen_html = R"html(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>hotlive live view</title>
<link rel="stylesheet" href="/wall.css">
<script src="/wall.js" defer></script>
</head>
<body>
<header>
  <h1 id="title">hotlive</h1>
  <span id="run-state" class="run-state">connecting…</span>
  <span class="spacer"></span>
  <button id="theme" type="button">Dark</button>
</header>
<section id="totals" aria-live="polite">
  <div class="tile t-succeeded"><span class="sym">✓</span><span class="num" id="n-succeeded">0</span><span class="lbl">warm</span></div>
  <div class="tile t-failed"><span class="sym">✗</span><span class="num" id="n-failed">0</span><span class="lbl">failed</span></div>
  <div class="tile t-skipped"><span class="sym">↷</span><span class="num" id="n-skipped">0</span><span class="lbl">skipped</span></div>
  <div class="tile t-not_started"><span class="sym">○</span><span class="num" id="n-not_started">0</span><span class="lbl">not started</span></div>
  <div class="tile t-cancelled"><span class="sym">⊘</span><span class="num" id="n-cancelled">0</span><span class="lbl">cancelled</span></div>
  <div class="tile t-sending"><span class="sym">…</span><span class="num" id="n-sending">0</span><span class="lbl">sending</span></div>
  <div class="tile t-pending"><span class="sym">·</span><span class="num" id="n-pending">0</span><span class="lbl">pending</span></div>
  <div class="tile"><span class="num" id="n-planned">0</span><span class="lbl">calls</span></div>
  <div class="tile"><span class="num" id="rate">–</span><span class="lbl" id="rate-label">calls/s</span></div>
  <div class="tile"><span class="num" id="eta">–</span><span class="lbl">ETA</span></div>
  <div class="tile" id="wave-tile"><span class="num" id="wave-in">–</span><span class="lbl" id="wave-name">next wave</span></div>
</section>
<section id="failures" hidden>
  <h2>Not warm, by cause</h2>
  <ol id="causes"></ol>
</section>
<div id="legend"></div>
<div id="view"><div id="scroller" tabindex="0"><div id="spacer"></div></div><canvas id="grid"></canvas></div>
<footer id="where"></footer>
</body>
</html>
)html";

const std::string_view wall_screen_style =
    R"css(:root { color-scheme: light; --bg: #ffffff; --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --tile: #f6f8fa; }
body.dark { color-scheme: dark; --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #30363d; --tile: #161b22; }
html, body { margin: 0; height: 100%; }
body { background: var(--bg); color: var(--fg); font: 20px/1.3 "DejaVu Sans", system-ui, sans-serif;
       display: flex; flex-direction: column; }
header { display: flex; align-items: baseline; gap: 1em; padding: 0.4em 0.8em; }
h1 { font-size: 1.8em; margin: 0; }
h2 { font-size: 1.1em; margin: 0 0 0.3em; }
.run-state { font-size: 1.3em; color: var(--muted); }
.spacer { flex: 1; }
button { font: inherit; background: var(--tile); color: var(--fg); border: 1px solid var(--line); border-radius: 6px; padding: 0.2em 0.8em; }
#totals { display: flex; flex-wrap: wrap; gap: 0.5em; padding: 0 0.8em 0.4em; }
.tile { background: var(--tile); border: 1px solid var(--line); border-radius: 8px; padding: 0.2em 0.7em; min-width: 5.5em; }
.tile .sym { font-size: 1.6em; margin-right: 0.2em; }
.tile .num { font-size: 2.2em; font-weight: bold; font-variant-numeric: tabular-nums; }
.tile .lbl { display: block; color: var(--muted); font-size: 0.9em; }
.t-succeeded .sym, .t-succeeded .num { color: #1a7f37; }
.t-failed .sym, .t-failed .num { color: #cf222e; }
.t-skipped .sym, .t-skipped .num { color: #8250df; }
.t-not_started .sym, .t-not_started .num { color: #6e7781; }
.t-cancelled .sym, .t-cancelled .num { color: #bf8700; }
.t-sending .sym, .t-sending .num { color: #0969da; }
body.dark .t-succeeded .sym, body.dark .t-succeeded .num { color: #3fb950; }
body.dark .t-failed .sym, body.dark .t-failed .num { color: #f85149; }
body.dark .t-sending .sym, body.dark .t-sending .num { color: #58a6ff; }
body.dark .t-skipped .sym, body.dark .t-skipped .num { color: #a371f7; }
#failures { padding: 0 0.8em 0.4em; }
#causes { margin: 0; padding-left: 1.5em; max-height: 6.5em; overflow: auto; }
#causes .count { font-weight: bold; color: #cf222e; }
body.dark #causes .count { color: #f85149; }
#causes .keys { color: var(--muted); font-size: 0.8em; }
#legend { display: flex; flex-wrap: wrap; gap: 1em; padding: 0 0.8em 0.3em; color: var(--muted); font-size: 0.9em; }
#legend .swatch { display: inline-block; min-width: 1.3em; text-align: center; color: #fff; border-radius: 3px; margin-right: 0.3em; }
#view { flex: 1; position: relative; border-top: 1px solid var(--line); min-height: 10em; }
#scroller { position: absolute; left: 0; top: 0; right: 0; bottom: 0; overflow: auto; }
#spacer { width: 1px; height: 1px; }
#grid { position: absolute; left: 0; top: 0; display: block; pointer-events: none; }
footer { color: var(--muted); font-size: 0.8em; padding: 0.2em 0.8em; }
)css";

const std::string_view wall_screen_script = R"js("use strict";
(function () {
  // Indexed by the cell's state in /status.json (its digit): the HTML report's colours and symbols.
  const STATES = [
    { name: "pending", label: "pending", symbol: "\u00b7", colour: "#d0d7de", dark: "#30363d", ink: "#57606a" },
    { name: "sending", label: "sending", symbol: "\u2026", colour: "#0969da", dark: "#1f6feb", ink: "#ffffff" },
    { name: "succeeded", label: "warm", symbol: "\u2713", colour: "#1a7f37", dark: "#238636", ink: "#ffffff" },
    { name: "failed", label: "failed", symbol: "\u2717", colour: "#cf222e", dark: "#da3633", ink: "#ffffff" },
    { name: "not_started", label: "not started", symbol: "\u25cb", colour: "#6e7781", dark: "#6e7681", ink: "#ffffff" },
    { name: "cancelled", label: "cancelled", symbol: "\u2298", colour: "#d4a72c", dark: "#bb8009", ink: "#1f2328" },
    { name: "skipped", label: "skipped", symbol: "\u21b7", colour: "#8250df", dark: "#8957e5", ink: "#ffffff" },
  ];
  const params = new URLSearchParams(location.search);
  const CELL = Math.max(8, Math.min(96, parseInt(params.get("cell"), 10) || 30));
  const POLL_MS = Math.max(250, parseInt(params.get("poll"), 10) || 1000);
  const CYCLE_S = parseInt(params.get("cycle"), 10) || 0;  // turn a page of rows every N s
  const LABEL_W = Math.round(CELL * 8);
  const HEAD_H = Math.round(CELL * 1.6);

  const $ = (id) => document.getElementById(id);
  const scroller = $("scroller"), spacer = $("spacer"), canvas = $("grid");
  const ctx = canvas.getContext("2d", { alpha: false });
  // What the page has measured, for a test or a curious operator (window.hotliveStats).
  const stats = { gridMs: null, firstPaintMs: null, polls: 0, applyMs: [], drawMs: [], errors: 0 };
  window.hotliveStats = stats;

  let grid = null;       // { rows, columns, cellAt: Int32Array(rows × columns) of report rows, or -1 }
  let cells = null;      // Uint8Array: each report row's state
  let seen = 0;          // cell changes applied
  let last = null;       // the last status
  let lastAt = 0;        // performance.now() when it came
  let ended = false;
  let drawQueued = false;

  function dark() { return document.body.classList.contains("dark"); }
  function setTheme(isDark) {
    document.body.classList.toggle("dark", isDark);
    $("theme").textContent = isDark ? "Light" : "Dark";
    legend();
    queueDraw();
  }
  $("theme").addEventListener("click", () => setTheme(!dark()));

  function legend() {
    const box = $("legend");
    box.textContent = "";
    for (const s of STATES) {
      const item = document.createElement("span");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = dark() ? s.dark : s.colour;
      swatch.style.color = s.ink;
      swatch.textContent = s.symbol;
      item.append(swatch, s.label);
      box.append(item);
    }
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return "–";
    seconds = Math.max(0, Math.round(seconds));
    const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    if (h > 0) return h + " h " + String(m).padStart(2, "0") + " min";
    if (m > 0) return m + " min " + String(s).padStart(2, "0") + " s";
    return s + " s";
  }

  async function loadGrid() {
    const t0 = performance.now();
    const g = await (await fetch("/grid.json", { cache: "no-store" })).json();
    const rows = g.rows.length, columns = g.columns.length;
    const cellAt = new Int32Array(rows * columns).fill(-1);
    let report = 0;
    for (const [row, cols] of g.runs) {
      for (const c of cols) cellAt[row * columns + c] = report++;
    }
    grid = { rows: g.rows, columns: g.columns, cellAt };
    cells = new Uint8Array(report);
    spacer.style.width = LABEL_W + columns * CELL + "px";
    spacer.style.height = HEAD_H + rows * CELL + "px";
    stats.gridMs = performance.now() - t0;
  }

  function apply(s) {
    const t0 = performance.now();
    const c = s.cells;
    if (c.all !== undefined) {
      const n = Math.min(c.all.length, cells.length);
      for (let i = 0; i < n; i++) cells[i] = c.all.charCodeAt(i) - 48;
    } else {
      for (const [row, state] of c.changed) if (row < cells.length) cells[row] = state.charCodeAt(0) - 48;
    }
    seen = c.seen;
    last = s;
    lastAt = performance.now();
    ended = s.ended_at !== null;
    const k = s.calls;
    for (const name of ["succeeded", "failed", "skipped", "not_started", "cancelled", "sending", "pending", "planned"]) {
      $("n-" + name).textContent = k[name].toLocaleString("en");
    }
    $("rate").textContent = s.rate.recent === null ? "–" : s.rate.recent.toFixed(1);
    $("rate-label").textContent = s.rate.allowed === null ? "calls/s" : "calls/s (allowed " + s.rate.allowed.toFixed(1) + " of " + s.rate.ceiling.toFixed(0) + ")";
    $("eta").textContent = duration(s.eta_seconds);
    $("title").textContent = "hotlive: " + s.plan + (s.shard === "1/1" ? "" : " (shard " + s.shard + ")");
    document.title = "hotlive: " + s.plan;
    $("run-state").textContent = ended ? "run ended " + s.ended_at : s.started_at ? "running" : "starting";
    causes(s.failures);
    countdown();
    stats.applyMs.push(performance.now() - t0);
    if (stats.applyMs.length > 600) stats.applyMs.shift();
  }

  function causes(list) {
    $("failures").hidden = list.length === 0;
    const ol = $("causes");
    ol.textContent = "";
    for (const f of list.slice(0, 20)) {
      const li = document.createElement("li");
      const count = document.createElement("span");
      count.className = "count";
      count.textContent = f.calls.toLocaleString("en");
      const keys = document.createElement("span");
      keys.className = "keys";
      keys.textContent = " " + f.keys.join(", ") + (f.calls > f.keys.length ? ", …" : "");
      li.append(count, " " + f.cause, keys);
      ol.append(li);
    }
  }

  function countdown() {
    const w = last && last.next_wave;
    $("wave-tile").hidden = !w;
    if (!w) return;
    $("wave-in").textContent = duration(w.in_seconds - (performance.now() - lastAt) / 1000);
    $("wave-name").textContent = "until " + w.name + " (" + w.calls.toLocaleString("en") + " calls)";
  }
  setInterval(countdown, 1000);

  function queueDraw() {
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(draw);
  }

  // Only what is in view: the canvas lies over the scroller's window (the scroller holds only a
  // spacer as large as the grid) and is drawn again as it scrolls.
  function draw() {
    drawQueued = false;
    if (!grid) return;
    const t0 = performance.now();
    const ratio = window.devicePixelRatio || 1;
    const w = scroller.clientWidth, h = scroller.clientHeight;
    if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
      canvas.style.width = w + "px";
      canvas.style.height = h + "px";
    }
    const x0 = scroller.scrollLeft, y0 = scroller.scrollTop;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const isDark = dark();
    const bg = isDark ? "#0d1117" : "#ffffff", fg = isDark ? "#e6edf3" : "#1f2328";
    ctx.fillStyle = bg;
    ctx.fillRect(0, 0, w, h);
    const columns = grid.columns.length;
    const firstRow = Math.floor(y0 / CELL), lastRow = Math.min(grid.rows.length, Math.ceil((y0 + h - HEAD_H) / CELL));
    const firstCol = Math.floor(x0 / CELL), lastCol = Math.min(columns, Math.ceil((x0 + w - LABEL_W) / CELL));
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.font = Math.round(CELL * 0.62) + "px 'DejaVu Sans', sans-serif";
    const inset = CELL >= 14 ? 1 : 0;
    for (let r = firstRow; r < lastRow; r++) {
      const y = HEAD_H + (r - firstRow) * CELL - (y0 % CELL);
      for (let c = firstCol; c < lastCol; c++) {
        const report = grid.cellAt[r * columns + c];
        if (report < 0) continue;
        const s = STATES[cells[report]] || STATES[0];
        const x = LABEL_W + (c - firstCol) * CELL - (x0 % CELL);
        ctx.fillStyle = isDark ? s.dark : s.colour;
        ctx.fillRect(x + inset, y + inset, CELL - 2 * inset, CELL - 2 * inset);
        if (CELL >= 14) {
          ctx.fillStyle = s.ink;
          ctx.fillText(s.symbol, x + CELL / 2, y + CELL / 2 + 1);
        }
      }
    }
    // The axes over the cells: region codes on top, stream names on the left.
    ctx.fillStyle = bg;
    ctx.fillRect(0, 0, w, HEAD_H);
    ctx.fillRect(0, 0, LABEL_W, h);
    ctx.fillStyle = fg;
    ctx.font = Math.round(CELL * 0.37) + "px 'DejaVu Sans', sans-serif";
    for (let c = firstCol; c < lastCol; c++) {
      const x = LABEL_W + (c - firstCol) * CELL - (x0 % CELL);
      if (x + CELL <= LABEL_W) continue;
      ctx.fillText(grid.columns[c], x + CELL / 2, HEAD_H / 2);
    }
    ctx.textAlign = "right";
    ctx.font = Math.round(CELL * 0.55) + "px 'DejaVu Sans', sans-serif";
    for (let r = firstRow; r < lastRow; r++) {
      const y = HEAD_H + (r - firstRow) * CELL - (y0 % CELL);
      if (y + CELL <= HEAD_H) continue;
      let name = grid.rows[r];
      if (name.length > 28) name = name.slice(0, 27) + "\u2026";
      ctx.fillText(name, LABEL_W - 8, y + CELL / 2 + 1);
    }
    $("where").textContent = "streams " + (grid.rows.length ? firstRow + 1 : 0) + "–" + lastRow + " of " + grid.rows.length.toLocaleString("en") +
      " · regions " + (columns ? firstCol + 1 : 0) + "–" + lastCol + " of " + columns + (CYCLE_S ? " · turning a page every " + CYCLE_S + " s" : "") +
      (last ? " · " + last.now : "");
    stats.drawMs.push(performance.now() - t0);
    if (stats.drawMs.length > 600) stats.drawMs.shift();
    if (stats.firstPaintMs === null) stats.firstPaintMs = performance.now();
  }

  scroller.addEventListener("scroll", queueDraw, { passive: true });
  window.addEventListener("resize", queueDraw);
  if (CYCLE_S > 0) {
    setInterval(() => {
      const page = Math.max(CELL, scroller.clientHeight - HEAD_H - CELL);
      const bottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
      scroller.scrollTop = bottom ? 0 : scroller.scrollTop + page;
    }, CYCLE_S * 1000);
  }

  async function poll() {
    try {
      const s = await (await fetch("/status.json?since=" + seen, { cache: "no-store" })).json();
      apply(s);
      stats.polls++;
      queueDraw();
    } catch (e) {
      stats.errors++;
      $("run-state").textContent = ended ? "run ended; the live view has closed" : "no answer from hotlive: retrying";
    }
    if (!ended) setTimeout(poll, POLL_MS);
  }

  async function start() {
    setTheme(params.get("theme") === "dark");
    try {
      await loadGrid();
    } catch (e) {
      $("run-state").textContent = "no answer from hotlive: retrying";
      setTimeout(start, 2000);
      return;
    }
    await poll();
  }
  start();
})();
)js";

}  // namespace hotlive::live
