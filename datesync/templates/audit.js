(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("datesync-data").textContent);
  var byId = function (id) { return document.getElementById(id); };
  var all = function (selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); };
  var controls = { severity: byId("f-severity"), kind: byId("f-kind"), lang: byId("f-lang"), source: byId("f-source") };
  var search = byId("f-search");
  var rows = all("tr.finding");
  var events = all("section.event");
  var marks = {};
  all("a.tl-event").forEach(function (a) { (marks[a.getAttribute("data-event")] = marks[a.getAttribute("data-event")] || []).push(a); });
  var lower = new WeakMap();

  function list(el, name) {
    var value = el.getAttribute("data-" + name);
    return value ? JSON.parse(value) : [];
  }
  function text(el) {
    var t = lower.get(el);
    if (t === undefined) { t = el.textContent.toLowerCase(); lower.set(el, t); }
    return t;
  }
  function has(el, name, wanted) { return !wanted || list(el, name).indexOf(wanted) >= 0; }

  function apply() {
    var f = {};
    Object.keys(controls).forEach(function (k) { f[k] = controls[k] ? controls[k].value : ""; });
    var q = search.value.trim().toLowerCase();
    var shownRows = 0, shownEvents = 0;
    rows.forEach(function (row) {
      var ok = (!f.severity || row.getAttribute("data-severity") === f.severity) &&
        (!f.kind || row.getAttribute("data-kind") === f.kind) &&
        has(row, "langs", f.lang) && has(row, "sources", f.source) && (!q || text(row).indexOf(q) >= 0);
      row.hidden = !ok;
      if (ok) shownRows++;
    });
    events.forEach(function (ev) {
      var ok = has(ev, "severities", f.severity) && has(ev, "kinds", f.kind) &&
        has(ev, "langs", f.lang) && has(ev, "sources", f.source) && (!q || text(ev).indexOf(q) >= 0);
      ev.hidden = !ok;
      if (ok) shownEvents++;
      all("article.rep", ev).forEach(function (rep) {
        rep.hidden = ok && ((f.lang && rep.getAttribute("data-lang") !== f.lang) ||
          (f.source && rep.getAttribute("data-source") !== f.source));
      });
      (marks[ev.id] || []).forEach(function (a) { a.classList.toggle("dim", !ok); });
    });
    byId("f-count").textContent = shownEvents + " of " + events.length + " events · " +
      shownRows + " of " + rows.length + " findings";
  }

  var marked = [];
  function reveal(el) {
    for (var node = el; node; node = node.parentElement) { if (node.hidden) node.hidden = false; }
  }
  function go(row) {
    marked.forEach(function (el) { el.classList.remove("marked"); });
    marked = [];
    rows.forEach(function (r) { r.classList.remove("active"); });
    row.classList.add("active");
    var selector = '[data-f~="' + row.getAttribute("data-id") + '"]';
    var block = row.getAttribute("data-event") ? byId(row.getAttribute("data-event")) : null;
    var targets = block ? all(selector, block) : [];
    if (!targets.length) targets = all(selector);
    if (!targets.length) {
      if (block) { reveal(block); block.scrollIntoView({ block: "start" }); }
      return;
    }
    targets.forEach(function (el) { reveal(el); el.classList.add("marked"); marked.push(el); });
    targets[0].scrollIntoView({ block: "center" });
  }
  rows.forEach(function (row) {
    row.addEventListener("click", function () { go(row); });
    row.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(row); }
    });
  });

  document.addEventListener("mouseover", function (e) {
    var m = e.target && e.target.closest ? e.target.closest("[data-d]") : null;
    if (m && !m.title) {
      var day = m.getAttribute("data-d");
      var note = m.getAttribute("data-n");
      m.title = (data.days[day] || day || "no single date") + (note ? "\n" + note : "");
    }
  });

  var timer = null;
  Object.keys(controls).forEach(function (k) { if (controls[k]) controls[k].addEventListener("change", apply); });
  search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 150); });
  apply();
})();
