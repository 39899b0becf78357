// Scenarios page: run built-in or custom scenarios as jobs, read results, compare, download.
"use strict";

let form = null;
let schema = null;
const charts = {};

function chartIn(id, make) {
  if (charts[id]) charts[id].destroy();
  charts[id] = make();
}

function card(key, label, value, unit, cls) {
  return TW.el("div", { class: `card ${cls || ""}` },
    TW.el("div", { class: "k", text: label }),
    TW.el("div", { class: "v", "data-key": key, text: `${TW.fmt(value, 2, true)}${unit}` }));
}

// ------------------------------------------------------------------ starting runs

async function loadBuiltins() {
  const box = document.getElementById("builtin");
  const list = await TW.getJSON("/api/scenarios");
  box.replaceChildren(...list.map((s) => TW.el("label", { title: s.description },
    TW.el("input", { type: "checkbox", value: s.name, "data-builtin": s.name }), ` ${s.title} `,
    TW.el("span", { class: "note", text: `(${s.name})` }))));
  const template = document.getElementById("template");
  for (const s of list) template.append(TW.el("option", { value: s.name, text: s.title }));
}

function buildForm(value) {
  form = SF.build(schema, value, "");
  document.getElementById("form").replaceChildren(form.node);
}

async function loadForm() {
  schema = await TW.getJSON("/api/scenarios/schema");
  buildForm({ name: "my-scenario", title: "My scenario", policy: { date: new Date().toISOString().slice(0, 10) } });
  document.getElementById("template").addEventListener("change", async (e) => {
    if (!e.target.value) { buildForm({ name: "my-scenario", policy: { baseline: true } }); return; }
    const spec = await TW.getJSON(`/api/scenarios/${e.target.value}`);
    spec.name = `${spec.name}-variant`.slice(0, 60);
    spec.title = `${spec.title || spec.name} (variant)`;
    buildForm(spec);
  });
}

async function startRun(payload) {
  const panel = document.getElementById("job");
  panel.hidden = false;
  document.getElementById("job-label").textContent = "submitting…";
  document.getElementById("job-status").textContent = "submitting";
  document.getElementById("job-bar").style.width = "0%";
  document.getElementById("job-message").textContent = "";
  document.getElementById("job-message").className = "note";
  let job;
  try {
    job = await TW.postJSON("/api/runs", payload);
  } catch (err) {
    document.getElementById("job-label").textContent = "not accepted";
    document.getElementById("job-status").textContent = "error";
    const msg = document.getElementById("job-message");
    msg.textContent = String(err.message || err);
    msg.className = "error";
    return;
  }
  document.getElementById("job-label").textContent = `job ${job.id}: ${job.label}`;
  for (;;) {
    job = await TW.getJSON(`/api/jobs/${job.id}`);
    const p = job.progress;
    document.getElementById("job-status").textContent = job.status;
    document.getElementById("job-bar").style.width = `${p.total ? (100 * p.done) / p.total : 0}%`;
    document.getElementById("job-message").textContent = p.message;
    if (job.status === "done" || job.status === "failed") break;
    await new Promise((r) => setTimeout(r, 600));
  }
  if (job.status === "failed") {
    const msg = document.getElementById("job-message");
    msg.textContent = job.error;
    msg.className = "error";
    return;
  }
  const r = job.result;
  document.getElementById("job-message").textContent =
    `saved as run ${r.run_id}${r.failed.length ? `; NOT converged: ${r.failed.join(", ")}` : ""}`;
  await loadRuns(r.run_id);
}

// ------------------------------------------------------------------ results

async function loadRuns(select) {
  const runs = await TW.getJSON("/api/runs");
  for (const id of ["run-select", "cmp-run-a", "cmp-run-b"]) {
    const sel = document.getElementById(id);
    const keep = sel.value;
    sel.replaceChildren(...runs.map((r) => TW.el("option", { value: r.run_id, text: `${r.run_id} (${r.n_scenarios} scenario${r.n_scenarios === 1 ? "" : "s"})` })));
    if (select) sel.value = select; else if (keep) sel.value = keep;
  }
  if (runs.length) {
    await runChanged();
    await Promise.all([cmpRunChanged("a"), cmpRunChanged("b")]);
  }
}

// The scenario a run opens on: "today" when the run has it, else the last one in which something
// changed (not the all-zero 2024 baseline), else the first.
function openingScenario(scenarios) {
  const moved = (s) => s.converged && [s.welfare_USA_pct, s.us_imports_from_cn_pct, s.cn_imports_from_us_pct]
    .some((v) => typeof v === "number" && Math.abs(v) > 1e-9);
  const today = scenarios.find((s) => s.scenario === "today" && moved(s));
  const real = scenarios.filter(moved);
  return (today || real[real.length - 1] || scenarios[0] || {}).scenario || "";
}

async function runChanged() {
  const id = document.getElementById("run-select").value;
  if (!id) return;
  const run = await TW.getJSON(`/api/runs/${id}`);
  const sel = document.getElementById("scenario-select");
  sel.replaceChildren(...run.scenarios.map((s) => TW.el("option", { value: s.scenario, text: s.title })));
  sel.value = openingScenario(run.scenarios);
  const d = document.getElementById("downloads");
  const tables = ["countries", "bilateral", "sector_trade", "sectors", "tariffs", "commitments", "inputs"];
  d.replaceChildren(TW.el("p", {},
    "Download: ",
    TW.el("a", { id: "dl-zip", href: `/api/runs/${id}/export.zip`, text: "all tables (CSV, zip)" }), " · ",
    TW.el("a", { id: "dl-json", href: `/api/runs/${id}/export.json`, text: "JSON" }), " · ",
    TW.el("a", { id: "dl-report", href: `/api/runs/${id}/report.html`, target: "_blank", text: "HTML report" }), " · tables: ",
    tables.map((t, k) => [k ? ", " : "", TW.el("a", { href: `/api/runs/${id}/tables/${t}?format=csv`, text: t })]),
    TW.el("span", { class: "note", text: ` — run made with timeline ${run.timeline ? run.timeline.version.slice(0, 19) : "?"}…, created ${run.created_at}` })));
  await showScenario();
}

async function showScenario() {
  const id = document.getElementById("run-select").value;
  const name = document.getElementById("scenario-select").value;
  const box = document.getElementById("results");
  if (!id || !name) return;
  let s;
  try {
    s = await TW.getJSON(`/api/runs/${id}/scenarios/${name}`);
  } catch (err) {
    TW.showError(box, err);
    return;
  }
  if (!s.converged) {
    box.replaceChildren(TW.el("h3", { text: s.title }),
      TW.el("p", { class: "bad", text: `Not converged: ${s.solver.message || s.solver.outcome}. No numbers are reported.` }));
    return;
  }
  const h = s.headline;
  const uc = s.us_china;
  const countries = s.countries;
  const welfareCanvas = TW.el("canvas", { id: "welfare-chart" });
  const divCanvas = TW.el("canvas", { id: "diversion-chart" });
  const tradeCanvas = TW.el("canvas", { id: "us-china-trade-chart" });
  const tariffs = s.tariffs || {};
  const tariffLine = tariffs.US_on_CN ? `Tariffs (trade-weighted): US on China ${TW.fmt(tariffs.US_on_CN.baseline_pct, 1)}% → ${TW.fmt(tariffs.US_on_CN.scenario_pct, 1)}%, China on US ${TW.fmt(tariffs.CN_on_US.baseline_pct, 1)}% → ${TW.fmt(tariffs.CN_on_US.scenario_pct, 1)}% (policy: ${tariffs.policy}).` : "";
  const usc = [
    { flow: "US imports from China", key: "us_imports_from_cn", ...uc.us_imports_from_cn },
    { flow: "China's imports from the US", key: "cn_imports_from_us", ...uc.cn_imports_from_us },
    { flow: "US balance with China", key: "us_balance_with_cn", ...uc.us_balance_with_cn, pct_change: null },
  ];
  const solver = s.solver;
  TW.fill(box,
    TW.el("h3", { id: "scenario-title", text: s.title }),
    TW.el("p", { class: "note", text: s.description }),
    TW.el("p", {}, tariffLine),
    TW.el("div", { class: "cards" },
      card("headline.welfare_USA_pct", "US welfare (real income)", h.welfare_USA_pct, "%", "us"),
      card("headline.welfare_CHN_pct", "China welfare (real income)", h.welfare_CHN_pct, "%", "cn"),
      card("headline.us_imports_from_cn_pct", "US imports from China", h.us_imports_from_cn_pct, "%"),
      card("headline.cn_imports_from_us_pct", "China's imports from the US", h.cn_imports_from_us_pct, "%"),
      card("headline.us_cn_balance_change_bn", "change in US balance with China", h.us_cn_balance_change_bn, " bn")),
    TW.el("h3", { text: "Welfare and real wages by economy (% change)" }),
    TW.el("div", { class: "chart-box small" }, welfareCanvas),
    TW.el("div", { class: "scroll" }, TW.table(countries, [
      { key: "iso3", left: true, label: "economy", fmt: (v) => TW.economy(s.names, v) },
      { key: "welfare_pct", label: "welfare %", digits: 3, sign: true },
      { key: "real_wage_pct", label: "real wage %", digits: 3, sign: true },
      { key: "price_index_pct", label: "prices %", digits: 3, sign: true, upIsBad: true },
      { key: "tot_pct", label: "terms of trade %", digits: 3, sign: true },
      { key: "exports_pct", label: "exports %", digits: 2, sign: true, plain: true },
      { key: "imports_pct", label: "imports %", digits: 2, sign: true, plain: true },
      { key: "trade_balance_bn", label: "trade balance bn", digits: 1 },
      { key: "tariff_revenue_bn", label: "tariff revenue bn", digits: 1 },
    ], "iso3")),
    TW.el("h3", { text: "US–China trade (USD bn)" }),
    TW.table(usc, [
      { key: "flow", left: true },
      { key: "baseline_bn", label: "baseline", digits: 1 },
      { key: "counterfactual_bn", label: "scenario", digits: 1 },
      { key: "change_bn", label: "change", digits: 1, sign: true, plain: true },
      { key: "pct_change", label: "change %", digits: 2, sign: true, plain: true },
    ], "key"),
    TW.el("div", { class: "chart-box small" }, tradeCanvas),
    TW.el("h3", { text: "Trade diversion: who replaces China in US imports (change, USD bn)" }),
    TW.el("div", { class: "chart-box small" }, divCanvas),
    TW.table(s.diversion, [
      { key: "exporter", left: true, fmt: (v) => TW.economy(s.names, v) },
      { key: "baseline_bn", label: "baseline", digits: 1 },
      { key: "counterfactual_bn", label: "scenario", digits: 1 },
      { key: "change_bn", label: "change", digits: 2, sign: true },
      { key: "share_of_rival_loss_pct", label: "% of China's loss", digits: 1 },
    ], "exporter"),
    TW.el("h3", { text: "Largest sector moves (US and China)" }),
    TW.table(s.sector_moves, [
      { key: "country", left: true, fmt: (v) => TW.economy(s.names, v) },
      { key: "sector", left: true },
      { key: "output_baseline_bn", label: "output baseline bn", digits: 1 },
      { key: "output_rel_bn", label: "reallocation bn", digits: 1, sign: true },
      { key: "output_pct", label: "output %", digits: 2, sign: true, plain: true },
      { key: "price_pct", label: "price %", digits: 2, sign: true, upIsBad: true },
    ]),
    s.commitments.length ? TW.el("h3", { text: "Purchase commitments" }) : null,
    s.commitments.length ? TW.table(s.commitments, [
      { key: "commitment", left: true },
      { key: "sectors", left: true },
      { key: "sector_target_bn", label: "target bn", digits: 2 },
      { key: "without_commitment_bn", label: "without bn", digits: 2 },
      { key: "achieved_bn", label: "achieved bn", digits: 2 },
      { key: "subsidy_pct", label: "wedge %", digits: 2 },
      { key: "cost_bn", label: "cost bn", digits: 2 },
    ]) : null,
    s.observed.length ? TW.el("h3", { text: "Predicted beside observed" }) : null,
    s.observed.length ? TW.el("div", { class: "scroll" }, TW.table(s.observed, Object.keys(s.observed[0]).map((k) => ({ key: k, left: typeof s.observed[0][k] === "string" })))) : null,
    TW.el("h3", { text: "Notes" }),
    TW.el("ul", {}, [...s.notes, ...s.policy_notes].map((n) => TW.el("li", { class: "note", text: n }))),
    TW.el("h3", { text: "Solver" }),
    TW.el("p", { class: "note", id: "solver-line", text: `converged: ${solver.converged}; outcome ${solver.outcome}; ${solver.iterations} iterations; residual ${Number(solver.residual).toExponential(2)}; largest equilibrium-condition error ${Number(solver.max_condition).toExponential(2)}; ${TW.fmt(solver.total_seconds, 2)} s` }),
  );
  const iso = countries.map((c) => c.iso3);
  chartIn("welfare", () => TW.barChart(welfareCanvas, iso, [
    { label: "welfare %", data: countries.map((c) => c.welfare_pct), backgroundColor: TW.US },
    { label: "real wage %", data: countries.map((c) => c.real_wage_pct), backgroundColor: "#7fa6d9" },
  ], { unit: "% change from baseline" }));
  const flows = usc.slice(0, 2);
  chartIn("us-china-trade", () => TW.barChart(tradeCanvas, flows.map((f) => f.flow), [
    { label: "baseline (2024)", data: flows.map((f) => f.baseline_bn), backgroundColor: "#9aa5b1" },
    { label: s.title, data: flows.map((f) => f.counterfactual_bn), backgroundColor: [TW.US, TW.CN] },
  ], { unit: "USD bn" }));
  const div = s.diversion.filter((r) => r.exporter !== "CHN");
  chartIn("diversion", () => TW.barChart(divCanvas, div.map((r) => r.exporter), [
    { label: "change in US imports (USD bn)", data: div.map((r) => r.change_bn), backgroundColor: div.map((r) => (r.change_bn >= 0 ? "#2a9d8f" : TW.CN)) },
  ], { unit: "USD bn" }));
}

// ------------------------------------------------------------------ compare

async function cmpRunChanged(side) {
  const id = document.getElementById(`cmp-run-${side}`).value;
  if (!id) return;
  const run = await TW.getJSON(`/api/runs/${id}`);
  const sel = document.getElementById(`cmp-scn-${side}`);
  sel.replaceChildren(...run.scenarios.map((s) => TW.el("option", { value: s.scenario, text: s.title })));
  sel.value = openingScenario(run.scenarios);
  if (side === "b" && run.scenarios.length > 1) sel.selectedIndex = 1;
}

async function compare() {
  const q = new URLSearchParams({
    run_a: document.getElementById("cmp-run-a").value,
    scenario_a: document.getElementById("cmp-scn-a").value,
    run_b: document.getElementById("cmp-run-b").value,
    scenario_b: document.getElementById("cmp-scn-b").value,
  });
  const box = document.getElementById("comparison");
  let c;
  try {
    c = await TW.getJSON(`/api/compare?${q}`);
  } catch (err) {
    TW.showError(box, err);
    return;
  }
  const canvas = TW.el("canvas", { id: "compare-chart" });
  const rows = c.countries.map((r) => ({
    iso3: r.iso3,
    a: r.welfare_pct.a, b: r.welfare_pct.b, diff: r.welfare_pct.diff,
    wa: r.real_wage_pct.a, wb: r.real_wage_pct.b,
    ba: r.trade_balance_bn.a, bb: r.trade_balance_bn.b,
  }));
  TW.fill(box,
    TW.el("p", {}, TW.el("strong", { text: "A: " }), `${c.a.title} (${c.a.run_id})`, TW.el("br"), TW.el("strong", { text: "B: " }), `${c.b.title} (${c.b.run_id})`),
    TW.el("div", { class: "chart-box small" }, canvas),
    TW.table(rows, [
      { key: "iso3", left: true, label: "economy" },
      { key: "a", label: "welfare % A", digits: 3, sign: true },
      { key: "b", label: "welfare % B", digits: 3, sign: true },
      { key: "diff", label: "B − A", digits: 3, sign: true },
      { key: "wa", label: "real wage % A", digits: 3, sign: true },
      { key: "wb", label: "real wage % B", digits: 3, sign: true },
      { key: "ba", label: "balance bn A", digits: 1 },
      { key: "bb", label: "balance bn B", digits: 1 },
    ], "iso3"));
  chartIn("compare", () => TW.barChart(canvas, rows.map((r) => r.iso3), [
    { label: `A: ${c.a.title}`, data: rows.map((r) => r.a), backgroundColor: TW.US },
    { label: `B: ${c.b.title}`, data: rows.map((r) => r.b), backgroundColor: "#f4a261" },
  ], { unit: "welfare, % change" }));
}

// ------------------------------------------------------------------ wiring

// The built-in list or the form could not be loaded: say why and disable the page's buttons.
function disable(message) {
  const box = document.getElementById("load-error");
  box.replaceChildren(TW.el("p", { class: "warn", text: message }));
  for (const id of ["run-builtin", "run-custom", "compare"]) document.getElementById(id).disabled = true;
  document.getElementById("builtin").replaceChildren();
}

document.addEventListener("DOMContentLoaded", async () => {
  try {
    await loadBuiltins();
    await loadForm();
  } catch (err) {
    disable(String(err.message || err));
    return;
  }
  document.getElementById("run-builtin").addEventListener("click", () => {
    const names = [...document.querySelectorAll("#builtin input:checked")].map((b) => b.value);
    if (!names.length) { TW.showError("job-message", "tick at least one built-in scenario"); document.getElementById("job").hidden = false; return; }
    startRun({ builtin: names });
  });
  document.getElementById("run-custom").addEventListener("click", () => startRun({ scenarios: [form.get()] }));
  document.getElementById("run-select").addEventListener("change", runChanged);
  document.getElementById("scenario-select").addEventListener("change", showScenario);
  document.getElementById("cmp-run-a").addEventListener("change", () => cmpRunChanged("a"));
  document.getElementById("cmp-run-b").addEventListener("change", () => cmpRunChanged("b"));
  document.getElementById("compare").addEventListener("click", compare);
  await loadRuns(null);
});
