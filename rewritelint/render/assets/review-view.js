"use strict";
// Drawing the page from its data (rewritelint/render/review_data.py documents the keys):
// a card per finding, a story's head, a version's head, the aligned view. Story text only
// ever becomes text nodes (append of a string, textContent): never HTML.
const View = (data) => {
  const F = data.findings;
  const T = data.texts;
  const P = data.paths;
  const PREVIEW = 160;
  const ROLES = { reference: "Reference", rewrite: "Rewrite", unsourced: "Story" };
  const NOUNS = { error: ["error", "errors"], warning: ["warning", "warnings"],
    info: ["info", "info"] };

  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }
  const code = (text, className) => el("code", className, text);
  const plural = (n, one, many) => n + " " + (n === 1 ? one : many || one + "s");
  const counts = (list) => list.map(([s, n]) => n + " " + NOUNS[s][n === 1 ? 0 : 1]).join(", ");
  const where = (path, line, column) => P[path] + ":" + line + ":" + column;
  const fixed = (x) => (x === null || x === undefined ? "" : x.toFixed(2));

  // Flagged text: <del> (reference), <ins> (rewrite) or <mark> (one version on its own);
  // the inner span carries the strike-through or underline, and the style sheet adds the
  // text markers ([-…-], {+…+}, ⟦…⟧) around it, so colour is not needed.
  function wrap(tag, text, whole) {
    const node = el(tag, [tag === "mark" ? "flag" : "", whole ? "whole" : ""].join(" ").trim());
    node.append(el("span", "w", text));
    return node;
  }
  // A shown text: [text index, marks (flat start/end list, or null: all flagged), whole].
  function shown(item, tag) {
    const out = document.createDocumentFragment();
    if (!item) return out;
    const text = T[item[0]];
    const marks = item[1];
    if (marks === null) {
      out.append(wrap(tag, text, item[2] === 1));
      return out;
    }
    let pos = 0;
    for (let k = 0; k < marks.length; k += 2) {
      out.append(text.slice(pos, marks[k]), wrap(tag, text.slice(marks[k], marks[k + 1])));
      pos = marks[k + 1];
    }
    out.append(text.slice(pos));
    return out;
  }
  // The start of a passage for a one-line preview (the card's body has all of it): a
  // line cut short by the style sheet still costs the layout of every character.
  function preview(text) {
    if (text.length <= PREVIEW) return text;
    const cut = text.charCodeAt(PREVIEW - 1) >= 0xd800 && text.charCodeAt(PREVIEW - 1) < 0xdc00;
    return text.slice(0, cut ? PREVIEW - 1 : PREVIEW) + "…";
  }
  function side(kicker, place, body, className) {
    const head = el("p", "kicker", kicker);
    if (place) head.append(" ", code(place));
    return el("div", "side " + className, head, el("div", "passage", body));
  }

  function passages(i) {
    const layout = data.layouts[F.layout[i]];
    const here = where(F.version[i], F.line[i], F.column[i]);
    const ref = F.ref[i];
    const there = ref ? where(ref[0], ref[1], ref[2]) : "";
    const mine = F.mine[i] ? "This version (the reference)" : "Rewrite";
    if (layout === "omitted") {
      const absent = el("div", null, el("p", "absent", "Not in the rewrite."));
      if (F.context[i] !== null) {
        absent.append(el("p", "context", "Near this passage of the rewrite:"),
          el("p", "context-text", T[F.context[i]]));
      }
      return el("div", "pair omitted",
        side("Reference, left out of the rewrite", there, shown(F.left[i], "del"), "left"),
        side(mine, here, absent, "right"));
    }
    if (layout === "added") {
      return el("div", "pair added",
        side("Reference", "", el("p", "absent", "No counterpart in the reference."), "left"),
        side(mine + ", added", here, shown(F.right[i], "ins"), "right"));
    }
    if (layout === "pair") {
      return el("div", "pair", side("Reference", there, shown(F.left[i], "del"), "left"),
        side(mine, here, shown(F.right[i], "ins"), "right"));
    }
    return el("div", "single", side(mine, here, shown(F.right[i], "mark"), "only"));
  }

  function decide() {
    const note = el("input", "note");
    note.type = "text";
    note.maxLength = 500;
    note.autocomplete = "off";
    const button = (className, label) => {
      const b = el("button", className, label);
      b.type = "button";
      b.setAttribute("aria-pressed", "false");
      return b;
    };
    const box = el("div", "decide", button("accept", "Accept as deliberate"), " ",
      button("fix", "Needs fix"), " ", el("label", "note-label", "Note ", note), " ",
      el("span", "state", "Undecided"));
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Decision");
    return box;
  }

  function card(i, open) {
    const severity = data.severities[F.severity[i]];
    const head = el("header", "head",
      el("span", "badge sev sev-" + severity, severity), " ",
      el("span", "badge cat", data.categories[F.category[i]]), " ",
      code(data.rules[F.rule[i]], "badge rule"));
    if (F.score[i] !== null) head.append(" ", el("span", "badge score", "score " + fixed(F.score[i])));
    head.append(" ", code(where(F.version[i], F.line[i], F.column[i]), "loc"));
    const message = el("p", "msg", F.message[i]);
    message.id = "f-" + i + "-m";
    const body = [head, message];
    const ref = F.ref[i];
    if (ref) {
      const line = el("p", "ref", "Reference ", code(where(ref[0], ref[1], ref[2])));
      if (F.quote[i] !== null) line.append(": ", el("q", null, T[F.quote[i]]));
      body.push(line);
    }
    body.push(passages(i), decide());
    const node = el("article", "finding sev-" + severity);
    node.id = "f-" + i;
    node.dataset.i = String(i);
    node.tabIndex = -1;
    node.setAttribute("aria-labelledby", "f-" + i + "-m");
    if (F.fold[i] === null) {
      node.append(...body);
      return node;
    }
    // One line until opened: the run's size, its start, where it is.
    node.classList.add("folded");
    if (open) node.classList.add("open");
    const toggle = el("button", "fold", T[F.fold[i]]);
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", String(Boolean(open)));
    toggle.setAttribute("aria-controls", "f-" + i + "-body");
    const start = data.layouts[F.layout[i]] === "omitted" ? F.left[i] : F.right[i];
    const line = el("div", "fold-line", el("span", "badge sev sev-" + severity, severity), " ",
      toggle, " ", el("span", "preview", start ? preview(T[start[0]]) : ""), " ",
      code(where(F.version[i], F.line[i], F.column[i]), "loc"), " ", el("span", "mini"));
    const rest = el("div", "body", ...body);
    rest.id = "f-" + i + "-body";
    node.append(line, rest);
    return node;
  }

  function versionsTable(story) {
    const scored = story.versions.some((v) => v.score !== null);
    const header = ["role", "file", "similarity", "findings"].concat(scored ? ["score"] : []);
    const head = el("tr");
    for (const name of header) {
      const th = el("th", null, name);
      th.scope = "col";
      head.append(th);
    }
    const body = el("tbody");
    for (const v of story.versions) {
      const link = el("a", null, code(P[v.path]));
      link.href = "#" + v.anchor;
      const row = el("tr", null, el("td", null, v.role), el("td", null, link),
        el("td", null, fixed(v.similarity)), el("td", null, counts(v.counts) || "none"));
      if (scored) row.append(el("td", null, fixed(v.score)));
      body.append(row);
    }
    return el("div", "scroll", el("table", "versions", el("thead", null, head), body));
  }

  function storyHead(s, continued) {
    const story = data.stories[s];
    const node = el("section", "story");
    node.dataset.story = String(s);
    const title = el("h2", null, story.id, " ", el("span", "muted",
      plural(story.versions.length, "version") + ", " + plural(story.findings, "finding") +
      (continued ? " (continued from the previous page)" : "")));
    const up = el("a", "up", "overview ↑");
    up.href = "#overview";
    title.append(up);
    title.id = story.id + "-h";
    node.setAttribute("aria-labelledby", title.id);
    node.append(title);
    if (continued) return node;
    node.id = story.id;
    node.append(story.reference === null ? el("p", "reason", story.reason)
      : el("p", "reason", "Reference: ", code(P[story.reference]), " (" + story.reason + ")"));
    node.append(versionsTable(story));
    if (story.consensus.length) {
      const list = el("ul", "consensus");
      for (const d of story.consensus) {
        const item = el("li", null, code(P[d.path] + ":" + d.line), ": " +
          d.values.map(([value, n]) => "“" + value + "” in " + n).join("; "));
        if (d.odd.length) item.append("; odd one out: ", code(d.odd.map((p) => P[p]).join(", ")));
        list.append(item);
      }
      node.append(el("h3", null, "Facts the versions disagree on"), list);
    }
    return node;
  }

  function sectionHead(s, k, continued, aligned) {
    const section = data.stories[s].sections[k];
    const node = el("section", "version");
    const title = el("h3", null, el("span", "role", ROLES[section.role]), " ",
      code(P[section.path]));
    if (section.similarity !== null) {
      title.append(" ", el("span", "muted", "similarity " + fixed(section.similarity)));
    }
    if (continued) title.append(" ", el("span", "muted", "(continued)"));
    node.append(title);
    if (!continued) node.id = section.anchor;
    if (section.aligned && !continued) {
      const a = section.aligned;
      const toggle = el("button", "aligned-toggle", "Aligned with the reference: " +
        plural(a.rows.length, "passage") + ", " + a.changed + " changed, " + a.added +
        " added, " + a.omitted + " omitted");
      toggle.type = "button";
      toggle.setAttribute("aria-expanded", String(Boolean(aligned)));
      const box = el("div", "aligned");
      if (aligned) box.append(alignedTable(a));
      else box.hidden = true;
      node.append(toggle, box);
    }
    if (section.count === 0) node.append(el("p", "muted none", "No findings in this version."));
    return node;
  }

  // The whole rewrite beside the reference, passage by passage, as a redline.
  function alignedTable(a) {
    const body = el("tbody");
    for (const row of a.rows) {
      // A bare index: a passage the rewrite kept word for word.
      const [kind, reference, rewrite] = typeof row === "number" ? [0, [row, []], [row, []]] : row;
      body.append(el("tr", data.row_kinds[kind],
        el("td", null, reference ? shown(reference, "del")
          : el("span", "muted", "— no counterpart in the reference —")),
        el("td", null, rewrite ? shown(rewrite, "ins")
          : el("span", "muted", "— not in the rewrite —"))));
    }
    const head = el("tr", null, el("th", null, "reference"), el("th", null, "rewrite"));
    return el("table", "pairs", el("thead", null, head), body);
  }

  return { el, card, storyHead, sectionHead, alignedTable };
};
