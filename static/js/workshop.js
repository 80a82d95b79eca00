// The workshop board: drag an executive goal onto an objective to map it, or onto the
// unmapped list to unmap it. The drop POSTs what the picker form would (goal, objective)
// through htmx, which swaps the board and its counts. The picker stays for keyboards.
// A mouse drags with HTML5 drag and drop; touch screens and pens, which have none, drag by
// the card's grip with pointer events.
(function () {
  "use strict";

  function board() {
    return document.getElementById("workshop-board");
  }

  function csrfToken() {
    var field = document.querySelector("#workshop-board input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function post(url, values) {
    window.htmx.ajax("POST", url, {
      target: "#workshop-board",
      swap: "outerHTML",
      values: values,
      headers: { "X-CSRFToken": csrfToken() },
    });
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("[data-goal]");
    if (!card || !board() || !board().hasAttribute("data-editable")) return;
    event.dataTransfer.setData("text/plain", card.dataset.goal);
    event.dataTransfer.effectAllowed = "move";
    card.classList.add("is-dragging");
  });

  document.addEventListener("dragend", function (event) {
    var card = event.target.closest && event.target.closest("[data-goal]");
    if (card) card.classList.remove("is-dragging");
    document.querySelectorAll(".is-drop-target").forEach(function (zone) {
      zone.classList.remove("is-drop-target");
    });
  });

  function dropZone(event) {
    return event.target.closest && event.target.closest("[data-objective], [data-drop-unmap]");
  }

  document.addEventListener("dragover", function (event) {
    var zone = dropZone(event);
    if (!zone) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    zone.classList.add("is-drop-target");
  });

  document.addEventListener("dragleave", function (event) {
    var zone = dropZone(event);
    if (zone && !zone.contains(event.relatedTarget)) zone.classList.remove("is-drop-target");
  });

  // Post the move a drop onto ``zone`` means; nothing when the goal already sits there.
  function dropOnto(zone, goal) {
    var root = board();
    if (!zone || !root || !goal) return;
    var card = document.getElementById("goal-" + goal);
    if (card && zone.contains(card)) return;
    if (zone.hasAttribute("data-drop-unmap")) {
      post(root.dataset.unmapUrl, { goal: goal });
    } else {
      post(root.dataset.mapUrl, { goal: goal, objective: zone.dataset.objective });
    }
  }

  document.addEventListener("drop", function (event) {
    var zone = dropZone(event);
    if (!zone || !board()) return;
    event.preventDefault();
    zone.classList.remove("is-drop-target");
    dropOnto(zone, event.dataTransfer.getData("text/plain"));
  });

  // --- touch and pen: drag by the grip with pointer events ------------------------------

  var touchDrag = null;

  function zoneAt(x, y) {
    var under = document.elementFromPoint(x, y);
    return under && under.closest && under.closest("#workshop-board [data-objective], #workshop-board [data-drop-unmap]");
  }

  function markTarget(zone) {
    document.querySelectorAll(".is-drop-target").forEach(function (other) {
      if (other !== zone) other.classList.remove("is-drop-target");
    });
    if (zone) zone.classList.add("is-drop-target");
  }

  // Near the edge of the lanes (or of the window) while dragging: scroll, so far lanes come into reach.
  function scrollNearEdges(x, y) {
    var lanes = document.querySelector(".workshop-lanes");
    if (!lanes) return;
    var box = lanes.getBoundingClientRect(), edge = 40, step = 18;
    if (x < box.left + edge) lanes.scrollLeft -= step;
    else if (x > box.right - edge) lanes.scrollLeft += step;
    if (y < box.top + edge) lanes.scrollTop -= step;
    else if (y > box.bottom - edge) lanes.scrollTop += step;
    if (y < edge) window.scrollBy(0, -step);
    else if (y > window.innerHeight - edge) window.scrollBy(0, step);
  }

  document.addEventListener("pointerdown", function (event) {
    if (event.pointerType === "mouse") return;  // mice use HTML5 drag and drop
    var grip = event.target.closest && event.target.closest("[data-grip]");
    var card = grip && grip.closest("[data-goal]");
    if (!card || !board() || !board().hasAttribute("data-editable")) return;
    event.preventDefault();
    var box = card.getBoundingClientRect();
    var ghost = card.cloneNode(true);
    ghost.removeAttribute("id");
    ghost.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    ghost.classList.add("workshop-drag-ghost");
    ghost.setAttribute("aria-hidden", "true");
    document.body.appendChild(ghost);
    card.classList.add("is-dragging");
    touchDrag = { goal: card.dataset.goal, card: card, ghost: ghost, dx: event.clientX - box.left, dy: event.clientY - box.top,
      pointerId: event.pointerId };
    moveGhost(event.clientX, event.clientY);
  });

  function moveGhost(x, y) {
    touchDrag.ghost.style.left = x - touchDrag.dx + "px";
    touchDrag.ghost.style.top = y - touchDrag.dy + "px";
  }

  document.addEventListener("pointermove", function (event) {
    if (!touchDrag || event.pointerId !== touchDrag.pointerId) return;
    event.preventDefault();
    moveGhost(event.clientX, event.clientY);
    markTarget(zoneAt(event.clientX, event.clientY));
    scrollNearEdges(event.clientX, event.clientY);
  }, { passive: false });

  function endTouchDrag(event, dropped) {
    if (!touchDrag || event.pointerId !== touchDrag.pointerId) return;
    var drag = touchDrag;
    touchDrag = null;
    drag.ghost.remove();
    drag.card.classList.remove("is-dragging");
    var zone = dropped ? zoneAt(event.clientX, event.clientY) : null;
    markTarget(null);
    if (zone) dropOnto(zone, drag.goal);
  }

  document.addEventListener("pointerup", function (event) { endTouchDrag(event, true); });
  document.addEventListener("pointercancel", function (event) { endTouchDrag(event, false); });

  // The board is replaced after each mapping; give keyboard users their place back:
  // the picker of the goal they just mapped, wherever the goal now sits.
  var lastGoal = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.target.closest && event.target.closest("#workshop-board form");
    var field = form && form.querySelector("input[name=goal]");
    lastGoal = field ? field.value : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!lastGoal) return;
    var picker = document.getElementById("map-" + lastGoal);
    if (picker) picker.focus();
    lastGoal = null;
  });
})();
