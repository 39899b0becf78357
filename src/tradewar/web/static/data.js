// Data page: the world in use, its sources and vintage.
"use strict";

document.addEventListener("DOMContentLoaded", async () => {
  const box = document.getElementById("data");
  let d;
  try {
    d = await TW.getJSON("/api/data");
  } catch (err) {
    TW.showError(box, err);
    return;
  }
  const rows = d.economies.map((c) => ({
    iso3: c,
    gdp_bn: d.gdp_bn[c],
    goods_exports_bn: d.goods_exports_bn[c],
    goods_imports_bn: d.goods_imports_bn[c],
    to_us_bn: c === "USA" ? null : d.bilateral_goods_bn[`USA<-${c}`],
    to_cn_bn: c === "CHN" ? null : d.bilateral_goods_bn[`CHN<-${c}`],
  }));
  const theta = Object.entries(d.theta).map(([sector, value]) => ({ sector, theta: value, goods: d.goods_sectors.includes(sector) ? "goods" : "services" }));
  const sources = Object.entries(d.sources).map(([file, urls]) => ({ file, urls, unconfirmed: (d.unconfirmed_rows || {})[file] ?? null }));
  const hashes = Object.entries(d.sha256).map(([file, sha]) => ({ file, sha }));
  const canvas = TW.el("canvas", { id: "trade-chart" });
  box.replaceChildren(
    TW.el("div", { class: "cards" },
      TW.el("div", { class: "card" }, TW.el("div", { class: "k", text: "world" }), TW.el("div", { class: "v", id: "world-name", text: d.name })),
      TW.el("div", { class: "card" }, TW.el("div", { class: "k", text: "base year (vintage)" }), TW.el("div", { class: "v", id: "base-year", text: d.base_year })),
      TW.el("div", { class: "card" }, TW.el("div", { class: "k", text: "economies × sectors" }), TW.el("div", { class: "v", text: `${d.economies.length} × ${d.sectors.length}` }))),
    TW.el("p", { class: "note", text: `Units: ${d.units}.` }),
    TW.el("h2", { text: "Economies (USD bn, base year)" }),
    TW.table(rows, [
      { key: "iso3", left: true, label: "economy", fmt: (v) => TW.economy(d.names, v) },
      { key: "gdp_bn", label: "value added (GDP)", digits: 1 },
      { key: "goods_exports_bn", label: "goods exports", digits: 1 },
      { key: "goods_imports_bn", label: "goods imports", digits: 1 },
      { key: "to_us_bn", label: "goods sold to the US", digits: 1 },
      { key: "to_cn_bn", label: "goods sold to China", digits: 1 },
    ], "iso3"),
    TW.el("div", { class: "chart-box small" }, canvas),
    TW.el("h2", { text: "Sectors and trade elasticities (θ, Caliendo–Parro 2015)" }),
    TW.table(theta, [{ key: "sector", left: true }, { key: "goods", left: true, label: "kind" }, { key: "theta", label: "θ", digits: 2 }], "sector"),
    TW.el("h2", { text: "Sources of each input file" }),
    TW.table(sources, [
      { key: "file", left: true },
      { key: "unconfirmed", label: "rows estimated or not re-checked", digits: 0 },
      { key: "urls", left: true, label: "sources", fmt: (v) => TW.sources(v) },
    ], "file"),
    TW.el("h2", { text: "Data files (sha256)" }),
    TW.el("div", { class: "scroll" }, TW.table(hashes, [{ key: "file", left: true }, { key: "sha", left: true, label: "sha256" }], "file")),
  );
  const others = d.economies.filter((c) => c !== "USA" && c !== "CHN");
  TW.barChart(canvas, others, [
    { label: "goods sold to the US (USD bn)", data: others.map((c) => d.bilateral_goods_bn[`USA<-${c}`]), backgroundColor: TW.US },
    { label: "goods sold to China (USD bn)", data: others.map((c) => d.bilateral_goods_bn[`CHN<-${c}`]), backgroundColor: TW.CN },
  ], { unit: "USD bn, base year", title: "Who sells to the US and to China" });
});
