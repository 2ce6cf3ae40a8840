(function () {
  "use strict";
  // The finding cards, drawn from the embedded data (contradictions.report.html.page_data) a page at a time as
  // they scroll into view; filters and sorting run over every finding. Text goes in only as textContent.
  var PAGE = 50;
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var findings = data.findings;
  var byId = {};
  findings.forEach(function (f, i) {
    f.index = i;
    byId[f.id] = i;
    var a = f.sides[0][0], b = f.sides[1][0];  // sources by position: their rank when sorting by source
    f.pair = a <= b ? [a, b] : [b, a];
  });

  var list = document.getElementById("findings");
  var more = document.getElementById("more");
  var form = document.getElementById("controls");
  var minScore = document.getElementById("min-score");
  var minScoreValue = document.getElementById("min-score-value");
  var sourceFilter = document.getElementById("source-filter");
  var sortSelect = document.getElementById("sort");
  var hideDismissed = document.getElementById("hide-dismissed");
  var count = document.getElementById("visible-count");
  var pairChip = document.getElementById("pair-chip");
  var emptyState = document.getElementById("empty-state");
  var matrixCells = document.querySelectorAll(".matrix .cell");
  var pair = null;
  var order = [];  // positions in `findings` of those that match the filters, in the chosen order
  var drawn = 0;   // how many of them have a card in the list

  // --- one card -------------------------------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return parent;
  }

  function sourceId(id) {  // as the template's source_id macro: "002" strong, "_89a7..." muted
    var node = el("span", "sid");
    node.title = id;
    var cut = id.indexOf("_");
    var short = cut > 0 && cut <= 6;
    add(node, el("b", null, short ? id.slice(0, cut) : id));
    if (short) add(node, el("span", "sid-tail", id.slice(cut)));
    return node;
  }

  function swatch(colour) {
    var node = el("span", "swatch");
    node.style.background = colour;
    node.setAttribute("aria-hidden", "true");
    return node;
  }

  function marked(text, start, end) {  // the sentence with the disputed words in <mark>
    return [text.slice(0, start), el("mark", null, text.slice(start, end)), text.slice(end)];
  }

  function sideNode(side, copies) {
    // [source, sentence, mark start, mark end, paragraph, position in it, paragraph number, reads, credit, unattributed];
    // copies: [source, 1 word for word | 0 reworded] of the other sources carrying the sentence
    var source = side[0], sentence = data.texts[side[1]];
    var node = el("div", "side");
    var head = add(el("p", "side-source"), swatch(data.colours[source]), sourceId(data.sources[source]));
    var title = data.titles[source], link = data.links[source];
    if (title) {
      var titleNode = el(link ? "a" : "span", "side-title", title);
      titleNode.title = title;
      if (link && /^https?:\/\//i.test(link)) {
        titleNode.href = link;
        titleNode.rel = "noopener noreferrer";
        titleNode.target = "_blank";
      }
      add(head, " ", titleNode);
    }
    add(node, head);
    if (side[8]) {
      add(node, add(el("p", "attribution"), "Credited to ", el("strong", null, side[8])));
    } else if (side[9]) {
      add(node, el("p", "attribution unattributed", "Credited to no one"));
    }
    add(node, add.apply(null, [el("blockquote", "sentence")].concat(marked(sentence, side[2], side[3]))));
    if (side[7]) add(node, el("p", "reads", "read as " + side[7]));
    if (copies.length) {
      add(node, el("p", "copies muted small", "Also carried by " + copies.map(function (c) {
        return data.sources[c[0]] + (c[1] ? " (word for word)" : " (reworded)");
      }).join(", ")));
    }
    var context = el("details", "context");
    add(context, el("summary", null, "In its paragraph" + (side[6] === null || side[6] === undefined ? "" : " (¶ " + (side[6] + 1) + ")")));
    var paragraph = el("p", "paragraph");
    data.paragraphs[side[4]].forEach(function (text, k) {
      if (k) add(paragraph, " ");
      if (k === side[5]) {
        add(paragraph, add.apply(null, [el("span", "focus")].concat(marked(sentence, side[2], side[3]))));
      } else {
        add(paragraph, data.texts[text]);
      }
    });
    return add(node, add(context, paragraph));
  }

  function card(f) {
    var node = el("li", "card relation-" + (f.relation || "") + (f.verdict ? " is-" + f.verdict : ""));
    node.id = "f-" + f.id;
    node.setAttribute("data-index", f.index);
    var score = el("div", "score");
    score.title = "score " + f.score.toFixed(2);
    var bar = el("span");
    bar.style.width = Math.round(f.score * 1000) / 10 + "%";
    add(score, el("span", "score-num", f.score.toFixed(2)), add(el("span", "score-bar"), bar));
    var title = add(el("div", "card-title"), el("span", "badge kind-" + f.kind, f.kind));
    if (f.relation) add(title, " ", el("span", "badge rel", f.relation));
    if (f.label) add(title, " ", el("strong", "label", f.label));
    add(title, el("p", "explanation", f.explanation || ""));
    var head = add(el("div", "card-head"), score, title);
    if (f.verdict) {
      add(head, add(el("div", "verdict verdict-" + f.verdict),
        el("strong", null, f.verdict.charAt(0).toUpperCase() + f.verdict.slice(1)),
        f.verdict_note ? el("span", "note", f.verdict_note) : null,
        f.verdict_time ? el("span", "muted small", f.verdict_time) : null));
    }
    var foot = el("p", "card-foot muted small", f.story ? "story " + f.story + " · " : "");
    (f.factors || []).forEach(function (factor) {  // as Python writes them: 1.0, 0.64
      add(foot, factor[0] + " " + (Number.isInteger(factor[1]) ? factor[1].toFixed(1) : factor[1]) + " · ");
    });
    var self = el("a", null, "#" + f.id);
    self.href = "#f-" + f.id;
    var copies = [[], []];
    (f.copies || []).forEach(function (copy) { copies[copy[0]].push([copy[1], copy[2]]); });
    return add(node, head, add(el("div", "sides"), sideNode(f.sides[0], copies[0]), sideNode(f.sides[1], copies[1])),
      add(foot, self));
  }

  // --- which cards, in what order -------------------------------------------------------------------------

  function checkedKinds() {
    var kinds = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name=kind]"), function (box) {
      kinds[box.value] = box.checked;
    });
    return kinds;
  }

  function compare(x, y) {
    if (sortSelect.value === "source") {
      if (x.pair[0] !== y.pair[0]) return x.pair[0] - y.pair[0];
      if (x.pair[1] !== y.pair[1]) return x.pair[1] - y.pair[1];
    }
    if (x.score !== y.score) return y.score - x.score;
    return x.index - y.index;
  }

  function matches(f, kinds, min, source) {
    var a = data.sources[f.sides[0][0]], b = data.sources[f.sides[1][0]];
    if (!kinds[f.kind]) return false;
    if (f.score + 1e-9 < min) return false;
    if (source && a !== source && b !== source &&
        !(f.copies || []).some(function (copy) { return data.sources[copy[1]] === source; })) return false;
    if (pair && !((a === pair[0] && b === pair[1]) || (a === pair[1] && b === pair[0]))) return false;
    if (hideDismissed && hideDismissed.checked && f.verdict === "dismissed") return false;
    return true;
  }

  function drawMore() {
    var end = Math.min(order.length, drawn + PAGE);
    var cards = document.createDocumentFragment();
    for (; drawn < end; drawn++) cards.appendChild(card(findings[order[drawn]]));
    list.appendChild(cards);
    var left = order.length - drawn;
    more.hidden = left <= 0;
    more.textContent = "Show " + Math.min(PAGE, left) + " more (" + left + " not shown yet)";
  }

  function apply() {
    var kinds = checkedKinds();
    var min = parseFloat(minScore.value) || 0;
    var source = sourceFilter.value;
    minScoreValue.textContent = min.toFixed(2);
    order = findings.filter(function (f) { return matches(f, kinds, min, source); })
      .sort(compare).map(function (f) { return f.index; });
    list.textContent = "";
    drawn = 0;
    drawMore();
    count.textContent = "Showing " + order.length + " of " + findings.length + " findings";
    emptyState.hidden = order.length > 0;
    pairChip.hidden = !pair;
    if (pair) pairChip.textContent = "Only " + pair[0] + " × " + pair[1] + "  ✕";
    Array.prototype.forEach.call(matrixCells, function (cell) {
      var on = pair && cell.getAttribute("data-a") === pair[0] && cell.getAttribute("data-b") === pair[1];
      cell.classList.toggle("active", Boolean(on));
    });
  }

  function reveal() {  // a link to #f-<id>: draw down to that card (if the filters show it) and go there
    var id = decodeURIComponent(location.hash.slice(1)).replace(/^f-/, "");
    var position = id in byId ? order.indexOf(byId[id]) : -1;
    if (position < 0) return;
    while (drawn <= position) drawMore();
    document.getElementById("f-" + id).scrollIntoView();
  }

  // --- events ---------------------------------------------------------------------------------------------

  if ("IntersectionObserver" in window) {
    var watcher = new IntersectionObserver(function (entries) {
      if (!entries.some(function (e) { return e.isIntersecting; })) return;
      drawMore();
      watcher.unobserve(more);  // observed afresh: called again at once if the button is still in reach
      watcher.observe(more);
    }, { rootMargin: "0px 0px 1200px 0px" });
    watcher.observe(more);
  }
  more.addEventListener("click", drawMore);
  window.addEventListener("beforeprint", function () { while (drawn < order.length) drawMore(); });
  window.addEventListener("hashchange", reveal);
  Array.prototype.forEach.call(matrixCells, function (cell) {
    cell.addEventListener("click", function () {
      pair = [cell.getAttribute("data-a"), cell.getAttribute("data-b")];
      apply();
      document.getElementById("findings-h").scrollIntoView({ behavior: "smooth", block: "start" });
    });
  });
  pairChip.addEventListener("click", function () { pair = null; apply(); });
  document.getElementById("reset").addEventListener("click", function () {
    form.reset();
    pair = null;
    apply();
  });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
  if (location.hash) reveal();
})();
