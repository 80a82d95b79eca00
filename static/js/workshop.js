// The workshop board: drag an executive goal onto an objective to map it, or onto the
// unmapped list to unmap it. The drop POSTs what the picker form would (goal, objective)
// through htmx, which swaps the board and its counts. The picker stays for keyboards.
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

  document.addEventListener("drop", function (event) {
    var zone = dropZone(event);
    var root = board();
    if (!zone || !root) return;
    event.preventDefault();
    zone.classList.remove("is-drop-target");
    var goal = event.dataTransfer.getData("text/plain");
    if (!goal) return;
    var card = document.getElementById("goal-" + goal);
    if (zone.hasAttribute("data-drop-unmap")) {
      // Dropping an unmapped goal back where it was changes nothing.
      if (card && zone.contains(card)) return;
      post(root.dataset.unmapUrl, { goal: goal });
    } else {
      if (card && zone.contains(card)) return;
      post(root.dataset.mapUrl, { goal: goal, objective: zone.dataset.objective });
    }
  });

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
