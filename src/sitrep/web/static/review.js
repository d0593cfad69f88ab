// Review queue: one key per decision (j/k to move, a accept, r reject, e edit, m merge, u undo).
(function () {
  "use strict";
  const cards = Array.from(document.querySelectorAll(".card.candidate"));
  let current = 0;
  function select(i) {
    if (!cards.length) { return; }
    current = Math.max(0, Math.min(cards.length - 1, i));
    cards.forEach(function (c, n) { c.classList.toggle("selected", n === current); });
    cards[current].scrollIntoView({ block: "nearest" });
  }
  function form(key) { return cards.length ? cards[current].querySelector('form[data-key="' + key + '"]') : null; }
  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
      if (event.key === "Escape") { target.blur(); }
      return;
    }
    const key = event.key.toLowerCase();
    if (key === "j") { select(current + 1); }
    else if (key === "k") { select(current - 1); }
    else if (key === "a" || key === "r") { const f = form(key); if (f) { f.requestSubmit(); } }
    else if (key === "e" || key === "m") {
      const f = form(key);
      if (f) { event.preventDefault(); f.querySelector('input:not([type="hidden"])').focus(); }
    }
    else if (key === "u") { const undo = document.getElementById("undo-form"); if (undo) { undo.requestSubmit(); } }
    else { return; }
  });
  cards.forEach(function (c, n) { c.addEventListener("click", function () { select(n); }); });
  select(0);
})();
