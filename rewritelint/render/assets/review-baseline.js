// The baseline file, exactly as rewritelint.baseline reads and writes it: entries sorted by
// path, rule, fingerprint and text in Python's str order, two-space indented JSON.
const Baseline = (() => {
  // Python's str order (code points), so the export sorts as render_baseline does.
  function compare(a, b) {
    const x = Array.from(a);
    const y = Array.from(b);
    for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
      const d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    return x.length === y.length ? 0 : (x.length < y.length ? -1 : 1);
  }
  function entryObject(e) {
    const item = { path: e.path, rule: e.rule, fingerprint: e.fingerprint, text: e.text,
      reference: e.reference };
    if (e.note) item.note = e.note;
    return item;
  }
  function read(doc) {
    if (!doc || typeof doc !== "object" || !Array.isArray(doc.findings)) {
      throw new Error("a baseline is an object with a 'findings' list");
    }
    if (doc.version !== 1) {
      throw new Error("unsupported baseline version " + JSON.stringify(doc.version));
    }
    return doc.findings.map((item, k) => {
      if (!item || typeof item !== "object" ||
          !["path", "rule", "fingerprint"].every((key) => typeof item[key] === "string")) {
        throw new Error("findings[" + k + "] needs string 'path', 'rule', 'fingerprint'");
      }
      return {
        path: item.path, rule: item.rule, fingerprint: item.fingerprint,
        text: item.text === undefined ? "" : String(item.text),
        reference: typeof item.reference === "string" ? item.reference : null,
        note: item.note === undefined ? "" : String(item.note),
      };
    });
  }
  function write(entries) {
    const items = Array.from(entries).sort((a, b) => compare(a.path, b.path) ||
      compare(a.rule, b.rule) || compare(a.fingerprint, b.fingerprint) ||
      compare(a.text, b.text));
    return JSON.stringify({ version: 1, findings: items.map(entryObject) }, null, 2) + "\n";
  }
  return { read, write };
})();

// Decisions kept in the browser's storage under one key: {key: {decision, note}}.
const Store = (() => {
  function read(name) {
    try {
      const raw = window.localStorage.getItem(name);
      const value = raw ? JSON.parse(raw) : {};
      return value && typeof value === "object" ? value : {};
    } catch (err) {
      return {};
    }
  }
  function write(name, decisions, changed) {
    try {
      const all = read(name);
      for (const key of changed) {
        const d = decisions.get(key);
        if (d && (d.decision || d.note)) all[key] = { decision: d.decision, note: d.note };
        else delete all[key];
      }
      window.localStorage.setItem(name, JSON.stringify(all));
    } catch (err) {
      // Storage is blocked (some browsers, file:// pages): decisions last while the page is open.
    }
  }
  return { read, write };
})();
