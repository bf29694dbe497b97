// Postguard's pages: every page works without this file; with it, htmx swaps parts of a page in place.
// No inline script anywhere (the Content-Security-Policy allows scripts from the app only).
"use strict";

(function () {
  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRFToken"] = csrfToken();
  });

  // After a swap, move the keyboard focus to what changed (a heading marked data-focus), and say so.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target || document;
    var focus = target.querySelector ? target.querySelector("[data-focus]") : null;
    if (focus) {
      if (!focus.hasAttribute("tabindex")) focus.setAttribute("tabindex", "-1");
      focus.focus();
    }
  });
})();
