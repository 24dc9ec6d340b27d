"use strict";
(() => {
  const data = JSON.parse(document.getElementById("data").textContent);
  const findings = data.findings;
  const cards = Array.from(document.querySelectorAll("article.finding"));
  const STORE = "rewritelint-review-decisions-v1";
  const decisions = new Map();
  const inBaseline = new Set();
  const carried = new Map();
  const complete = new Set(data.complete_paths);
  const $ = (id) => document.getElementById(id);
  const entryKey = (path, fingerprint) => path + "\n" + fingerprint;
  const CLICKABLE = new Set(["checkbox", "radio", "button", "submit", "reset", "file"]);

  function stored() {
    try {
      const raw = window.localStorage.getItem(STORE);
      const value = raw ? JSON.parse(raw) : {};
      return value && typeof value === "object" ? value : {};
    } catch (err) {
      return {};
    }
  }
  function save() {
    try {
      const all = stored();
      for (const f of findings) {
        const d = decisions.get(f.key);
        if (d && (d.decision || d.note)) all[f.key] = { decision: d.decision, note: d.note };
        else delete all[f.key];
      }
      window.localStorage.setItem(STORE, JSON.stringify(all));
    } catch (err) {
      // Storage is blocked (some browsers, file:// pages): decisions last while the page is open.
    }
  }

  function cardsOf(key) {
    return cards.filter((card) => findings[Number(card.dataset.i)].key === key);
  }
  function show(card) {
    const f = findings[Number(card.dataset.i)];
    const d = decisions.get(f.key) || { decision: "", note: "" };
    card.dataset.decision = d.decision || "none";
    const pressed = (selector, on) => card.querySelector(selector)
      .setAttribute("aria-pressed", String(on));
    pressed("button.accept", d.decision === "accepted");
    pressed("button.fix", d.decision === "fix");
    const note = card.querySelector("input.note");
    if (note.value !== d.note) note.value = d.note || "";
    let state = d.decision === "accepted" ? "Decision: accepted as deliberate"
      : d.decision === "fix" ? "Decision: needs fix" : "Undecided";
    if (inBaseline.has(f.key)) state += " (in the baseline)";
    card.querySelector(".state").textContent = state;
  }
  function decide(card, decision, note) {
    const f = findings[Number(card.dataset.i)];
    const d = decisions.get(f.key) || { decision: "", note: "" };
    const next = {
      decision: decision === undefined ? d.decision : decision,
      note: note === undefined ? d.note : note,
    };
    decisions.set(f.key, next);
    cardsOf(f.key).forEach(show);
    save();
    if (decision !== undefined) applyFilters();
  }

  function checked(name) {
    return new Set(Array.from(document.querySelectorAll('input[name="' + name + '"]'))
      .filter((box) => box.checked).map((box) => box.value));
  }
  function applyFilters() {
    const severities = checked("severity");
    const categories = checked("category");
    const rule = $("f-rule").value;
    const version = $("f-version").value;
    const decision = $("f-decision").value;
    let shown = 0;
    for (const card of cards) {
      const f = findings[Number(card.dataset.i)];
      const d = (decisions.get(f.key) || {}).decision || "none";
      const visible = severities.has(f.severity) && categories.has(f.category) &&
        (rule === "" || f.rule === rule) &&
        (version === "" || f.version === Number(version)) &&
        (decision === "" || d === decision);
      card.hidden = !visible;
      if (visible) shown += 1;
    }
    for (const section of document.querySelectorAll("section.version")) {
      const own = section.querySelectorAll("article.finding");
      const filtered = version !== "" || rule !== "" || decision !== "" ||
        severities.size < document.querySelectorAll('input[name="severity"]').length ||
        categories.size < document.querySelectorAll('input[name="category"]').length;
      section.hidden = own.length ?
        !section.querySelector("article.finding:not([hidden])") : filtered;
    }
    for (const story of document.querySelectorAll("section.story")) {
      const any = story.querySelector("article.finding");
      story.querySelector("p.empty").hidden =
        !any || Boolean(story.querySelector("article.finding:not([hidden])"));
    }
    $("count").textContent = shown + " of " + cards.length + " findings shown";
  }

  let current = null;
  function focusCard(card) {
    if (current) current.classList.remove("current");
    current = card;
    card.classList.add("current");
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "center" });
  }
  function move(step) {
    const visible = cards.filter((card) => !card.hidden);
    if (!visible.length) return;
    const at = current ? visible.indexOf(current) : -1;
    let next;
    if (at < 0) {
      if (current) {
        const i = cards.indexOf(current);
        const after = visible.findIndex((card) => cards.indexOf(card) > i);
        next = step > 0 ? (after < 0 ? visible.length - 1 : after)
          : (after < 0 ? visible.length - 1 : Math.max(after - 1, 0));
      } else {
        next = step > 0 ? 0 : visible.length - 1;
      }
    } else {
      next = Math.min(Math.max(at + step, 0), visible.length - 1);
    }
    focusCard(visible[next]);
  }
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    const typing = target && (/^(TEXTAREA|SELECT)$/.test(target.tagName) ||
      (target.tagName === "INPUT" && !CLICKABLE.has(target.type)) || target.isContentEditable);
    if (typing) {
      if (event.key === "Escape" && target.closest("article.finding")) {
        focusCard(target.closest("article.finding"));
      }
      return;
    }
    if (event.key === "j" || event.key === "n") { move(1); event.preventDefault(); }
    else if (event.key === "k" || event.key === "p") { move(-1); event.preventDefault(); }
    else if ((event.key === "a" || event.key === "f") && current && !current.hidden) {
      const want = event.key === "a" ? "accepted" : "fix";
      const f = findings[Number(current.dataset.i)];
      const d = (decisions.get(f.key) || {}).decision;
      decide(current, d === want ? "" : want);
      event.preventDefault();
    }
  });

  for (const card of cards) {
    card.addEventListener("focusin", () => {
      if (current !== card) {
        if (current) current.classList.remove("current");
        current = card;
        card.classList.add("current");
      }
    });
    card.querySelector("button.accept").addEventListener("click", () => {
      const d = (decisions.get(findings[Number(card.dataset.i)].key) || {}).decision;
      decide(card, d === "accepted" ? "" : "accepted");
    });
    card.querySelector("button.fix").addEventListener("click", () => {
      const d = (decisions.get(findings[Number(card.dataset.i)].key) || {}).decision;
      decide(card, d === "fix" ? "" : "fix");
    });
    card.querySelector("input.note").addEventListener("input", (event) => {
      decide(card, undefined, event.target.value);
    });
  }
  const filterInputs = "#controls input[type=checkbox], #controls select";
  for (const input of document.querySelectorAll(filterInputs)) {
    input.addEventListener("change", applyFilters);
  }

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
  function readEntries(doc) {
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
  function applyEntries(entries, fromPage) {
    let matched = 0;
    let kept = 0;
    let stale = 0;
    for (const e of entries) {
      const hits = findings.filter((f) => f.path === e.path && f.fingerprint === e.fingerprint &&
        f.rule === e.rule);
      if (hits.length) {
        matched += 1;
        for (const f of hits) {
          decisions.set(f.key, { decision: "accepted", note: e.note });
          if (fromPage) inBaseline.add(f.key);
        }
      } else if (!complete.has(e.path)) {
        kept += 1;
        carried.set(entryKey(e.path, e.fingerprint), e);
      } else {
        stale += 1;
      }
    }
    return { matched, kept, stale };
  }
  function baselineText() {
    const unique = new Map(carried);
    for (const f of findings) {
      const d = decisions.get(f.key);
      if (d && d.decision === "accepted") {
        unique.set(entryKey(f.path, f.fingerprint), { path: f.path, rule: f.rule,
          fingerprint: f.fingerprint, text: f.text, reference: f.reference,
          note: (d.note || "").trim() });
      }
    }
    const items = Array.from(unique.values()).sort((a, b) => compare(a.path, b.path) ||
      compare(a.rule, b.rule) || compare(a.fingerprint, b.fingerprint) ||
      compare(a.text, b.text));
    return JSON.stringify({ version: 1, findings: items.map(entryObject) }, null, 2) + "\n";
  }
  function status(text) {
    $("io-status").textContent = text;
  }
  $("export").addEventListener("click", () => {
    const text = baselineText();
    const count = JSON.parse(text).findings.length;
    const blob = new Blob([text], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = data.baseline_name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60000);
    status("Exported " + count + " acknowledged finding(s). Save " + data.baseline_name +
      " at the project root: check reads it there.");
  });
  $("import").addEventListener("change", async (event) => {
    const input = event.target;
    const file = input.files && input.files[0];
    if (!file) return;
    try {
      const result = applyEntries(readEntries(JSON.parse(await file.text())), false);
      cards.forEach(show);
      save();
      applyFilters();
      status("Imported " + file.name + ": " + result.matched + " finding(s) marked accepted" +
        (result.kept ? ", " + result.kept + " entr(ies) of other files kept for the export" : "") +
        (result.stale ? ", " + result.stale + " no longer found" : "") + ".");
    } catch (err) {
      status("Could not import " + file.name + ": " + err.message);
    }
    input.value = "";
  });

  applyEntries(readEntries({ version: 1, findings: data.baseline }), true);
  const saved = stored();
  for (const f of findings) {
    const d = saved[f.key];
    if (d && typeof d === "object" && ["", "accepted", "fix"].includes(d.decision)) {
      const note = typeof d.note === "string" ? d.note : "";
      decisions.set(f.key, { decision: d.decision, note });
    }
  }
  cards.forEach(show);
  applyFilters();
})();
