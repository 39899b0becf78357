// War and talks page: optimal, Nash and negotiated tariffs and escalation paths (strategy layer).
"use strict";

const warCharts = {};

// options: values, or [value, text] pairs.
function select(id, options, value) {
  const s = TW.el("select", { id });
  for (const o of options) {
    const [v, text] = Array.isArray(o) ? o : [o, o];
    s.append(TW.el("option", { value: v, text }));
  }
  if (value !== undefined) s.value = value;
  return s;
}

function val(id) { return document.getElementById(id).value; }

function chart(id, make) {
  if (warCharts[id]) warCharts[id].destroy();
  warCharts[id] = make();
}

function welfareBlock(key, welfare, title) {
  const rows = Object.entries(welfare).map(([iso3, pct]) => ({ iso3, pct }));
  const canvas = TW.el("canvas", { id: `${key}-welfare-chart` });
  const node = TW.el("div", {},
    TW.el("h3", { text: title }),
    TW.el("div", { class: "chart-box small" }, canvas),
    TW.table(rows, [{ key: "iso3", left: true, label: "economy" }, { key: "pct", label: "welfare %", digits: 3, sign: true }], "iso3"));
  return { node, draw: () => chart(`${key}-welfare`, () => TW.barChart(canvas, rows.map((r) => r.iso3), [
    { label: "welfare, % change", data: rows.map((r) => r.pct), backgroundColor: rows.map((r) => (r.pct >= 0 ? "#2a9d8f" : TW.CN)) },
  ], { unit: "% change from the baseline (deficits purged)" })) };
}

// Goods tariffs each player sets at the start and at the result: the story a welfare number
// alone does not tell (a Nash war where both "gain" may start from higher tariffs).
function movesTable(key, moves, start, result) {
  const rows = Object.entries(moves || {}).map(([player, m]) => ({ player, ...m }));
  const arrow = (a, b) => `${TW.fmt(a, 1)}% → ${TW.fmt(b, 1)}%`;
  return TW.el("div", { "data-key": `${key}.moves` },
    TW.el("h3", { text: `Tariffs on goods, ${start} → ${result}` }),
    TW.table(rows, [
      { key: "player", left: true, label: "sets" },
      { key: "from_median_pct", label: `median: ${start} → ${result}`, fmt: (_, r) => arrow(r.from_median_pct, r.to_median_pct) },
      { key: "from_average_pct", label: "trade-weighted", fmt: (_, r) => arrow(r.from_average_pct, r.to_average_pct) },
    ], "player"),
    TW.el("p", { class: "note", text: "Median over goods sectors and partners, and the average weighted by 2024 trade; services carry no tariffs and are left out." }));
}

function solverLine(s) {
  const parts = ["outcome", "optimality", "rounds", "iterations", "seconds"].filter((k) => s[k] !== undefined)
    .map((k) => `${k} ${typeof s[k] === "number" && !Number.isInteger(s[k]) ? Number(s[k]).toPrecision(3) : s[k]}`);
  return TW.el("p", { class: "note", text: `solver: ${parts.join("; ")}` });
}

const RENDER = {
  optimal(r, box) {
    const rates = r.rates.map((x) => ({ ...x, key: `${x.exporter}.${x.sector}` }));
    const canvas = TW.el("canvas", { id: "optimal-rates-chart" });
    const w = welfareBlock("optimal", r.welfare_pct, "Welfare if it sets them (others unchanged)");
    TW.fill(box,
      TW.el("div", { class: "cards" }, TW.el("div", { class: "card us" },
        TW.el("div", { class: "k", text: `median optimal tariff of ${r.country} (goods)` }),
        TW.el("div", { class: "v", "data-key": "optimal.median", text: `${TW.fmt(r.median_tariff_pct, 1)}%` }))),
      movesTable("optimal", r.tariffs, "factual", "optimal"),
      TW.el("div", { class: "chart-box small" }, canvas),
      w.node, solverLine(r.solver), TW.el("p", { class: "note", text: r.model }));
    chart("optimal-rates", () => TW.barChart(canvas, rates.map((x) => (x.exporter === "*" ? x.sector : `${x.exporter} ${x.sector}`)), [
      { label: `optimal tariff of ${r.country} (%)`, data: rates.map((x) => x.tariff_pct), backgroundColor: TW.US },
    ], { unit: "%" }));
    w.draw();
  },
  war(r, box) {
    const w = welfareBlock("war", r.welfare_pct, "Welfare in the trade war (Nash equilibrium)");
    TW.fill(box,
      TW.el("div", { class: "cards" }, r.players.map((p) => TW.el("div", { class: `card ${p === "CHN" ? "cn" : "us"}` },
        TW.el("div", { class: "k", text: `median Nash tariff of ${p} (goods; factual ${TW.fmt(r.tariffs[p].from_median_pct, 1)}%)` }),
        TW.el("div", { class: "v", "data-key": `war.${p}.median`, text: `${TW.fmt(r.median_tariff_pct[p], 1)}%` })))),
      movesTable("war", r.tariffs, "factual", "Nash"),
      TW.el("p", { class: "note", text: "Welfare below is against the 2024 baseline, whose tariffs are the starting (factual) ones above." }),
      w.node, solverLine(r.solver), TW.el("p", { class: "note", text: r.model }));
    w.draw();
  },
  talks(r, box) {
    const [a, b] = r.parties;
    const rows = r.points.map((p, k) => ({ k, weight: p.weight, ga: p.gains_pct[a], gb: p.gains_pct[b], ba: (p.welfare_vs_baseline_pct || {})[a], bb: (p.welfare_vs_baseline_pct || {})[b], pareto: p.pareto_improving ? "yes" : "no" }));
    const canvas = TW.el("canvas", { id: "talks-chart" });
    const last = r.points[r.points.length - 1];
    const w = welfareBlock("talks", last.gains_pct, r.points.length > 1 ? "Gains at the last frontier point, all economies" : "Gains of every economy");
    TW.fill(box,
      movesTable("talks", last.tariffs, r.from, "deal"),
      TW.table(rows, [
        { key: "weight", label: `weight on ${a}`, digits: 3 },
        { key: "ga", label: `${a} gain from ${r.from} %`, digits: 3, sign: true },
        { key: "gb", label: `${b} gain from ${r.from} %`, digits: 3, sign: true },
        { key: "ba", label: `${a} vs baseline %`, digits: 3, sign: true },
        { key: "bb", label: `${b} vs baseline %`, digits: 3, sign: true },
        { key: "pareto", label: "both better off", left: true },
      ], "k"),
      TW.el("div", { class: "chart-box small" }, canvas), w.node, solverLine(last.solver),
      TW.el("p", { class: "note", text: `${r.concept} from ${r.from} tariffs; ${r.model}` }));
    chart("talks", () => new Chart(canvas, {
      type: "scatter",
      data: { datasets: [{ label: `gains of ${a} and ${b} (%)`, data: rows.map((x) => ({ x: x.ga, y: x.gb })), backgroundColor: TW.US, pointRadius: 5, showLine: rows.length > 1 }] },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { title: { display: true, text: `${a} gain %` } }, y: { title: { display: true, text: `${b} gain %` } } } },
    }));
    w.draw();
  },
  escalate(r, box) {
    const [a, b] = r.players;
    const rows = r.plays.map((p, k) => ({ k, strategies: p.strategies.join(" vs "), pa: p.average_payoff_pct[a], pb: p.average_payoff_pct[b] }));
    const moves = r.plays.map((p, k) => ({ p, k })).filter(({ p }) => p.path_extra_tariff_pct.some((x) => x[0] !== 0 || x[1] !== 0) || r.dates.length);
    const blocks = moves.map(({ p, k }) => {
      const canvas = TW.el("canvas", { id: `escalate-chart-${k}` });
      return { p, k, canvas, node: TW.el("div", {}, TW.el("h3", { text: p.strategies.join(" vs ") }), TW.el("div", { class: "chart-box small" }, canvas)) };
    });
    const starting = Object.entries(r.starting_tariffs || {}).map(([p, v]) => `${p} ${TW.fmt(v.median_pct, 1)}% (trade-weighted ${TW.fmt(v.average_pct, 1)}%)`).join("; ");
    TW.fill(box,
      TW.el("p", { "data-key": "escalate.start", text: `Starting tariffs on goods (median): ${starting}. Extra tariffs stack on them.` }),
      TW.el("h3", { text: "Discounted average payoff (% real income)" }),
      TW.table(rows, [
        { key: "strategies", left: true, label: `${a} vs ${b}` },
        { key: "pa", label: `${a} %`, digits: 4, sign: true },
        { key: "pb", label: `${b} %`, digits: 4, sign: true },
      ], "k"),
      blocks.length ? TW.el("h3", { text: "Plays in which tariffs move (extra tariff and payoff by month)" }) : TW.el("p", { class: "note", text: "In no play does either side raise its tariffs." }),
      blocks.map((x) => x.node),
      TW.el("p", { class: "note", text: `${r.months} months; escalation rungs ${r.ladder_pct.join(", ")}% extra tariff; ${r.model}` }));
    for (const { p, k, canvas } of blocks) {
      const labels = r.dates.length ? r.dates.map((d) => d.slice(0, 7)) : p.path_extra_tariff_pct.map((_, m) => `month ${m + 1}`);
      chart(`escalate-${k}`, () => new Chart(canvas, {
        type: "line",
        data: { labels, datasets: [
          { label: `${a}: extra tariff %`, data: p.path_extra_tariff_pct.map((x) => x[0]), borderColor: TW.US, stepped: true, yAxisID: "y" },
          { label: `${b}: extra tariff %`, data: p.path_extra_tariff_pct.map((x) => x[1]), borderColor: TW.CN, stepped: true, yAxisID: "y" },
          { label: `${a}: payoff %`, data: p.path_payoff_pct.map((x) => x[0]), borderColor: TW.US, borderDash: [4, 3], yAxisID: "y2" },
          { label: `${b}: payoff %`, data: p.path_payoff_pct.map((x) => x[1]), borderColor: TW.CN, borderDash: [4, 3], yAxisID: "y2" },
        ] },
        options: { responsive: true, maintainAspectRatio: false, animation: false,
          scales: { y: { title: { display: true, text: "extra tariff %" } }, y2: { position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: "payoff, % real income" } } } },
      }));
    }
  },
};

async function runAnalysis(request) {
  const out = document.getElementById(`${request.analysis}-result`);
  const status = TW.el("p", { class: "note", id: `${request.analysis}-status`, text: "submitting…" });
  out.replaceChildren(status);
  let job;
  try {
    job = await TW.postJSON("/api/strategy", { request });
    for (;;) {
      job = await TW.getJSON(`/api/jobs/${job.id}`);
      status.textContent = `job ${job.id}: ${job.status}${job.progress.message ? ` — ${job.progress.message}` : ""}`;
      if (job.status === "done" || job.status === "failed") break;
      await new Promise((r) => setTimeout(r, 1000));
    }
  } catch (err) {
    TW.showError(out, err);
    return;
  }
  if (job.status === "failed") { TW.showError(out, job.error); return; }
  RENDER[request.analysis](job.result, out);
  out.dataset.job = job.id;
}

function section(key, title, help, controls, request) {
  const button = TW.el("button", { id: `${key}-run`, text: "Compute", onclick: () => runAnalysis(request()) });
  return TW.el("div", { class: "panel" },
    TW.el("h2", { text: title }), TW.el("p", { class: "note", text: help }),
    TW.el("div", { class: "controls" }, controls, TW.el("label", {}, TW.el("span", {}, "\u00a0"), button)),
    TW.el("div", { id: `${key}-result` }));
}

const WAR = {
  // codes, names: the default world's economies (/api/data), the world the analyses use.
  start(box, codes, names) {
    const economies = codes.map((c) => [c, TW.economy(names, c)]);
    const lab = (text, node) => TW.el("label", {}, text, node);
    TW.fill(box,
      TW.el("p", { class: "note", text: "Caliendo–Parro on the default world with trade deficits purged (welfare is relative to the purged baseline). Each analysis is a background job; the first one compiles the model (a minute or so)." }),
      section("optimal", "Optimal tariffs", "One economy's welfare-maximising tariffs, everyone else's held at their factual levels.",
        [lab("country", select("optimal-country", economies, "USA")), lab("instrument", select("optimal-mfn", ["MFN (one rate per sector)", "by partner and sector"]))],
        () => ({ analysis: "optimal", country: val("optimal-country"), mfn: val("optimal-mfn").startsWith("MFN") })),
      section("war", "Trade war (Nash equilibrium)", "Simultaneous best responses of two players on each other's goods, iterated to a fixed point.",
        [lab("player A", select("war-a", economies, "USA")), lab("player B", select("war-b", economies, "CHN"))],
        () => ({ analysis: "war", players: [val("war-a"), val("war-b")] })),
      section("talks", "Trade talks", "Negotiated tariffs between two parties: the Nash bargaining solution, Ossa's cooperative solution (equal gains), or the Pareto frontier.",
        [lab("party A", select("talks-a", economies, "USA")), lab("party B", select("talks-b", economies, "CHN")),
          lab("concept", select("talks-concept", ["bargaining", "cooperative", "frontier"])), lab("from", select("talks-start", ["factual", "free-trade"]))],
        () => ({ analysis: "talks", parties: [val("talks-a"), val("talks-b")], concept: val("talks-concept"), start: val("talks-start") })),
      section("escalate", "Escalation", "A repeated monthly tariff game on the model's payoffs: tit-for-tat, generous tit-for-tat, grim trigger, myopic best response; optionally the timeline replayed as it happened.",
        [lab("months", select("escalate-months", ["6", "12", "24"], "12")),
          lab("as it happened from", TW.el("input", { type: "date", id: "escalate-from" }))],
        () => {
          const from = val("escalate-from");
          return { analysis: "escalate", months: Number(val("escalate-months")), ...(from ? { as_it_happened: from } : {}) };
        }));
  },
};

document.addEventListener("DOMContentLoaded", async () => {
  const box = document.getElementById("strategy");
  try {
    const data = await TW.getJSON("/api/data");
    WAR.start(box, data.economies, data.names);
  } catch (err) {
    TW.showError(box, err);
  }
});
