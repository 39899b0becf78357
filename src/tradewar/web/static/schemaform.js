// A form generated from a JSON schema (the scenario schema of GET /api/scenarios/schema).
//
// Handles what that schema uses: objects with properties, maps (additionalProperties), arrays,
// anyOf (a choice of variant, "—" for null), enums, consts, dates, strings, numbers, booleans.
// Every input carries data-path="a.b.0.c" so tests and users can find it. The server validates
// the result again; the form only helps to write a valid scenario.
"use strict";

const SF = (() => {
  const el = (...a) => TW.el(...a);

  function label(schema, key) {
    return schema.title || key || "";
  }

  function typeOf(s) {
    if (s.const !== undefined) return "const";
    if (s.enum) return "enum";
    if (s.anyOf) return "anyOf";
    if (s.type === "object" && !s.properties && s.additionalProperties && typeof s.additionalProperties === "object") return "map";
    return s.type || "string";
  }

  function variantName(s) {
    if (s.type === "null") return "—";
    if (s.const !== undefined) return String(s.const);
    if (s.enum) return "choose";
    if (s.format === "date") return "date";
    if (s.type === "object" && s.additionalProperties && !s.properties) return "per sector";
    if (s.type === "number" || s.type === "integer") return "number";
    if (s.type === "array") return "list";
    return s.title || s.type || "value";
  }

  function matches(s, v) {
    if (s.type === "null") return v === null || v === undefined;
    if (s.const !== undefined) return v === s.const;
    if (s.enum) return s.enum.includes(v);
    if (s.format === "date") return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);
    if (s.type === "number" || s.type === "integer") return typeof v === "number";
    if (s.type === "array") return Array.isArray(v);
    if (s.type === "object") return v !== null && typeof v === "object" && !Array.isArray(v);
    if (s.type === "boolean") return typeof v === "boolean";
    return typeof v === "string";
  }

  function build(schema, value, path) {
    const kind = typeOf(schema);
    const v = value === undefined ? schema.default : value;
    switch (kind) {
      case "object": return objectEditor(schema, v || {}, path);
      case "map": return mapEditor(schema, v || {}, path);
      case "array": return arrayEditor(schema, v || [], path);
      case "anyOf": return anyOfEditor(schema, v, path);
      case "const": return { node: el("code", { text: JSON.stringify(schema.const) }), get: () => schema.const };
      case "enum": return enumEditor(schema, v, path);
      case "boolean": {
        const box = el("input", { type: "checkbox", "data-path": path });
        box.checked = !!v;
        return { node: box, get: () => box.checked };
      }
      case "number":
      case "integer": {
        const input = el("input", { type: "number", step: kind === "integer" ? "1" : "any", "data-path": path });
        if (typeof v === "number") input.value = String(v);
        return {
          node: input,
          get: () => (input.value.trim() === "" ? undefined : Number(input.value)),
        };
      }
      default: {
        const long = /description/.test(path);
        const input = long
          ? el("textarea", { rows: 3, cols: 60, "data-path": path })
          : el("input", { type: schema.format === "date" ? "date" : "text", size: 40, "data-path": path, pattern: schema.pattern || null, maxlength: schema.maxLength || null });
        if (typeof v === "string") input.value = v;
        return { node: input, get: () => (input.value === "" && schema.default === undefined && schema.minLength ? undefined : input.value) };
      }
    }
  }

  function enumEditor(schema, v, path) {
    const select = el("select", { "data-path": path });
    for (const option of schema.enum) select.append(el("option", { value: option, text: option }));
    if (v !== undefined && v !== null) select.value = v;
    return { node: select, get: () => select.value };
  }

  function row(key, schema, editor, required) {
    const help = schema.description ? el("div", { class: "sf-help", text: schema.description }) : null;
    return el("div", { class: "sf-row" },
      el("span", { class: "sf-label", text: `${label(schema, key)}${required ? " *" : ""}` }),
      el("span", {}, editor.node, help));
  }

  function objectEditor(schema, value, path) {
    const required = new Set(schema.required || []);
    const editors = {};
    const box = el("fieldset", {});
    for (const [key, sub] of Object.entries(schema.properties || {})) {
      const child = path ? `${path}.${key}` : key;
      editors[key] = build(sub, value[key], child);
      if (sub.type === "object" || sub.type === "array" || (sub.anyOf && sub.anyOf.some((a) => a.type === "object"))) {
        box.append(el("div", { class: "sf-row" }, el("span", { class: "sf-label", text: `${label(sub, key)}${required.has(key) ? " *" : ""}` }), editors[key].node));
      } else {
        box.append(row(key, sub, editors[key], required.has(key)));
      }
    }
    return {
      node: box,
      get: () => {
        const out = {};
        for (const [key, ed] of Object.entries(editors)) {
          const v = ed.get();
          const sub = schema.properties[key];
          if (v === undefined) continue;
          if (!required.has(key) && JSON.stringify(v) === JSON.stringify(sub.default)) continue;
          out[key] = v;
        }
        return out;
      },
    };
  }

  function listOfStrings(schema) {
    const it = schema.items || {};
    return it.type === "string" && !it.enum && !it.anyOf;
  }

  function arrayEditor(schema, value, path) {
    if (listOfStrings(schema)) {
      const input = el("textarea", { rows: 2, cols: 60, "data-path": path, placeholder: "one per line" });
      input.value = (value || []).join("\n");
      return {
        node: input,
        get: () => input.value.split("\n").map((x) => x.trim()).filter((x) => x),
      };
    }
    const items = [];
    const list = el("div", {});
    const most = schema.maxItems ?? Infinity;
    const add = el("button", { type: "button", class: "secondary", "data-path": `${path}+`, text: `add ${label(schema.items || {}, "item")}` });
    function append(v) {
      const index = items.length;
      const ed = build(schema.items || {}, v, `${path}.${index}`);
      const wrap = el("div", { class: "sf-item" }, ed.node);
      const entry = { ed, wrap };
      const remove = el("button", { type: "button", class: "secondary", text: "remove", onclick: () => {
        items.splice(items.indexOf(entry), 1);
        wrap.remove();
        add.disabled = items.length >= most;
      } });
      wrap.append(remove);
      items.push(entry);
      list.append(wrap);
      add.disabled = items.length >= most;
    }
    add.addEventListener("click", () => append(undefined));
    for (const v of value) append(v);
    return { node: el("div", {}, list, add), get: () => items.map((e) => e.ed.get()) };
  }

  function mapEditor(schema, value, path) {
    const rows = [];
    const list = el("div", {});
    function append(k, v) {
      const key = el("input", { type: "text", size: 18, placeholder: "key", "data-path": `${path}.key` });
      key.value = k || "";
      const ed = build(schema.additionalProperties, v, `${path}.${k || "value"}`);
      const wrap = el("div", { class: "sf-row" }, key, ed.node);
      const entry = { key, ed };
      wrap.append(el("button", { type: "button", class: "secondary", text: "remove", onclick: () => { rows.splice(rows.indexOf(entry), 1); wrap.remove(); } }));
      rows.push(entry);
      list.append(wrap);
    }
    for (const [k, v] of Object.entries(value)) append(k, v);
    const add = el("button", { type: "button", class: "secondary", text: "add entry", onclick: () => append("", undefined) });
    return {
      node: el("div", {}, list, add),
      get: () => Object.fromEntries(rows.filter((r) => r.key.value.trim()).map((r) => [r.key.value.trim(), r.ed.get()])),
    };
  }

  function anyOfEditor(schema, value, path) {
    const variants = schema.anyOf;
    const select = el("select", { "data-path": `${path}?` });
    variants.forEach((s, k) => select.append(el("option", { value: String(k), text: variantName(s) })));
    const v = value === undefined ? schema.default : value;
    let chosen = variants.findIndex((s) => matches(s, v));
    if (chosen < 0) chosen = variants.findIndex((s) => s.type === "null");
    if (chosen < 0) chosen = 0;
    select.value = String(chosen);
    const holder = el("span", {});
    let editor = null;
    function show(k, initial) {
      const s = variants[k];
      editor = s.type === "null" ? { node: el("span", {}), get: () => null } : build(s, initial, path);
      holder.replaceChildren(editor.node);
    }
    select.addEventListener("change", () => show(Number(select.value), undefined));
    show(chosen, v);
    return { node: el("span", {}, select, " ", holder), get: () => editor.get() };
  }

  return { build };
})();
