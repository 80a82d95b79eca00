// The explorer tree: open and close a goal's sub-goals. htmx loads a level the first time
// (hx-trigger="click once"); after that the button only shows or hides what is loaded.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".tree-toggle[aria-controls]");
    if (!toggle) return;
    var children = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!children) return;
    var open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    children.hidden = open;
    if (!toggle.hasAttribute("data-loaded")) {
      toggle.setAttribute("data-loaded", "");
      children.innerHTML = '<li class="tree-loading muted">Loading…</li>';
    }
  });

  // Keep the focused goal (?focus=) in view once the page has drawn.
  window.addEventListener("load", function () {
    var focused = document.querySelector(".tree-node.is-focused");
    if (focused) focused.scrollIntoView({ block: "center" });
  });
})();
