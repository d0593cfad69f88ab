// The dashboard: the map (Leaflet, groups computed by the server) and the timeline (an
// SVG of Sitrep's own) follow the filter form; dragging across the timeline sets the
// dates and reloads map and table. Text from the data is only ever set as text.
(function () {
  "use strict";
  const COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#d35400",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d",
    "unknown": "#555555",
  };
  const form = document.getElementById("filters");
  const mapEl = document.getElementById("map");
  const timelineEl = document.getElementById("timeline");

  document.querySelectorAll(".swatch[data-colour]").forEach(function (el) {
    el.style.setProperty("--swatch", el.dataset.colour);
  });

  function filterParams(withDates) {
    const out = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value !== "string" || value === "") { return; }
      if (!withDates && (key === "from" || key === "to")) { return; }
      if (key === "sort") { return; }
      out.append(key, value);
    });
    return out;
  }

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    Object.entries(attrs || {}).forEach(function (kv) { node.setAttribute(kv[0], kv[1]); });
    return node;
  }

  function dominant(byType) {
    let best = "unknown", n = -1;
    Object.entries(byType || {}).forEach(function (kv) { if (kv[1] > n) { best = kv[0]; n = kv[1]; } });
    return best;
  }

  function popup(title, group) {
    const box = el("div", null, { class: "map-popup" });
    box.appendChild(el("b", title));
    const list = el("ul");
    Object.entries(group.by_type || {}).forEach(function (kv) { list.appendChild(el("li", kv[0] + ": " + kv[1])); });
    box.appendChild(list);
    if (group.incident_id) {
      box.appendChild(el("a", "Open the incident", { href: "/incidents/" + group.incident_id }));
    }
    return box;
  }

  // The map
  const map = L.map(mapEl, { worldCopyJump: true, minZoom: 1, maxZoom: 18 }).setView([25, 30], 2);
  if (mapEl.dataset.tiles) {
    L.tileLayer(mapEl.dataset.tiles, { attribution: mapEl.dataset.attribution || "", maxZoom: 18 }).addTo(map);
  }
  const countries = {};
  const groups = L.layerGroup().addTo(map);
  let outline = null;
  let lastRequest = 0;

  const PLAIN = { fillColor: "#eeeeee", fillOpacity: mapEl.dataset.tiles ? 0 : 1, color: "#8a8a8a", weight: 0.6, dashArray: null };
  function resetCountries() {
    Object.values(countries).forEach(function (layer) { layer.setStyle(PLAIN); });
  }

  function lon(value) { return ((value + 180) % 360 + 360) % 360 - 180; }

  function refresh() {
    const zoom = map.getZoom();
    const params = filterParams(true);
    params.set("zoom", String(zoom));
    if (zoom > 3) {
      const b = map.getBounds();
      const wide = b.getEast() - b.getWest() >= 360;
      const south = Math.max(-90, b.getSouth()), north = Math.min(90, b.getNorth());
      const west = wide ? -180 : lon(b.getWest()), east = wide ? 180 : lon(b.getEast());
      params.set("bbox", [west, south, east, north].map(function (v) { return v.toFixed(4); }).join(","));
    }
    const mine = ++lastRequest;
    fetch("/api/map?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (body) { return [r.ok, body]; }); })
      .then(function (answer) {
        if (mine !== lastRequest) { return; }
        if (!answer[0]) { mapEl.dataset.error = answer[1].error ? answer[1].error.message : "map error"; return; }
        draw(answer[1]);
      });
  }

  const note = document.getElementById("map-note");
  function draw(data) {
    groups.clearLayers();
    resetCountries();
    mapEl.dataset.groups = String(data.groups.length);
    mapEl.dataset.total = String(data.total);
    const nowhere = data.groups.filter(function (g) { return g.kind === "country" && !g.iso_numeric; })
      .reduce(function (n, g) { return n + g.count; }, 0);
    note.textContent = data.total + " incident(s)" +
      (nowhere ? "; " + nowhere + " with no country (at sea, or unplaced) are not drawn" : "");
    data.groups.forEach(function (g) {
      const colour = COLOURS[dominant(g.by_type)] || COLOURS.unknown;
      const radius = Math.min(28, 5 + Math.sqrt(g.count) * 2);
      if (g.kind === "country") {
        const layer = countries[String(g.iso_numeric)];
        let where = null;
        if (layer) {
          layer.setStyle({ fillColor: colour, fillOpacity: 0.35, color: colour, weight: 1 });
          where = layer.getBounds().getCenter();
        }
        if (where) {
          L.circleMarker(where, { radius: radius, color: "#fff", weight: 1, fillColor: colour, fillOpacity: 0.9, className: "map-group" })
            .bindTooltip(String(g.count))
            .bindPopup(popup((g.country_code || "unknown country") + ": " + g.count + " incident(s)", g))
            .addTo(groups);
        }
      } else if (g.kind === "cell") {
        L.circleMarker([g.latitude, g.longitude], { radius: radius, color: "#fff", weight: 1, fillColor: colour, fillOpacity: 0.85, className: "map-group" })
          .bindTooltip(String(g.count))
          .bindPopup(popup(g.count + " incident(s) here", g))
          .addTo(groups);
      } else if (g.precision === "country" && countries[String(g.iso_numeric)]) {
        countries[String(g.iso_numeric)].setStyle({ color: colour, weight: 2, dashArray: "4 4", fillColor: colour, fillOpacity: 0.12 });
      } else if (g.radius_km) {
        // A vague place is drawn as the area it may be anywhere in, never as a point.
        L.circle([g.latitude, g.longitude], { radius: g.radius_km * 1000, color: colour, weight: 1, dashArray: "4 4", fillColor: colour, fillOpacity: 0.1, className: "map-area" })
          .bindPopup(popup(g.count + " incident(s) placed only to the " + g.precision, g))
          .addTo(groups);
      }
    });
  }

  fetch("/static/vendor/world-atlas/countries-50m.json")
    .then(function (r) { return r.json(); })
    .then(function (topo) {
      const shapes = topojson.feature(topo, topo.objects.countries);
      outline = L.geoJSON(shapes, { interactive: false, style: function () { return PLAIN; } }).addTo(map);
      outline.eachLayer(function (layer) {
        if (layer.feature.id !== undefined) { countries[String(Number(layer.feature.id))] = layer; }
      });
      outline.bringToBack();
      resetCountries();
    })
    .finally(refresh);

  let timer = null;
  map.on("moveend", function () { clearTimeout(timer); timer = setTimeout(refresh, 200); });

  // The timeline
  const controls = el("div", null, { class: "timeline-controls" });
  const periodSelect = el("select", null, { "aria-label": "period" });
  ["week", "day", "month"].forEach(function (p) { periodSelect.appendChild(el("option", p, { value: p })); });
  const bySelect = el("select", null, { "aria-label": "split by" });
  [["event_type", "by event type"], ["actor", "by perpetrator"]].forEach(function (p) { bySelect.appendChild(el("option", p[1], { value: p[0] })); });
  controls.appendChild(periodSelect);
  controls.appendChild(bySelect);
  timelineEl.appendChild(controls);
  const SVG = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("role", "img");
  timelineEl.appendChild(svg);

  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(function (kv) { node.setAttribute(kv[0], kv[1]); });
    return node;
  }

  function addDays(iso, days) {
    const d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  function nextKey(key, period) {
    if (period === "day") { return addDays(key, 1); }
    if (period === "week") { return addDays(key, 7); }
    const y = Number(key.slice(0, 4)), m = Number(key.slice(5, 7));
    return m === 12 ? (y + 1) + "-01" : y + "-" + String(m + 1).padStart(2, "0");
  }

  function endOf(key, period) {
    if (period === "day") { return key; }
    if (period === "week") { return addDays(key, 6); }
    return addDays(nextKey(key, period) + "-01", -1);
  }

  function startOf(key, period) { return period === "month" ? key + "-01" : key; }

  let periods = [];
  function loadTimeline() {
    const params = filterParams(false);
    params.set("period", periodSelect.value);
    params.set("by", bySelect.value);
    fetch("/api/timeline?" + params.toString())
      .then(function (r) { return r.json(); })
      .then(drawTimeline);
  }

  function drawTimeline(data) {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    const period = data.period;
    const keys = new Set();
    Object.values(data.series).forEach(function (s) { Object.keys(s).forEach(function (k) { if (k !== "undated") { keys.add(k); } }); });
    const sorted = Array.from(keys).sort();
    periods = [];
    if (sorted.length) {
      let k = sorted[0];
      let guard = 0;
      while (k <= sorted[sorted.length - 1] && guard < 5000) { periods.push(k); k = nextKey(k, period); guard += 1; }
    }
    svg.dataset.periods = String(periods.length);
    const width = svg.clientWidth || 400, height = 150, bottom = 18;
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    if (!periods.length) { svg.appendChild(svgEl("text", { x: 10, y: 20 })).textContent = "No dated incident"; return; }
    const top = data.groups.slice(0, 8);
    const totals = periods.map(function (p) { return data.groups.reduce(function (n, g) { return n + ((data.series[g] || {})[p] || 0); }, 0); });
    const max = Math.max(1, Math.max.apply(null, totals));
    const step = width / periods.length;
    periods.forEach(function (p, i) {
      let y = height - bottom;
      data.groups.forEach(function (g) {
        const n = (data.series[g] || {})[p] || 0;
        if (!n) { return; }
        const h = n / max * (height - bottom - 6);
        y -= h;
        const rect = svgEl("rect", { x: i * step, y: y, width: Math.max(1, step - 1), height: h,
          fill: data.by === "event_type" ? (COLOURS[g] || COLOURS.unknown) : (top.indexOf(g) >= 0 ? ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"][top.indexOf(g)] : "#bbbbbb") });
        const title = svgEl("title", {});
        title.textContent = p + " · " + g + ": " + n;
        rect.appendChild(title);
        svg.appendChild(rect);
      });
    });
    const label = function (i, anchor) {
      const t = svgEl("text", { x: Math.min(width - 2, Math.max(2, i * step)), y: height - 4, "font-size": 10, "text-anchor": anchor, fill: "#5d6975" });
      t.textContent = periods[i];
      svg.appendChild(t);
    };
    label(0, "start");
    label(periods.length - 1, "end");
    showBrush();
  }

  let brush = null;
  function showBrush() {
    const from = form.elements.namedItem("from").value, to = form.elements.namedItem("to").value;
    if (!from && !to || !periods.length) { return; }
    const width = svg.viewBox.baseVal.width, step = width / periods.length;
    const first = periods.findIndex(function (p) { return endOf(p, periodSelect.value) >= (from || "0000"); });
    let last = -1;
    periods.forEach(function (p, i) { if (startOf(p, periodSelect.value) <= (to || "9999")) { last = i; } });
    if (first < 0 || last < first) { return; }
    brush = svgEl("rect", { class: "brush", x: first * step, y: 0, width: (last - first + 1) * step, height: 132 });
    svg.appendChild(brush);
  }

  let dragFrom = null;
  function index(event) {
    const box = svg.getBoundingClientRect();
    const i = Math.floor((event.clientX - box.left) / box.width * periods.length);
    return Math.max(0, Math.min(periods.length - 1, i));
  }
  svg.addEventListener("mousedown", function (event) {
    if (!periods.length) { return; }
    dragFrom = index(event);
    if (brush) { brush.remove(); }
    brush = svgEl("rect", { class: "brush", x: 0, y: 0, width: 0, height: 132 });
    svg.appendChild(brush);
    event.preventDefault();
  });
  svg.addEventListener("mousemove", function (event) {
    if (dragFrom === null) { return; }
    const i = index(event), a = Math.min(dragFrom, i), b = Math.max(dragFrom, i);
    const step = svg.viewBox.baseVal.width / periods.length;
    brush.setAttribute("x", a * step);
    brush.setAttribute("width", (b - a + 1) * step);
  });
  window.addEventListener("mouseup", function (event) {
    if (dragFrom === null) { return; }
    const i = index(event), a = Math.min(dragFrom, i), b = Math.max(dragFrom, i);
    dragFrom = null;
    form.elements.namedItem("from").value = startOf(periods[a], periodSelect.value);
    form.elements.namedItem("to").value = endOf(periods[b], periodSelect.value);
    form.requestSubmit();
  });
  svg.addEventListener("dblclick", function () {
    form.elements.namedItem("from").value = "";
    form.elements.namedItem("to").value = "";
    form.requestSubmit();
  });
  periodSelect.addEventListener("change", loadTimeline);
  bySelect.addEventListener("change", loadTimeline);
  loadTimeline();
})();
