// The alignment map: a drawn tree of one goal's part of the cascade (d3-hierarchy layout,
// plain SVG) that can be zoomed and moved with a mouse, a finger or the keyboard.
// The server sends at most a bounded number of nodes (goals/selectors.py, alignment_map);
// a node whose sub-goals were not sent shows their count and, when chosen, becomes the new
// root of the map, so deeper levels load on demand. Colours are written as attributes, not
// CSS, so an exported SVG or PNG looks like the screen.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var NODE_WIDTH = 256, NODE_HEIGHT = 50;
  var ROW = NODE_HEIGHT + 14;          // vertical distance between neighbouring goals
  var COLUMN = NODE_WIDTH + 64;        // horizontal distance between tiers
  var LABEL = 30;                      // characters of a title that fit a card
  var MIN_ZOOM = 0.05, MAX_ZOOM = 3, STEP = 1.25, PAN = 80;
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
  var PALETTE = {
    good: { fill: "#e3f4ea", stroke: "#17703f", bar: "#17825a" },
    fair: { fill: "#fdf1dc", stroke: "#b87800", bar: "#b87800" },
    poor: { fill: "#fce8e6", stroke: "#b3261e", bar: "#b3261e" },
    none: { fill: "#f4f5f9", stroke: "#8a93a8", bar: "#8a93a8" },
  };
  var INK = "#172033", MUTED = "#55607a", LINE = "#c9d0de", PATH = "#3346c9", FLAG = "#8a5300";

  var container, svg, viewport, upButton, status, currentRoot, selectedId;
  var view = { k: 1, x: 0, y: 0 };
  var moved = false;  // the person zoomed or moved the map: a resize keeps their view
  var nodesById = {};
  var collapsed = {};        // ids of goals whose loaded sub-goals are folded away
  // The first view unfolds whole levels while they keep about this many goals per 30 px of width:
  // some 40 on a wall screen, fewer in the explorer's narrow card.
  var PIXELS_PER_GOAL = 30;

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function shorten(text, length) {
    length = length || LABEL;
    return text.length > length ? text.slice(0, length - 1) + "…" : text;
  }

  // Shorten a label until it fits its card (measured, as widths of characters differ).
  function fitText(node, text, width) {
    node.textContent = text;
    if (!node.getComputedTextLength || node.getComputedTextLength() <= width) return;
    var length = Math.min(text.length, LABEL + 6);
    do {
      length -= 1;
      node.textContent = text.slice(0, length).trimEnd() + "…";
    } while (length > 4 && node.getComputedTextLength() > width);
  }

  function progressBand(d) {
    if (d.started === false) return "none";
    var value = d.rolled_up_progress;
    if (value >= 0.67) return "good";
    if (value >= 0.34) return "fair";
    return "poor";
  }

  function say(text) { if (status) status.textContent = text; }

  // --- loading ----------------------------------------------------------------------

  function load(goalId, focusId) {
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
        collapsed = firstFolds(data);
        if (focusId) unfoldTo(data, focusId);
        draw(data);
        var params = new URLSearchParams(window.location.search);
        params.set("map", data.id);
        window.history.replaceState(null, "", window.location.pathname + "?" + params.toString());
        var fullScreen = document.getElementById("map-full-screen");
        if (fullScreen) fullScreen.href = fullScreen.href.split("?")[0] + "?map=" + data.id;
        var picker = document.getElementById("map-objective");
        if (picker && picker.querySelector('option[value="' + data.id + '"]')) picker.value = String(data.id);
        if (focusId && nodesById[focusId]) {
          select(focusId);
          centreOn(focusId);
        } else {
          fit();
        }
        say("Map of " + data.title + ": " + data.node_count + " goals.");
      })
      .catch(function (error) {
        container.textContent = error.message;
      })
      .finally(function () { container.removeAttribute("aria-busy"); });
  }

  // --- folding: a readable first picture ---------------------------------------------------

  function firstFolds(data) {
    var folds = {}, level = [data], shown = 1;
    var readable = Math.max(8, Math.round(container.clientWidth / PIXELS_PER_GOAL));
    while (level.length) {
      var next = [];
      level.forEach(function (d) { next = next.concat(d.children); });
      if (!next.length) break;
      if (shown + next.length > readable && shown > 1) {
        level.forEach(function (d) { if (d.children.length) folds[d.id] = true; });
        break;
      }
      shown += next.length;
      level = next;
    }
    return folds;
  }

  function unfoldTo(data, goalId) {
    (function walk(d, path) {
      if (d.id === goalId) { path.forEach(function (id) { delete collapsed[id]; }); return true; }
      return d.children.some(function (child) { return walk(child, path.concat([d.id])); });
    })(data, []);
  }

  function toggleFold(goalId) {
    if (collapsed[goalId]) delete collapsed[goalId]; else collapsed[goalId] = true;
    var keep = { k: view.k, x: view.x, y: view.y }, before = nodesById[goalId];
    var bx = before.x, by = before.y;
    draw(currentRoot);
    // Keep the folded or unfolded goal where it was on the screen.
    var after = nodesById[goalId];
    view.k = keep.k;
    view.x = keep.x + (bx - after.x) * keep.k;
    view.y = keep.y + (by - after.y) * keep.k;
    moved = true;
    apply();
    select(goalId);
  }

  // --- drawing ----------------------------------------------------------------------

  function draw(data) {
    var root = d3.hierarchy(data, function (d) { return collapsed[d.id] ? null : d.children; });
    d3.tree().nodeSize([ROW, COLUMN]).separation(function (a, b) { return a.parent === b.parent ? 1 : 1.25; })(root);
    var ancestors = data.ancestors || [];
    nodesById = {};
    container.textContent = "";
    svg = el("svg", {
      class: "alignment-map__svg",
      role: "img",
      "font-family": FONT,
      "aria-label": "Alignment map of " + data.title + ": " + data.node_count + " goals",
    }, container);
    viewport = el("g", { class: "map-viewport" }, svg);
    var links = el("g", { class: "map-links" }, viewport);
    var shift = ancestors.length * COLUMN;  // the path to the top sits left of the root

    ancestors.forEach(function (ancestor, index) {
      var x = index * COLUMN, next = (index + 1) * COLUMN;
      el("path", {
        d: "M" + (x + NODE_WIDTH) + ",0H" + next,
        fill: "none", stroke: LINE, "stroke-width": 1.5, "stroke-dasharray": "5 4",
        "data-link": ancestor.id + "-" + (index + 1 < ancestors.length ? ancestors[index + 1].id : data.id),
      }, links);
    });
    root.links().forEach(function (link) {
      var sx = shift + link.source.y + NODE_WIDTH, sy = link.source.x;
      var tx = shift + link.target.y, ty = link.target.x, mid = (sx + tx) / 2;
      el("path", {
        d: "M" + sx + "," + sy + "C" + mid + "," + sy + " " + mid + "," + ty + " " + tx + "," + ty,
        fill: "none", stroke: LINE, "stroke-width": 1.5,
        "data-link": link.source.data.id + "-" + link.target.data.id,
      }, links);
    });

    ancestors.forEach(function (ancestor, index) {
      var record = { data: ancestor, parentId: index ? ancestors[index - 1].id : null, ancestor: true };
      nodesById[ancestor.id] = record;
      record.group = drawAncestor(ancestor, index * COLUMN);
    });
    root.each(function (node) {
      var parentId = node.parent ? node.parent.data.id : (ancestors.length ? ancestors[ancestors.length - 1].id : null);
      var record = { data: node.data, parentId: parentId, x: shift + node.y, y: node.x };
      nodesById[node.data.id] = record;
      record.group = drawNode(node, shift);
    });
    // Goals folded away still know their parent, so a search can find its way to them.
    (function index(d, parentId) {
      if (!nodesById[d.id]) nodesById[d.id] = { data: d, parentId: parentId, hidden: true };
      d.children.forEach(function (child) { index(child, d.id); });
    })(data, ancestors.length ? ancestors[ancestors.length - 1].id : null);
    upButton.hidden = !data.parent_id;
    selectedId = null;
    apply();
  }

  function card(group, d, band, dashed) {
    var colours = PALETTE[band];
    el("rect", {
      class: "map-node__card", x: 0, y: -NODE_HEIGHT / 2, width: NODE_WIDTH, height: NODE_HEIGHT, rx: 7,
      fill: colours.fill, stroke: colours.stroke, "stroke-width": 1.5,
      "stroke-dasharray": dashed ? "5 3" : "none",
    }, group);
    el("rect", { x: 0, y: -NODE_HEIGHT / 2, width: 5, height: NODE_HEIGHT, rx: 2, fill: colours.stroke }, group);
    var link = el("a", { href: d.url }, group);
    var title = el("text", {
      x: 12, y: -6, class: "map-node__title", "font-size": 13, "font-weight": 600, fill: INK,
    }, link);
    fitText(title, d.title, NODE_WIDTH - 22);
    el("title", {}, group).textContent = d.title + " (" + d.owner + ")";
    return colours;
  }

  function drawAncestor(d, x) {
    var group = el("g", {
      class: "map-node map-node--ancestor", transform: "translate(" + x + ",0)", "data-goal-id": d.id,
      tabindex: 0, role: "button", "aria-label": "Open the map from " + d.title,
    }, viewport);
    card(group, d, d.started === false ? "none" : progressBand(d), true);
    var meta = el("text", { x: 12, y: 13, "font-size": 11.5, fill: MUTED }, group);
    meta.textContent = Math.round(d.rolled_up_progress * 100) + "% · " + shorten(d.owner, 22) + " · above";
    activate(group, function () { load(d.id, currentRoot && currentRoot.id); });
    return group;
  }

  function drawNode(node, shift) {
    var d = node.data, band = progressBand(d);
    var group = el("g", {
      class: "map-node map-node--" + d.tier + " map-node--" + band + (d.flags.length ? " map-node--flagged" : ""),
      transform: "translate(" + (shift + node.y) + "," + node.x + ")",
      "data-goal-id": d.id, tabindex: 0, role: "button",
      "aria-label": d.title + ", " + d.owner + ", " + (d.started === false ? "not started" :
        Math.round(d.rolled_up_progress * 100) + "%") + (d.flags.length ? ", " + d.flags.length + " open flags" : ""),
    }, viewport);
    var colours = card(group, d, band, false);
    var meta = el("text", { x: 12, y: 12, "font-size": 11.5, fill: MUTED }, group);
    meta.textContent = (d.started === false ? "Not started" : Math.round(d.rolled_up_progress * 100) + "%") +
      " · " + shorten(d.owner, 22);
    if (d.started !== false) {
      el("rect", { x: 12, y: 18, width: NODE_WIDTH - 24, height: 3, rx: 1.5, fill: "#ffffff" }, group);
      el("rect", {
        x: 12, y: 18, width: Math.max(0, Math.min(1, d.rolled_up_progress)) * (NODE_WIDTH - 24), height: 3, rx: 1.5,
        fill: colours.bar,
      }, group);
    }
    if (d.flags.length) {
      var flag = el("g", { class: "map-node__flag", transform: "translate(" + (NODE_WIDTH - 30) + "," + (-NODE_HEIGHT / 2 - 8) + ")" }, group);
      el("rect", { width: 34, height: 16, rx: 8, fill: "#fdf1dc", stroke: FLAG, "stroke-width": 1 }, flag);
      var flagText = el("text", { x: 17, y: 12, "text-anchor": "middle", "font-size": 10.5, "font-weight": 700, fill: FLAG }, flag);
      flagText.textContent = "⚑ " + d.flags.length;
      el("title", {}, flag).textContent = d.flags.join(", ");
    }
    var folded = collapsed[d.id] && d.children.length;
    var notLoaded = d.subgoal_count > d.children.length && node.depth > 0;
    if (folded || notLoaded || (d.children.length && node.depth > 0)) {
      var open = !folded && !notLoaded;
      var more = el("g", {
        class: "map-node__more", transform: "translate(" + (NODE_WIDTH + 14) + ",0)", tabindex: 0, role: "button",
        "aria-expanded": open ? "true" : "false",
        "aria-label": (open ? "Fold the sub-goals of " : "Open the " + d.subgoal_count + " sub-goals of ") + d.title,
      }, group);
      el("circle", { r: 11, fill: open ? "#eceffe" : "#ffffff", stroke: PATH, "stroke-width": 1.5 }, more);
      var count = el("text", { "text-anchor": "middle", dy: "0.35em", "font-size": open ? 14 : 9.5, "font-weight": 700, fill: PATH }, more);
      count.textContent = open ? "−" : (d.subgoal_count > 99 ? "99+" : d.subgoal_count);
      activate(more, function () {
        if (notLoaded && !folded) load(d.id);
        else toggleFold(d.id);
      });
    }
    activate(group, function () { select(d.id); });
    return group;
  }

  // A click (or Enter/Space) that was not the end of a drag; links inside keep their own click.
  function activate(target, action) {
    target.addEventListener("click", function (event) {
      if (dragged || event.target.closest("a")) return;
      event.stopPropagation();
      action();
    });
    target.addEventListener("keydown", function (event) {
      if (event.target !== target) return;
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        event.stopPropagation();
        action();
      }
    });
  }

  // --- the path to the top -------------------------------------------------------------

  function select(goalId) {
    svg.querySelectorAll(".is-on-path, .is-selected").forEach(function (node) {
      node.classList.remove("is-on-path", "is-selected");
      if (node.tagName === "path") { node.setAttribute("stroke", LINE); node.setAttribute("stroke-width", 1.5); }
    });
    selectedId = goalId;
    var id = goalId, child = null, steps = 0;
    while (id && nodesById[id]) {
      var record = nodesById[id];
      if (record.group) record.group.classList.add(steps === 0 ? "is-selected" : "is-on-path");
      if (child !== null) {
        var path = svg.querySelector('[data-link="' + id + "-" + child + '"]');
        if (path) {
          path.classList.add("is-on-path");
          path.setAttribute("stroke", PATH);
          path.setAttribute("stroke-width", 3);
        }
      }
      child = id;
      id = record.parentId;
      steps += 1;
    }
    var chosen = nodesById[goalId].data;
    say(chosen.title + ": " + (steps - 1) + " step" + (steps === 2 ? "" : "s") + " below the top of what the map shows.");
  }

  // --- zoom and pan -----------------------------------------------------------------------

  function apply() {
    if (viewport) viewport.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")");
    container.dataset.zoom = view.k.toFixed(3);
  }

  function zoomAt(factor, px, py) {
    var k = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, view.k * factor));
    var rect = container.getBoundingClientRect();
    if (px === undefined) { px = rect.width / 2; py = rect.height / 2; }
    view.x = px - (px - view.x) * (k / view.k);
    view.y = py - (py - view.y) * (k / view.k);
    view.k = k;
    moved = true;
    apply();
  }

  function fit() {
    if (!viewport) return;
    var box = viewport.getBBox(), rect = container.getBoundingClientRect(), pad = 24;
    if (!box.width || !rect.width) return;
    var k = Math.min((rect.width - pad * 2) / box.width, (rect.height - pad * 2) / box.height, 1.5);
    view.k = Math.max(MIN_ZOOM, k);
    view.x = (rect.width - box.width * view.k) / 2 - box.x * view.k;
    view.y = (rect.height - box.height * view.k) / 2 - box.y * view.k;
    moved = false;
    apply();
  }

  function centreOn(goalId) {
    var record = nodesById[goalId];
    if (!record) return;
    var rect = container.getBoundingClientRect();
    var x = record.ancestor ? (currentRoot.ancestors.findIndex(function (a) { return a.id === goalId; }) * COLUMN) : record.x;
    var y = record.ancestor ? 0 : record.y;
    view.k = Math.max(view.k, 1);
    view.x = rect.width / 2 - (x + NODE_WIDTH / 2) * view.k;
    view.y = rect.height / 2 - y * view.k;
    apply();
    record.group.focus({ preventScroll: true });
  }

  var pointers = {}, dragged = false, start = null, pinch = null;

  function local(event) {
    var rect = container.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  function onPointerDown(event) {
    if (event.button !== undefined && event.button > 0) return;
    pointers[event.pointerId] = local(event);
    var ids = Object.keys(pointers);
    dragged = false;
    if (ids.length === 1) {
      start = { x: pointers[ids[0]].x, y: pointers[ids[0]].y, vx: view.x, vy: view.y };
    } else if (ids.length === 2) {
      var a = pointers[ids[0]], b = pointers[ids[1]];
      pinch = { distance: Math.hypot(a.x - b.x, a.y - b.y), k: view.k };
      start = null;
    }
  }

  function onPointerMove(event) {
    if (!(event.pointerId in pointers)) return;
    pointers[event.pointerId] = local(event);
    var ids = Object.keys(pointers);
    if (ids.length === 2 && pinch) {
      var a = pointers[ids[0]], b = pointers[ids[1]];
      var distance = Math.hypot(a.x - b.x, a.y - b.y);
      if (pinch.distance > 0) zoomAt((pinch.k * distance / pinch.distance) / view.k, (a.x + b.x) / 2, (a.y + b.y) / 2);
      dragged = true;
    } else if (ids.length === 1 && start) {
      var p = pointers[ids[0]];
      if (!dragged && Math.hypot(p.x - start.x, p.y - start.y) < 4) return;
      if (!dragged) {
        dragged = true;
        try {
          container.setPointerCapture(event.pointerId);
        } catch (error) {
          // A pointer the browser no longer tracks (it ended meanwhile): the drag goes on without capture.
        }
        container.classList.add("is-panning");
      }
      view.x = start.vx + p.x - start.x;
      view.y = start.vy + p.y - start.y;
      moved = true;
      apply();
    }
  }

  function onPointerUp(event) {
    delete pointers[event.pointerId];
    if (Object.keys(pointers).length < 2) pinch = null;
    if (!Object.keys(pointers).length) {
      start = null;
      container.classList.remove("is-panning");
      // The click that ends a drag comes after pointerup: forget the drag just after it.
      window.setTimeout(function () { dragged = false; }, 0);
    }
  }

  function onWheel(event) {
    event.preventDefault();
    var p = local(event);
    zoomAt(Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002)), p.x, p.y);
  }

  function onKey(event) {
    if (event.target.closest("input, select, textarea")) return;
    var handled = true;
    switch (event.key) {
      case "+": case "=": zoomAt(STEP); break;
      case "-": case "_": zoomAt(1 / STEP); break;
      case "0": fit(); break;
      case "ArrowLeft": view.x += PAN; apply(); break;
      case "ArrowRight": view.x -= PAN; apply(); break;
      case "ArrowUp": view.y += PAN; apply(); break;
      case "ArrowDown": view.y -= PAN; apply(); break;
      default: handled = false;
    }
    if (handled) { moved = true; event.preventDefault(); }
  }

  // --- search --------------------------------------------------------------------------

  function setUpSearch() {
    var input = document.getElementById("map-search");
    var list = document.getElementById("map-search-results");
    if (!input || !list) return;
    var timer = null, results = [], active = -1;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(result) {
      close();
      input.value = result.title;
      if (nodesById[result.id] && !nodesById[result.id].ancestor) {
        if (nodesById[result.id].hidden) { unfoldTo(currentRoot, result.id); draw(currentRoot); }
        select(result.id);
        centreOn(result.id);
      } else {
        load(result.map_root, result.id);
      }
    }

    function show(found) {
      results = found;
      list.textContent = "";
      if (!found.length) {
        var none = document.createElement("li");
        none.className = "map-search__none";
        none.textContent = "No goal matches.";
        list.appendChild(none);
      }
      found.forEach(function (result, index) {
        var item = document.createElement("li");
        item.id = "map-search-result-" + index;
        item.setAttribute("role", "option");
        item.dataset.goal = result.id;
        var title = document.createElement("strong");
        title.textContent = result.title;
        var meta = document.createElement("span");
        meta.className = "muted small";
        meta.textContent = " " + result.tier + " · " + result.owner;
        item.appendChild(title);
        item.appendChild(meta);
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        item.addEventListener("click", function () { choose(result); });
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function highlight(index) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var query = input.value.trim();
      if (!query) { close(); return; }
      timer = window.setTimeout(function () {
        fetch(input.dataset.url + "?q=" + encodeURIComponent(query), {
          credentials: "same-origin", headers: { Accept: "application/json" },
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { if (input.value.trim() === query) show(data.results); });
      }, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Enter") {
        event.preventDefault();
        if (results.length) choose(results[Math.max(active, 0)]);
      } else if (event.key === "Escape") close();
    });
    input.addEventListener("blur", close);
  }

  // --- export ----------------------------------------------------------------------------

  function exportable() {
    var box = viewport.getBBox(), pad = 24;
    var copy = svg.cloneNode(true);
    copy.setAttribute("xmlns", SVG);
    copy.setAttribute("viewBox", [box.x - pad, box.y - pad, box.width + pad * 2, box.height + pad * 2].join(" "));
    copy.setAttribute("width", Math.ceil(box.width + pad * 2));
    copy.setAttribute("height", Math.ceil(box.height + pad * 2));
    copy.querySelector(".map-viewport").removeAttribute("transform");
    var background = el("rect", {
      x: box.x - pad, y: box.y - pad, width: box.width + pad * 2, height: box.height + pad * 2, fill: "#ffffff",
    });
    copy.insertBefore(background, copy.firstChild);
    copy.querySelectorAll("[tabindex]").forEach(function (node) { node.removeAttribute("tabindex"); });
    copy.querySelectorAll(".is-selected > .map-node__card").forEach(function (node) {
      node.setAttribute("stroke", PATH);
      node.setAttribute("stroke-width", 3);
    });
    return { text: new XMLSerializer().serializeToString(copy), width: box.width + pad * 2, height: box.height + pad * 2 };
  }

  function fileName(extension) {
    var title = (currentRoot.title || "alignment-map").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    return "alignment-map-" + (title || currentRoot.id) + "." + extension;
  }

  function download(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function exportSvg() {
    if (!viewport) return;
    var picture = exportable();
    download(new Blob(['<?xml version="1.0" encoding="UTF-8"?>\n' + picture.text], { type: "image/svg+xml" }), fileName("svg"));
    say("The map was saved as an SVG file.");
  }

  function exportPng() {
    if (!viewport) return;
    var picture = exportable();
    // Twice the drawn size reads well on a slide; very large maps are capped to what a canvas holds.
    var scale = Math.min(2, 8000 / Math.max(picture.width, picture.height));
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = Math.ceil(picture.width * scale);
      canvas.height = Math.ceil(picture.height * scale);
      var context = canvas.getContext("2d");
      context.scale(scale, scale);
      context.drawImage(image, 0, 0, picture.width, picture.height);
      canvas.toBlob(function (blob) {
        download(blob, fileName("png"));
        say("The map was saved as a PNG picture.");
      }, "image/png");
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(picture.text);
  }

  // --- wiring ------------------------------------------------------------------------------

  function on(id, action) {
    var button = document.getElementById(id);
    if (button) button.addEventListener("click", action);
  }

  function setUp() {
    container = document.getElementById("alignment-map");
    upButton = document.getElementById("map-up");
    status = document.getElementById("map-status");
    if (!container || typeof d3 === "undefined") return;
    upButton.addEventListener("click", function () {
      if (currentRoot && currentRoot.parent_id) load(currentRoot.parent_id, currentRoot.id);
    });
    on("map-zoom-in", function () { zoomAt(STEP); });
    on("map-zoom-out", function () { zoomAt(1 / STEP); });
    on("map-fit", fit);
    on("map-export-svg", exportSvg);
    on("map-export-png", exportPng);
    var wall = document.getElementById("map-wall");
    if (wall && wall.parentElement && document.fullscreenEnabled) {
      wall.hidden = false;
      wall.addEventListener("click", function () {
        var card = container.closest(".card");
        if (document.fullscreenElement) document.exitFullscreen();
        else if (card) card.requestFullscreen();
      });
      document.addEventListener("fullscreenchange", function () {
        wall.textContent = document.fullscreenElement ? "Leave full screen" : "Wall screen";
        window.setTimeout(fit, 50);
      });
    }
    var picker = document.getElementById("map-objective");
    if (picker) picker.addEventListener("change", function () { load(picker.value); });
    container.addEventListener("pointerdown", onPointerDown);
    container.addEventListener("pointermove", onPointerMove);
    container.addEventListener("pointerup", onPointerUp);
    container.addEventListener("pointercancel", onPointerUp);
    container.addEventListener("wheel", onWheel, { passive: false });
    container.addEventListener("keydown", onKey);
    setUpSearch();
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-map-goal]");
      if (!button) return;
      load(button.getAttribute("data-map-goal"));
      if (window.matchMedia("(max-width: 1100px)").matches) container.scrollIntoView({ behavior: "smooth" });
    });
    window.addEventListener("resize", function () { if (viewport && !moved) fit(); });
    load(container.dataset.initialGoal);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
