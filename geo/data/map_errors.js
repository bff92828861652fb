/* The toponym error map's client side (geo/maps.py render_error_map inserts it with its data).
 *
 * As on the event map, the gold file's text arrives only as JSON strings (geo/escape.py
 * script_json) and reaches the page only through textContent: no innerHTML, no templates.
 *
 * data.errors: [{gold: [lat, lon], pred: [lat, lon] | null, toponym, article, error, predicted,
 *               reason, goldId, context}], worst first.
 */
(function () {
  "use strict";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  window.geoErrorMap = function (map, data) {
    /* base outlines under the tiles, no country names (geo/data/map_outlines.js) */
    if (data.outlines) { geoOutlines(map, data.outlines, null); }
    var renderer = L.canvas({padding: 0.3});
    var popup = L.popup({maxWidth: 400});
    var errors = data.errors, markers = [];

    function row(box, label, value) {
      var d = el("div");
      d.appendChild(el("span", "geo-label", label + " "));
      d.appendChild(document.createTextNode(value));
      box.appendChild(d);
    }
    function popupNode(e) {
      var box = el("div", "geo-popup");
      var head = el("div", "geo-head");
      head.appendChild(el("strong", null, e.toponym));
      head.appendChild(document.createTextNode(" in article " + e.article));
      box.appendChild(head);
      row(box, "error:", e.error);
      row(box, "predicted:", e.predicted);
      row(box, "reason:", e.reason);
      row(box, "gold id:", e.goldId);
      box.appendChild(el("p", "geo-sentence", e.context));
      return box;
    }
    function showPopup(i, which) {
      var e = errors[i], at = which === 1 && e.pred ? e.pred : e.gold;
      popup.setLatLng(at).setContent(popupNode(e)).openOn(map);
      return popup.getElement();
    }

    var bounds = L.latLngBounds([]);
    errors.forEach(function (e, i) {
      if (e.pred) {
        L.polyline([e.gold, e.pred], {renderer: renderer, color: "#c0392b", weight: 1, opacity: 0.6,
                                      interactive: false}).addTo(map);
        L.circleMarker(e.pred, {renderer: renderer, radius: 4, color: "#c0392b", fillOpacity: 0.7})
          .on("click", function () { showPopup(i, 1); }).addTo(map);
        bounds.extend(e.pred);
      }
      markers.push(L.circleMarker(e.gold, {renderer: renderer, radius: 5, color: "#1e8449", fillOpacity: 0.7})
        .on("click", function () { showPopup(i, 0); }).addTo(map));
      bounds.extend(e.gold);
    });

    var info = L.control({position: "topright"});
    info.onAdd = function () {
      var box = el("div", "geo-legend leaflet-bar");
      box.appendChild(el("div", "geo-legend-title", data.title));
      box.appendChild(el("div", null, errors.length + " toponym" + (errors.length === 1 ? "" : "s")
        + " placed more than 161 km from gold" + (data.more ? " (the " + errors.length + " worst of "
        + (errors.length + data.more) + ")" : "")));
      [["#1e8449", "gold place"], ["#c0392b", "our place (a line joins the two)"]].forEach(function (x) {
        var line = el("div", "geo-legend-row"), sw = el("span", "geo-swatch");
        sw.style.background = x[0];
        line.appendChild(sw);
        line.appendChild(document.createTextNode(x[1]));
        box.appendChild(line);
      });
      box.appendChild(el("div", "geo-legend-note", "Click a point for the toponym, its sentence and why."));
      return box;
    };
    info.addTo(map);
    if (bounds.isValid()) { map.fitBounds(bounds.pad(0.1), {maxZoom: 8, animate: false}); }
    window.__geoErrors = {ready: true, count: errors.length, map: map, showPopup: showPopup};
  };
})();
