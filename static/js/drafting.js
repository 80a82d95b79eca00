// The draft form: Enter in the parent search looks for parents instead of submitting the goal.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("input[data-no-submit]")) {
      event.preventDefault();
      event.target.dispatchEvent(new Event("search", { bubbles: true }));
    }
  });
})();
