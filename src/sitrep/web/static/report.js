// Report page: a highlight opens the incident it supports.
(function () {
  "use strict";
  document.querySelectorAll("mark.span").forEach(function (mark) {
    const id = mark.dataset.incident;
    if (!id) { return; }
    mark.setAttribute("role", "link");
    mark.addEventListener("click", function () { window.location.href = "/incidents/" + encodeURIComponent(id); });
  });
})();
