// The alignment map: a drawn tree of one goal's part of the cascade (d3-hierarchy layout,
// plain SVG). The server sends at most a bounded number of nodes (goals/selectors.py,
// alignment_map); a node whose sub-goals were not sent shows their count and, when
// chosen, becomes the new root of the map, so deeper levels load on demand.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var ROW = 30;      // vertical distance between neighbouring goals
  var COLUMN = 185;  // horizontal distance between tiers
  var LABEL = 24;    // characters of a title that fit a column

  var container, upButton, currentRoot;

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function shorten(text) {
    return text.length > LABEL ? text.slice(0, LABEL - 1) + "…" : text;
  }

  function progressClass(value) {
    if (value >= 0.67) return "map-node--good";
    if (value >= 0.34) return "map-node--fair";
    return "map-node--poor";
  }

  function load(goalId) {
    if (!goalId) return;
    var url = container.dataset.urlTemplate.replace("/0/", "/" + goalId + "/");
    container.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("The map could not be loaded (" + response.status + ").");
        return response.json();
      })
      .then(function (data) {
        currentRoot = data;
        draw(data);
        var params = new URLSearchParams(window.location.search);
        params.set("map", data.id);
        window.history.replaceState(null, "", window.location.pathname + "?" + params.toString());
      })
      .catch(function (error) {
        container.textContent = error.message;
      })
      .finally(function () { container.removeAttribute("aria-busy"); });
  }

  function draw(data) {
    var root = d3.hierarchy(data, function (d) { return d.children; });
    d3.tree().nodeSize([ROW, COLUMN]).separation(function (a, b) { return a.parent === b.parent ? 1 : 1.4; })(root);
    var top = Infinity, bottom = -Infinity, right = 0;
    root.each(function (node) {
      top = Math.min(top, node.x);
      bottom = Math.max(bottom, node.x);
      right = Math.max(right, node.y);
    });
    var width = right + COLUMN + 20, height = bottom - top + ROW * 2;
    container.textContent = "";
    var svg = el("svg", {
      viewBox: [-10, top - ROW, width, height].join(" "),
      width: width,
      height: height,
      role: "img",
      "aria-label": "Alignment map of " + data.title + ": " + data.node_count + " goals",
    }, container);
    var links = el("g", { class: "map-links" }, svg);
    root.links().forEach(function (link) {
      var midY = (link.source.y + link.target.y) / 2;
      el("path", {
        d: "M" + link.source.y + "," + link.source.x + "C" + midY + "," + link.source.x + " " + midY + "," +
          link.target.x + " " + link.target.y + "," + link.target.x,
      }, links);
    });
    root.each(function (node) { drawNode(svg, node); });
    upButton.hidden = !data.parent_id;
    // Start with the root in view: it sits at the left, halfway down its subtree.
    container.scrollLeft = 0;
    container.scrollTop = Math.max(0, root.x - (top - ROW) - container.clientHeight / 2);
  }

  function drawNode(svg, node) {
    var d = node.data;
    var group = el("g", {
      class: "map-node map-node--" + d.tier + " " + progressClass(d.rolled_up_progress),
      transform: "translate(" + node.y + "," + node.x + ")",
    }, svg);
    var hidden = d.subgoal_count - d.children.length;
    var dot = el("circle", { r: hidden > 0 ? 9 : 6 }, group);
    if (hidden > 0 && node.depth > 0) {
      dot.setAttribute("tabindex", "0");
      dot.setAttribute("role", "button");
      dot.setAttribute("aria-label", "Open the " + d.subgoal_count + " sub-goals of " + d.title);
      dot.classList.add("map-node__more");
      dot.addEventListener("click", function () { load(d.id); });
      dot.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); load(d.id); }
      });
      var count = el("text", { class: "map-node__count", dy: "0.32em", "text-anchor": "middle" }, group);
      count.textContent = d.subgoal_count > 99 ? "99+" : d.subgoal_count;
    }
    var link = el("a", { href: d.url }, group);
    var title = el("text", { x: 14, dy: "-0.1em", class: "map-node__title" }, link);
    title.textContent = shorten(d.title);
    el("title", {}, link).textContent = d.title + " (" + d.owner + ")";
    var meta = el("text", { x: 14, dy: "1.05em", class: "map-node__meta" }, group);
    meta.textContent = Math.round(d.rolled_up_progress * 100) + "% · " + shorten(d.owner).slice(0, 18) +
      (d.flags.length ? " · ⚑ " + d.flags.length : "");
    if (d.flags.length) meta.classList.add("map-node__meta--flagged");
  }

  function setUp() {
    container = document.getElementById("alignment-map");
    upButton = document.getElementById("map-up");
    if (!container || typeof d3 === "undefined") return;
    upButton.addEventListener("click", function () {
      if (currentRoot && currentRoot.parent_id) load(currentRoot.parent_id);
    });
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-map-goal]");
      if (!button) return;
      load(button.getAttribute("data-map-goal"));
      if (window.matchMedia("(max-width: 1100px)").matches) container.scrollIntoView({ behavior: "smooth" });
    });
    load(container.dataset.initialGoal);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
