// Helpers shared by every page of the tradewar dashboard (no framework, no network but /api).
"use strict";

const TW = {
  US: "#1f4e9c",
  CN: "#c0392b",
  PALETTE: ["#1f4e9c", "#c0392b", "#2a9d8f", "#e9c46a", "#8e44ad", "#f4a261", "#264653",
    "#7f8c8d", "#d35400", "#16a085", "#34495e", "#b5838d", "#6d597a"],

  async getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await r.json().catch(() => ({ detail: r.statusText }));
    if (!r.ok) throw new Error(TW.detail(body) || `${r.status} ${r.statusText}`);
    return body;
  },

  async postJSON(url, payload) {
    const r = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(payload),
    });
    const body = await r.json().catch(() => ({ detail: r.statusText }));
    if (!r.ok) throw new Error(TW.detail(body) || `${r.status} ${r.statusText}`);
    return body;
  },

  detail(body) {
    if (!body) return "";
    const d = body.detail;
    if (typeof d === "string") return d;
    if (Array.isArray(d)) return d.map((e) => `${(e.loc || []).join(".")}: ${e.msg}`).join("; ");
    return JSON.stringify(d);
  },

  el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  },

  // A number as the page shows it: fixed digits, a sign when asked, an em dash when missing.
  fmt(value, digits = 2, sign = false) {
    if (value === null || value === undefined || Number.isNaN(value)) return "—";
    const s = Number(value).toFixed(digits);
    return sign && value > 0 ? `+${s}` : s;
  },

  // A table from rows and columns [{key, label, digits, sign, left, fmt, upIsBad, plain}]; cells
  // carry data-key="<row id>.<column key>" so tests can read the numbers shown. Signed numbers
  // are green when up and red when down; upIsBad reverses that (a price rise is bad), plain
  // leaves them uncoloured (a change that is neither good nor bad, such as a trade flow).
  table(rows, columns, idKey = null) {
    const head = TW.el("tr", {}, columns.map((c) => TW.el("th", { class: c.left ? "l" : null, text: c.label || c.key })));
    const body = rows.map((row) => TW.el("tr", {}, columns.map((c) => {
      const v = row[c.key];
      let text;
      if (c.fmt) text = c.fmt(v, row);
      else if (typeof v === "number") text = TW.fmt(v, c.digits ?? 2, c.sign);
      else text = v === null || v === undefined ? "—" : String(v);
      const up = c.upIsBad ? "neg" : "pos";
      const down = c.upIsBad ? "pos" : "neg";
      const tone = c.sign && !c.plain && typeof v === "number" ? (v > 0 ? up : v < 0 ? down : "") : "";
      const cls = [c.left ? "l" : "", tone].join(" ").trim();
      const cell = TW.el("td", { class: cls || null, "data-key": idKey ? `${row[idKey]}.${c.key}` : null });
      if (text instanceof Node) cell.append(text); else cell.textContent = text;
      return cell;
    })));
    return TW.el("table", {}, TW.el("thead", {}, head), TW.el("tbody", {}, body));
  },

  // An economy as shown: "South Korea (KOR)" where the payload names it, else the code.
  economy(names, code) {
    return names && names[code] ? `${names[code]} (${code})` : code;
  },

  sources(urls) {
    return TW.el("span", {}, (urls || []).map((u, k) => [k ? " " : "", TW.el("a", { class: "src", href: u, target: "_blank", rel: "noopener", text: u })]));
  },

  confirmedTag(ok) {
    return TW.el("span", { class: ok ? "tag" : "tag unconfirmed", text: ok ? "confirmed" : "UNCONFIRMED" });
  },

  // Days since 1970-01-01 (UTC) <-> ISO dates, for Chart.js linear time axes (no date adapter).
  day(iso) { return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86400000); },
  iso(day) { return new Date(Math.round(day) * 86400000).toISOString().slice(0, 10); },

  barChart(canvas, labels, datasets, opts = {}) {
    return new Chart(canvas, {
      type: "bar",
      data: { labels, datasets },
      options: Object.assign({
        responsive: true, maintainAspectRatio: false, animation: false,
        indexAxis: opts.horizontal ? "y" : "x",
        plugins: { legend: { position: "top" }, title: { display: !!opts.title, text: opts.title } },
        scales: { [opts.horizontal ? "x" : "y"]: { title: { display: !!opts.unit, text: opts.unit } } },
      }, opts.options || {}),
    });
  },

  // Replace a node's children, leaving out null and undefined ones.
  fill(node, ...children) {
    node.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined));
  },

  showError(where, err) {
    const box = typeof where === "string" ? document.getElementById(where) : where;
    box.replaceChildren(TW.el("p", { class: "error", text: String(err.message || err) }));
  },
};

// Mark the current page in the navigation bar.
document.addEventListener("DOMContentLoaded", () => {
  for (const a of document.querySelectorAll("header.top nav a")) {
    if (a.getAttribute("href") === window.location.pathname) a.classList.add("active");
  }
});
