(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var list = document.getElementById("findings");
  var cards = {};
  Array.prototype.forEach.call(list.querySelectorAll(".card"), function (card) {
    cards[card.getAttribute("data-index")] = card;
  });
  var sourceRank = {};
  data.sources.forEach(function (id, i) { sourceRank[id] = i; });

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

  function checkedKinds() {
    var kinds = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name=kind]"), function (box) {
      kinds[box.value] = box.checked;
    });
    return kinds;
  }

  function rank(id) {
    return id in sourceRank ? sourceRank[id] : data.sources.length;
  }

  function pairKey(f) {
    var a = rank(f.sources[0]), b = rank(f.sources[1]);
    return a <= b ? [a, b] : [b, a];
  }

  function compare(x, y) {
    if (sortSelect.value === "source") {
      var kx = pairKey(x), ky = pairKey(y);
      if (kx[0] !== ky[0]) return kx[0] - ky[0];
      if (kx[1] !== ky[1]) return kx[1] - ky[1];
    }
    if (x.score !== y.score) return y.score - x.score;
    return x.index - y.index;
  }

  function matches(f, kinds, min, source) {
    if (!kinds[f.kind]) return false;
    if (f.score + 1e-9 < min) return false;
    if (source && f.sources.indexOf(source) < 0) return false;
    if (pair && !((f.sources[0] === pair[0] && f.sources[1] === pair[1]) ||
                  (f.sources[0] === pair[1] && f.sources[1] === pair[0]))) return false;
    if (hideDismissed && hideDismissed.checked && f.verdict === "dismissed") return false;
    return true;
  }

  function apply() {
    var kinds = checkedKinds();
    var min = parseFloat(minScore.value) || 0;
    var source = sourceFilter.value;
    var shown = 0;
    minScoreValue.textContent = min.toFixed(2);
    data.findings.slice().sort(compare).forEach(function (f) {
      var card = cards[String(f.index)];
      if (!card) return;
      var visible = matches(f, kinds, min, source);
      card.hidden = !visible;
      if (visible) shown += 1;
      list.appendChild(card);
    });
    count.textContent = "Showing " + shown + " of " + data.findings.length + " findings";
    emptyState.hidden = shown > 0;
    pairChip.hidden = !pair;
    if (pair) pairChip.textContent = "Only " + pair[0] + " × " + pair[1] + "  ✕";
    Array.prototype.forEach.call(matrixCells, function (cell) {
      var on = pair && cell.getAttribute("data-a") === pair[0] && cell.getAttribute("data-b") === pair[1];
      cell.classList.toggle("active", Boolean(on));
    });
  }

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
})();
