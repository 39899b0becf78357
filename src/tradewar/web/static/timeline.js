// Timeline page: step chart of the average tariff each way with events; click for a breakdown.
"use strict";

const EVENT_COLOURS = {
  negotiation: "#2a9d8f", leader_meeting: "#8e44ad", leader_call: "#e9c46a",
  ruling: "#264653", announcement: "#f4a261",
};
let chart = null;
let lastSeries = null;

// Vertical lines at the events (drawn under the series).
const eventLines = {
  id: "eventLines",
  beforeDatasetsDraw(c) {
    const events = c.$events || [];
    const { ctx, chartArea, scales } = c;
    ctx.save();
    for (const e of events) {
      const x = scales.x.getPixelForValue(TW.day(e.date));
      if (x < chartArea.left || x > chartArea.right) continue;
      ctx.strokeStyle = "rgba(90,90,90,0.18)";
      ctx.beginPath(); ctx.moveTo(x, chartArea.top); ctx.lineTo(x, chartArea.bottom); ctx.stroke();
    }
    const day = c.$selected;
    if (day !== undefined && day !== null) {
      const x = scales.x.getPixelForValue(day);
      ctx.strokeStyle = "rgba(0,0,0,0.6)"; ctx.setLineDash([4, 3]);
      ctx.beginPath(); ctx.moveTo(x, chartArea.top); ctx.lineTo(x, chartArea.bottom); ctx.stroke();
    }
    ctx.restore();
  },
  // Each event's number (as in the events table) above its marker; close numbers are stacked.
  afterDatasetsDraw(c) {
    const events = c.$events || [];
    const { ctx, chartArea, scales } = c;
    const y0 = scales.y.getPixelForValue(c.$markerY) - 9;
    ctx.save();
    ctx.font = "10px sans-serif"; ctx.textAlign = "center"; ctx.fillStyle = "#333";
    let lastX = -Infinity, level = 0;
    events.forEach((e, k) => {
      const x = scales.x.getPixelForValue(TW.day(e.date));
      if (x < chartArea.left || x > chartArea.right) return;
      level = x - lastX < 16 ? (level + 1) % 4 : 0;
      lastX = x;
      ctx.fillText(String(k + 1), x, y0 - 10 * level);
    });
    ctx.restore();
  },
};

// Ticks on 1 January and 1 July of every year in range (days since 1970).
function yearTicks(min, max) {
  const out = [];
  for (let y = Number(TW.iso(min).slice(0, 4)); y <= Number(TW.iso(max).slice(0, 4)); y++) {
    for (const m of ["01", "07"]) {
      const d = TW.day(`${y}-${m}-01`);
      if (d >= min && d <= max) out.push({ value: d });
    }
  }
  return out;
}

function stepData(series, key, end) {
  const pts = series.map((p) => ({ x: TW.day(p.date), y: p[key], date: p.date }));
  if (pts.length) pts.push({ x: TW.day(end), y: pts[pts.length - 1].y, date: end });
  return pts;
}

function drawChart(payload) {
  lastSeries = payload;
  const how = document.getElementById("how").value;
  const us = how === "simple" ? "us_on_cn_simple" : "us_on_cn";
  const cn = how === "simple" ? "cn_on_us_simple" : "cn_on_us";
  const top = Math.max(10, ...payload.series.map((p) => Math.max(p[us], p[cn])));
  const events = payload.events.map((e, k) => ({ x: TW.day(e.date), y: top * 1.06, e, n: k + 1 }));
  const data = {
    datasets: [
      { label: "US tariff on Chinese goods (%)", data: stepData(payload.series, us, payload.end),
        stepped: "before", borderColor: TW.US, backgroundColor: TW.US, pointRadius: 0, borderWidth: 2.5 },
      { label: "China's tariff on US goods (%)", data: stepData(payload.series, cn, payload.end),
        stepped: "before", borderColor: TW.CN, backgroundColor: TW.CN, pointRadius: 0, borderWidth: 2.5 },
      { label: "events", type: "scatter", data: events, pointStyle: "triangle", pointRadius: 6,
        pointBackgroundColor: events.map((p) => EVENT_COLOURS[p.e.kind] || "#777"), borderColor: "#555", borderWidth: 0.5 },
    ],
  };
  if (chart) chart.destroy();
  chart = new Chart(document.getElementById("etr-chart"), {
    type: "line",
    data,
    plugins: [eventLines],
    options: {
      responsive: true, maintainAspectRatio: false, animation: false, parsing: false,
      interaction: { mode: "nearest", intersect: false, axis: "x" },
      scales: {
        x: { type: "linear", min: TW.day(payload.start), max: TW.day(payload.end),
          afterBuildTicks: (axis) => { axis.ticks = yearTicks(axis.min, axis.max); },
          ticks: { callback: (v) => TW.iso(v).slice(0, 7) } },
        y: { min: 0, suggestedMax: top * 1.25, title: { display: true, text: `average tariff, % (${how === "simple" ? "simple" : "trade-weighted, 2017 weights"})` } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => items.length ? TW.iso(items[0].raw.x) : "",
            label: (item) => item.raw.e ? `${item.raw.n}. ${item.raw.e.kind.replace("_", " ")}: ${item.raw.e.title}` : `${item.dataset.label}: ${TW.fmt(item.raw.y, 1)}`,
          },
        },
      },
      onClick: (evt, _elements, c) => {
        const pos = Chart.helpers.getRelativePosition(evt, c);
        const day = Math.round(c.scales.x.getValueForPixel(pos.x));
        showDay(TW.iso(day));
      },
    },
  });
  chart.$events = payload.events;
  chart.$markerY = top * 1.06;
  chart.update();
  const last = payload.series[payload.series.length - 1];
  document.getElementById("series-note").textContent =
    `${payload.series.length} steps from ${payload.start} to ${payload.end}; on ${payload.end}: ` +
    `US on China ${TW.fmt(last[us], 1)}%, China on US ${TW.fmt(last[cn], 1)}%. ${payload.weights}.`;
  renderEvents(payload.events);
}

function renderEvents(events) {
  const rows = events.map((e, k) => ({ ...e, n: k + 1, src: e.sources }));
  const kind = (v) => TW.el("span", {}, TW.el("span", { style: `color: ${EVENT_COLOURS[v] || "#777"}`, text: "▲ " }), v.replace("_", " "));
  document.getElementById("events").replaceChildren(TW.table(rows, [
    { key: "n", left: true, label: "#", fmt: (v) => String(v) },
    { key: "date", left: true },
    { key: "kind", left: true, fmt: kind },
    { key: "title", left: true, label: "what" },
    { key: "outcome", left: true },
    { key: "confirmed", left: true, fmt: (v) => TW.confirmedTag(v) },
    { key: "src", left: true, label: "sources", fmt: (v) => TW.sources(v) },
  ]));
}

async function loadSeries() {
  const params = new URLSearchParams();
  const start = document.getElementById("start").value;
  const end = document.getElementById("end").value;
  const overlay = document.getElementById("overlay").value;
  if (start) params.set("start", start);
  if (end) params.set("end", end);
  if (overlay) params.set("overlay", overlay);
  document.getElementById("series-note").textContent = "Compiling the timeline…";
  try {
    drawChart(await TW.getJSON(`/api/timeline/series?${params}`));
  } catch (err) {
    TW.showError("series-note", err);
  }
}

function direction(d, key) {
  const who = key === "US_on_CN" ? "US tariffs on Chinese goods" : "China's tariffs on US goods";
  const auths = Object.keys(d.by_authority).filter((a) => a !== "base");
  const authRows = Object.entries(d.by_authority).map(([authority, pct]) => ({ authority, pct }));
  const sectorCols = [
    { key: "sector", left: true },
    { key: "weight_pct", label: "weight %", digits: 1 },
    { key: "base", label: "base (MFN)", digits: 1 },
    ...auths.map((a) => ({ key: a, label: a, digits: 1 })),
    { key: "total", label: "total", digits: 1 },
  ];
  const sectorRows = d.sectors.filter((s) => s.goods || s.total > 0).map((s) => {
    const row = { sector: s.sector, weight_pct: s.weight_pct, base: s.base, total: s.total };
    for (const a of auths) row[a] = s.by_authority[a] ?? 0;
    return row;
  });
  const recRows = d.records.map((r) => ({ ...r, rate_pct: r.rate === null ? null : 100 * r.rate }));
  return TW.el("div", { class: "panel", id: `dir-${key}` },
    TW.el("h3", { text: who }),
    TW.el("div", { class: "cards" },
      TW.el("div", { class: `card ${key === "US_on_CN" ? "us" : "cn"}` },
        TW.el("div", { class: "k", text: "trade-weighted average" }),
        TW.el("div", { class: "v", "data-key": `${key}.trade_weighted`, text: `${TW.fmt(d.trade_weighted, 1)}%` })),
      TW.el("div", { class: "card" },
        TW.el("div", { class: "k", text: "simple average" }),
        TW.el("div", { class: "v", "data-key": `${key}.simple`, text: `${TW.fmt(d.simple, 1)}%` }))),
    TW.el("h3", { text: "By legal authority (trade-weighted contribution, percentage points)" }),
    TW.table(authRows, [{ key: "authority", left: true }, { key: "pct", label: "points", digits: 2 }], "authority"),
    TW.el("h3", { text: "By sector (percent)" }),
    TW.table(sectorRows, sectorCols, "sector"),
    TW.el("h3", { text: "Records in force (with sources)" }),
    TW.table(recRows, [
      { key: "id", left: true },
      { key: "title", left: true, label: "what" },
      { key: "authority", left: true },
      { key: "rate_pct", label: "rate %", digits: 1 },
      { key: "effective", left: true },
      { key: "confirmed", left: true, fmt: (v) => TW.confirmedTag(v) },
      { key: "sources", left: true, fmt: (v) => TW.sources(v) },
    ]));
}

async function showDay(day) {
  document.getElementById("day").value = day;
  if (chart) { chart.$selected = TW.day(day); chart.update("none"); }
  const box = document.getElementById("breakdown");
  box.replaceChildren(TW.el("p", { class: "note", text: `Compiling the tariffs in force on ${day}…` }));
  const overlay = document.getElementById("overlay").value;
  const params = new URLSearchParams({ date: day });
  if (overlay) params.set("overlay", overlay);
  try {
    const p = await TW.getJSON(`/api/timeline/tariffs?${params}`);
    const notes = p.unconfirmed_records.length
      ? TW.el("p", { class: "warn", text: `Unconfirmed records used: ${p.unconfirmed_records.join(", ")}` }) : null;
    TW.fill(box,
      TW.el("p", { class: "note", id: "breakdown-date", text: `Tariffs in force on ${p.date}${p.overlay ? ` with overlay ${p.overlay}` : ""}.` }),
      notes,
      direction(p.directions.US_on_CN, "US_on_CN"), direction(p.directions.CN_on_US, "CN_on_US"));
  } catch (err) {
    TW.showError(box, err);
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  const sel = document.getElementById("overlay");
  try {
    for (const o of await TW.getJSON("/api/timeline/overlays")) {
      sel.append(TW.el("option", { value: o.name, text: o.name, title: o.description }));
    }
  } catch (err) {
    TW.showError("series-note", err);
  }
  const today = new Date().toISOString().slice(0, 10);
  document.getElementById("end").value = today;
  document.getElementById("redraw").addEventListener("click", loadSeries);
  document.getElementById("how").addEventListener("change", () => lastSeries && drawChart(lastSeries));
  document.getElementById("show-day").addEventListener("click", () => {
    const d = document.getElementById("day").value;
    if (d) showDay(d);
  });
  loadSeries();
});
