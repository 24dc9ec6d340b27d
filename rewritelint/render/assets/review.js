// The page's behaviour: filters and search pick the findings, which are drawn a page at a
// time in the report's order (never re-ranked here); keys act on the card in view;
// decisions persist in the browser and export as the baseline.
(() => {
  const $ = (id) => document.getElementById(id);
  const data = JSON.parse($("data").textContent);
  if (data.version !== 2) throw new Error("page data version " + data.version);
  const F = data.findings;
  const T = data.texts;
  // A text stored as pieces: earlier texts and the strings between them.
  for (let k = 0; k < T.length; k += 1) {
    if (typeof T[k] !== "string") T[k] = T[k].map((p) => (typeof p === "number" ? T[p] : p)).join("");
  }
  const N = F.message.length;
  const PAGE = 50;  // cards a page
  const FOLDED = 0.5;
  const PRINT_LIMIT = 500;
  const STORE = "rewritelint-review-decisions-v1";
  const NONE = { decision: "", note: "" };
  const CLICKABLE = new Set(["checkbox", "radio", "button", "submit", "reset", "file"]);
  const view = View(data);
  const list = $("list");
  const controls = $("controls");

  // What each finding belongs to, and the key its decision is kept under.
  const keys = new Array(N);
  const byKey = new Map();
  for (let i = 0; i < N; i += 1) {
    keys[i] = data.recorded[F.version[i]] + "\n" + F.fingerprint[i];
    if (!byKey.has(keys[i])) byKey.set(keys[i], []);
    byKey.get(keys[i]).push(i);
  }
  const sections = [];
  const sectionOf = new Int32Array(N);
  const storyIndex = new Map();
  const anchorIndex = new Map();
  data.stories.forEach((story, s) => {
    storyIndex.set(story.id, s);
    story.sections.forEach((section, k) => {
      anchorIndex.set(section.anchor, sections.length);
      for (let i = section.start; i < section.start + section.count; i += 1) {
        sectionOf[i] = sections.length;
      }
      sections.push({ s, k, section });
    });
  });
  const complete = new Set(data.complete_paths);
  const decisions = new Map();
  const inBaseline = new Set();
  const carried = new Map();
  const openFolds = new Set();
  const openAligned = new Set();

  // --- decisions, kept in the browser --------------------------------------------------------
  const stored = () => Store.read(STORE);
  const save = (changed) => Store.write(STORE, decisions, changed);
  function show(node, i) {
    const d = decisions.get(keys[i]) || NONE;
    node.dataset.decision = d.decision || "none";
    node.querySelector("button.accept").setAttribute("aria-pressed", String(d.decision === "accepted"));
    node.querySelector("button.fix").setAttribute("aria-pressed", String(d.decision === "fix"));
    const note = node.querySelector("input.note");
    if (note.value !== (d.note || "")) note.value = d.note || "";
    let state = d.decision === "accepted" ? "Decision: accepted as deliberate"
      : d.decision === "fix" ? "Decision: needs fix" : "Undecided";
    if (inBaseline.has(keys[i])) state += " (in the baseline)";
    node.querySelector(".state").textContent = state;
    const mini = node.querySelector(".mini");
    if (mini) mini.textContent = d.decision === "accepted" ? "accepted" : d.decision === "fix" ? "needs fix" : "";
  }
  function decide(i, decision, note) {
    const key = keys[i];
    const d = decisions.get(key) || NONE;
    decisions.set(key, {
      decision: decision === undefined ? d.decision : decision,
      note: note === undefined ? d.note : note,
    });
    for (const j of byKey.get(key)) {
      const node = $("f-" + j);
      if (node) show(node, j);
    }
    save([key]);
    if (decision !== undefined && $("f-decision").value !== "") applyFilters(true);
  }
  function toggle(i, want) {
    decide(i, (decisions.get(keys[i]) || NONE).decision === want ? "" : want);
  }

  // --- filters and pages -----------------------------------------------------------------------
  let units = [];  // what the filters let through, in page order: a finding, or -1 - section
  let shownCount = 0;
  let page = 0;
  let printing = false;
  const posOf = new Int32Array(N);
  const sectionPos = new Int32Array(sections.length);
  let haystack = null;

  function checkedIndices(name, table) {
    const on = new Uint8Array(table.length);
    let all = true;
    for (const box of document.querySelectorAll('input[name="' + name + '"]')) {
      if (box.checked) on[table.indexOf(box.value)] = 1;
      else all = false;
    }
    return [on, all];
  }
  // Every finding's searchable text (message, rule, file, flagged words, passages),
  // lower-cased, in one string with finding i from offsets[i]: made once, when the page is
  // idle or the search box is first used. One indexOf over it finds a word in every
  // finding far faster than a test of each finding's own text.
  function search() {
    if (haystack !== null) return haystack;
    const parts = [];
    const offsets = new Int32Array(N + 1);
    let length = 0;
    for (let i = 0; i < N; i += 1) {
      const own = [F.message[i], data.rules[F.rule[i]], data.paths[F.version[i]], T[F.text[i]]];
      for (const item of [F.left[i], F.right[i]]) if (item) own.push(T[item[0]]);
      if (F.reference[i] !== null) own.push(T[F.reference[i]]);
      const text = own.join("\n").toLowerCase() + "\u0000";
      offsets[i] = length;
      length += text.length;
      parts.push(text);
    }
    offsets[N] = length;
    haystack = { text: parts.join(""), offsets };
    return haystack;
  }
  // The findings holding every word, as a 0/1 array.
  function holding(words) {
    const { text, offsets } = search();
    let out = null;
    for (const word of words) {
      const found = new Uint8Array(N);
      let i = 0;
      let at = text.indexOf(word);
      while (at >= 0) {
        while (offsets[i + 1] <= at) i += 1;
        if (!out || out[i]) found[i] = 1;
        at = text.indexOf(word, offsets[i + 1]);
      }
      out = found;
    }
    return out;
  }
  function filters() {
    const [severity, allSeverities] = checkedIndices("severity", data.severities);
    const [category, allCategories] = checkedIndices("category", data.categories);
    const rule = $("f-rule").value === "" ? -1 : data.rules.indexOf($("f-rule").value);
    const version = $("f-version").value === "" ? -1 : Number($("f-version").value);
    const decision = $("f-decision").value;
    const words = $("f-search").value.toLowerCase().split(/\s+/).filter(Boolean);
    const all = allSeverities && allCategories && rule < 0 && version < 0 && decision === "" &&
      !words.length;
    return { severity, category, rule, version, decision, all,
      words: words.length ? holding(words) : null };
  }
  function matches(i, f) {
    if (!f.severity[F.severity[i]] || !f.category[F.category[i]]) return false;
    if (f.rule >= 0 && F.rule[i] !== f.rule) return false;
    if (f.version >= 0 && F.version[i] !== f.version) return false;
    if (f.decision !== "" && ((decisions.get(keys[i]) || NONE).decision || "none") !== f.decision) {
      return false;
    }
    return f.words === null || f.words[i] === 1;
  }
  function applyFilters(keep) {
    const f = filters();
    const out = [];
    posOf.fill(-1);
    sectionPos.fill(-1);
    shownCount = 0;
    sections.forEach(({ section }, g) => {
      if (section.count === 0) {
        if (f.all) {
          sectionPos[g] = out.length;
          out.push(-1 - g);
        }
        return;
      }
      for (let i = section.start; i < section.start + section.count; i += 1) {
        if (!matches(i, f)) continue;
        if (sectionPos[g] < 0) sectionPos[g] = out.length;
        posOf[i] = out.length;
        out.push(i);
        shownCount += 1;
      }
    });
    units = out;
    // A page holds PAGE cards, a folded one counting FOLDED (it is one line); a version
    // without findings goes with the cards after it.
    starts = [0];
    let weight = 0;
    for (let u = 0; u < units.length; u += 1) {
      if (units[u] < 0) continue;
      const w = F.fold[units[u]] === null ? 1 : FOLDED;
      if (weight > 0 && weight + w > PAGE) {
        let start = u;
        while (start > starts[starts.length - 1] + 1 && units[start - 1] < 0) start -= 1;
        starts.push(start);
        weight = 0;
      }
      weight += w;
    }
    page = keep ? Math.min(page, pages() - 1) : 0;
    draw();
  }
  function resetFilters() {
    for (const box of controls.querySelectorAll("input[type=checkbox]")) box.checked = true;
    for (const id of ["f-rule", "f-version", "f-decision"]) $(id).value = "";
    $("f-search").value = "";
    applyFilters(false);
  }
  let starts = [0];  // where each page begins in units
  const pages = () => starts.length;
  function pageOf(u) {
    let p = 0;
    while (p + 1 < starts.length && starts[p + 1] <= u) p += 1;
    return p;
  }
  const sectionOfUnit = (unit) => (unit >= 0 ? sectionOf[unit] : -1 - unit);

  function draw() {
    const from = printing ? 0 : starts[page];
    const to = printing || page + 1 >= starts.length ? units.length : starts[page + 1];
    const out = document.createDocumentFragment();
    let story = -1;
    let section = -1;
    let storyNode = null;
    let sectionNode = null;
    for (let u = from; u < to; u += 1) {
      const unit = units[u];
      const g = sectionOfUnit(unit);
      const before = u > 0 ? sectionOfUnit(units[u - 1]) : -1;
      if (sections[g].s !== story) {
        story = sections[g].s;
        section = -1;
        storyNode = view.storyHead(story, before >= 0 && sections[before].s === story);
        out.append(storyNode);
      }
      if (g !== section) {
        section = g;
        sectionNode = view.sectionHead(story, sections[g].k, before === g, openAligned.has(g));
        sectionNode.dataset.g = String(g);
        storyNode.append(sectionNode);
      }
      if (unit >= 0) {
        const node = view.card(unit, openFolds.has(unit));
        show(node, unit);
        if (unit === current) node.classList.add("current");
        sectionNode.append(node);
      }
    }
    if (!units.length) out.append(view.el("p", "muted empty", N ? "No findings match the filters." : "No findings."));
    list.replaceChildren(out);
    $("count").textContent = shownCount + " of " + N + " findings shown";
    $("print-note").textContent = printing || pages() === 1 ? "" : "Printed: page " +
      (page + 1) + " of " + pages() + " of the " + shownCount + " findings shown. Filter " +
      "them to " + PRINT_LIMIT + " or fewer to print them all at once.";
    const label = "page " + (page + 1) + " of " + pages();
    for (const node of document.querySelectorAll(".page-of")) node.textContent = label;
    for (const button of document.querySelectorAll("button.turn")) {
      const step = Number(button.dataset.step);
      button.disabled = step < 0 ? page === 0 : page >= pages() - 1;
    }
  }
  function turn(step) {
    const next = Math.min(Math.max(page + step, 0), pages() - 1);
    if (next === page) return;
    page = next;
    draw();
    list.scrollIntoView({ block: "start" });
    list.focus({ preventScroll: true });
  }

  // --- where the reader is ---------------------------------------------------------------------
  let current = -1;
  function barBottom() {
    if (getComputedStyle(controls).position !== "sticky") return 0;
    return Math.max(0, controls.getBoundingClientRect().bottom);
  }
  function measureBar() {
    const sticky = getComputedStyle(controls).position === "sticky";
    document.documentElement.style.setProperty("--bar", sticky ? controls.offsetHeight + "px" : "0px");
  }
  // A card the reader can see: enough of it between the sticky bar and the window's bottom.
  function inView(node) {
    if (!node || !node.isConnected) return false;
    const box = node.getBoundingClientRect();
    const seen = Math.min(box.bottom, window.innerHeight) - Math.max(box.top, barBottom());
    return box.height > 0 && seen >= Math.min(24, box.height / 2);
  }
  function setCurrent(i) {
    const old = current >= 0 ? $("f-" + current) : null;
    if (old) old.classList.remove("current");
    current = i;
    const node = $("f-" + i);
    if (node) node.classList.add("current");
    return node;
  }
  function go(i) {
    if (posOf[i] < 0) return;
    const p = pageOf(posOf[i]);
    if (p !== page && !printing) {
      page = p;
      draw();
    }
    const node = setCurrent(i);
    node.focus({ preventScroll: true });
    const room = window.innerHeight - barBottom();
    node.scrollIntoView({ block: node.getBoundingClientRect().height < room ? "center" : "start" });
  }
  function move(step) {
    const node = current >= 0 ? $("f-" + current) : null;
    if (node && posOf[current] >= 0 && inView(node)) {
      let u = posOf[current] + step;
      while (u >= 0 && u < units.length && units[u] < 0) u += step;
      if (u >= 0 && u < units.length) go(units[u]);
      return;
    }
    // From what the reader sees: the first card in view, else the nearest past the view.
    const cards = Array.from(list.querySelectorAll("article.finding"));
    if (!cards.length) return;
    const seen = cards.find(inView);
    const top = barBottom();
    const after = cards.find((c) => c.getBoundingClientRect().top >= top);
    const before = cards.filter((c) => c.getBoundingClientRect().bottom <= top).pop();
    const pick = seen || (step > 0 ? after || cards[cards.length - 1] : before || cards[0]);
    go(Number(pick.dataset.i));
  }
  // The current card, if the reader can see it: keys never act on a card out of view.
  function seenCurrent() {
    const node = current >= 0 ? $("f-" + current) : null;
    if (node && inView(node)) return node;
    hint(node ? "The selected finding is out of view: press j or k to pick one in view."
      : "Press j or k to pick a finding first.");
    return null;
  }
  let hintTimer = 0;
  function hint(text) {
    $("hint").textContent = text;
    window.clearTimeout(hintTimer);
    hintTimer = window.setTimeout(() => { $("hint").textContent = ""; }, 4000);
  }
  function fold(node, open) {
    const i = Number(node.dataset.i);
    if (!node.classList.contains("folded")) return;
    const now = open === undefined ? !node.classList.contains("open") : open;
    node.classList.toggle("open", now);
    node.querySelector("button.fold").setAttribute("aria-expanded", String(now));
    if (now) openFolds.add(i);
    else openFolds.delete(i);
  }

  function unescaped(fragment) {
    try {
      return decodeURIComponent(fragment);
    } catch (err) {
      return fragment;
    }
  }
  // Anchors (#f-12, #story-3, #story-3-v1) reach findings on any page, below the sticky bar;
  // a target the filters hide clears the filters first.
  function locate(id) {
    const finding = /^f-(\d+)$/.exec(id);
    if (finding) return Number(finding[1]) < N ? posOf[Number(finding[1])] : null;
    if (anchorIndex.has(id)) return sectionPos[anchorIndex.get(id)];
    if (!storyIndex.has(id)) return null;
    const s = storyIndex.get(id);
    let best = -1;
    sections.forEach((x, g) => {
      if (x.s === s && sectionPos[g] >= 0 && (best < 0 || sectionPos[g] < best)) best = sectionPos[g];
    });
    return best;
  }
  function reveal(id) {
    let u = locate(id);
    if (u === null) return false;
    if (u < 0) {
      resetFilters();
      hint("Filters cleared to show " + id + ".");
      u = locate(id);
      if (u === null || u < 0) return false;
    }
    const p = pageOf(u);
    if ((p !== page && !printing) || !$(id)) {
      page = printing ? page : p;
      draw();
    }
    const node = $(id);
    if (!node) return false;
    node.scrollIntoView({ block: "start" });
    if (node.matches("article.finding")) {
      setCurrent(Number(node.dataset.i));
      node.focus({ preventScroll: true });
    }
    return true;
  }

  // --- events ----------------------------------------------------------------------------------
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    const typing = target && (/^(TEXTAREA|SELECT)$/.test(target.tagName) ||
      (target.tagName === "INPUT" && !CLICKABLE.has(target.type)) || target.isContentEditable);
    if (typing) {
      const card = target.closest("article.finding");
      if (event.key === "Escape" && card) go(Number(card.dataset.i));
      return;
    }
    const key = event.key;
    if (key === "j" || key === "n") move(1);
    else if (key === "k" || key === "p") move(-1);
    else if (key === "/") $("f-search").focus();
    else if (key === "a" || key === "f" || key === "o" ||
             (key === "Enter" && target.matches && target.matches("article.finding"))) {
      const node = seenCurrent();
      if (!node) return;
      if (key === "a") toggle(current, "accepted");
      else if (key === "f") toggle(current, "fix");
      else fold(node);
    } else return;
    event.preventDefault();
  });
  list.addEventListener("focusin", (event) => {
    const card = event.target.closest("article.finding");
    if (card && Number(card.dataset.i) !== current) setCurrent(Number(card.dataset.i));
  });
  list.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const card = button.closest("article.finding");
    if (button.classList.contains("accept")) toggle(Number(card.dataset.i), "accepted");
    else if (button.classList.contains("fix")) toggle(Number(card.dataset.i), "fix");
    else if (button.classList.contains("fold")) fold(card);
    else if (button.classList.contains("aligned-toggle")) {
      const section = button.closest("section.version");
      const g = Number(section.dataset.g);
      const box = button.nextElementSibling;
      const open = button.getAttribute("aria-expanded") !== "true";
      if (open && !box.firstChild) box.append(view.alignedTable(sections[g].section.aligned));
      box.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      if (open) openAligned.add(g);
      else openAligned.delete(g);
    }
  });
  list.addEventListener("input", (event) => {
    const card = event.target.closest("article.finding");
    if (card && event.target.matches("input.note")) {
      decide(Number(card.dataset.i), undefined, event.target.value);
    }
  });
  for (const input of controls.querySelectorAll("input[type=checkbox], select")) {
    input.addEventListener("change", () => applyFilters(false));
  }
  $("f-search").addEventListener("input", () => applyFilters(false));
  $("f-search").addEventListener("focus", search);
  for (const button of document.querySelectorAll("button.turn")) {
    button.addEventListener("click", () => turn(Number(button.dataset.step)));
  }
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest('a[href^="#"]');
    if (!link || event.defaultPrevented) return;
    const id = unescaped(link.getAttribute("href").slice(1));
    if (locate(id) === null) return;  // the browser's own jump (#overview, #list)
    event.preventDefault();
    try {
      if (window.location.hash !== "#" + id) window.history.pushState(null, "", "#" + id);
    } catch (err) {
      // A page whose history cannot change still jumps.
    }
    reveal(id);
  });
  window.addEventListener("hashchange", () => reveal(unescaped(window.location.hash.slice(1))));

  // Printing shows every finding the filters let through, each card whole; past
  // PRINT_LIMIT of them (thousands of pages), the page on screen, and a note says so.
  function beforePrint() {
    if (printing || shownCount > PRINT_LIMIT) return;
    printing = true;
    draw();
  }
  function afterPrint() {
    if (!printing) return;
    printing = false;
    const y = window.scrollY;
    draw();
    window.scrollTo(0, Math.min(y, document.documentElement.scrollHeight));
  }
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  window.matchMedia("print").addEventListener("change", (event) => {
    if (event.matches) beforePrint();
    else afterPrint();
  });

  // --- the baseline file -----------------------------------------------------------------------
  function applyEntries(entries, fromPage) {
    let matched = 0;
    let kept = 0;
    let stale = 0;
    for (const e of entries) {
      const key = e.path + "\n" + e.fingerprint;
      const hits = (byKey.get(key) || []).filter((i) => data.rules[F.rule[i]] === e.rule);
      if (hits.length) {
        matched += 1;
        decisions.set(key, { decision: "accepted", note: e.note });
        if (fromPage) inBaseline.add(key);
      } else if (!complete.has(e.path)) {
        kept += 1;
        carried.set(key, e);
      } else {
        stale += 1;
      }
    }
    return { matched, kept, stale };
  }
  function baselineText() {
    const unique = new Map(carried);
    for (const [key, found] of byKey) {
      const d = decisions.get(key);
      if (!d || d.decision !== "accepted") continue;
      const i = found[0];
      unique.set(key, { path: data.recorded[F.version[i]], rule: data.rules[F.rule[i]],
        fingerprint: F.fingerprint[i], text: T[F.text[i]],
        reference: F.reference[i] === null ? null : T[F.reference[i]],
        note: (d.note || "").trim() });
    }
    return Baseline.write(unique.values());
  }
  function status(text) {
    $("io-status").textContent = text;
  }
  $("export").addEventListener("click", () => {
    const text = baselineText();
    const count = JSON.parse(text).findings.length;
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
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
      const result = applyEntries(Baseline.read(JSON.parse(await file.text())), false);
      save(byKey.keys());
      applyFilters(true);
      status("Imported " + file.name + ": " + result.matched + " finding(s) marked accepted" +
        (result.kept ? ", " + result.kept + " entr(ies) of other files kept for the export" : "") +
        (result.stale ? ", " + result.stale + " no longer found" : "") + ".");
    } catch (err) {
      status("Could not import " + file.name + ": " + err.message);
    }
    input.value = "";
  });

  // --- start -----------------------------------------------------------------------------------
  applyEntries(Baseline.read({ version: 1, findings: data.baseline }), true);
  const saved = stored();
  for (const key of byKey.keys()) {
    const d = saved[key];
    if (d && typeof d === "object" && ["", "accepted", "fix"].includes(d.decision)) {
      decisions.set(key, { decision: d.decision, note: typeof d.note === "string" ? d.note : "" });
    }
  }
  measureBar();
  if (window.ResizeObserver) new ResizeObserver(measureBar).observe(controls);
  window.addEventListener("resize", measureBar);
  applyFilters(false);
  if (window.location.hash) reveal(unescaped(window.location.hash.slice(1)));
  if (window.requestIdleCallback) window.requestIdleCallback(search, { timeout: 1000 });
  else window.setTimeout(search, 200);
})();
