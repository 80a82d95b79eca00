// Cascade's page behaviour that is not htmx itself: the phone-width menu, and saying so
// when an htmx request fails (htmx leaves the page as it was on an error response).
(function () {
  "use strict";

  var FAILURES = {
    403: "You are not allowed to do that.",
    404: "That is no longer there: it may have been deleted or made private.",
    409: "That no longer fits: someone may have changed it meanwhile. Reload the page.",
  };

  function showMessage(text) {
    var area = document.getElementById("messages");
    if (!area) return;
    var message = document.createElement("div");
    message.className = "message message--error";
    message.textContent = text;
    area.appendChild(message);
  }

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    showMessage(FAILURES[status] || "Something went wrong on our side (" + status + "). Try again in a moment.");
  });
  document.addEventListener("htmx:sendError", function () {
    showMessage("Cascade could not be reached. Check your connection and try again.");
  });
  // A button with data-reason-from sends the text typed in that field as "reason" (a row's "Return
  // goal"). Done here rather than with hx-vals "js:", which needs eval and the CSP forbids it.
  document.addEventListener("htmx:configRequest", function (event) {
    var source = event.detail.elt.getAttribute && event.detail.elt.getAttribute("data-reason-from");
    if (!source) return;
    var field = document.getElementById(source);
    if (field) event.detail.parameters.reason = field.value;
  });

  function setUpMenu() {
    var toggle = document.querySelector(".nav-toggle");
    var menu = document.getElementById("site-nav");
    if (!toggle || !menu) return;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      menu.classList.toggle("is-open", !open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("is-open")) {
        toggle.setAttribute("aria-expanded", "false");
        menu.classList.remove("is-open");
        toggle.focus();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpMenu);
  } else {
    setUpMenu();
  }
})();
