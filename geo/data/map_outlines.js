/* The country-outline base layer, shared by the event map (map_events.js) and the toponym error map
 * (map_errors.js): geo/maps.py inserts this script before either of them.
 *
 * Natural Earth outlines (public domain) in their own pane under the tiles, so the map still reads
 * offline or when tiles fail to load; country names (optional) from zoom 3, as text nodes: the
 * names are data like any other.
 *
 * geoOutlines(map, outlines, labels): outlines is a GeoJSON FeatureCollection, labels a list of
 * [lat, lon, name] (or null: no names).
 */
(function () {
  "use strict";

  window.geoOutlines = function (map, outlines, labels) {
    map.createPane("geoOutlines");
    map.getPane("geoOutlines").style.zIndex = 150;
    L.geoJSON(outlines, {
      pane: "geoOutlines", interactive: false,
      style: {color: "#9aa3ad", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1}
    }).addTo(map);
    map.getContainer().style.background = "#dfe9f2";
    if (labels) {
      var labelLayer = L.layerGroup();
      labels.forEach(function (c) {
        var name = document.createElement("span");
        name.textContent = String(c[2]);
        L.marker([c[0], c[1]], {icon: L.divIcon({html: name, className: "geo-country-label", iconSize: null}),
                                interactive: false, keyboard: false, pane: "geoOutlines"}).addTo(labelLayer);
      });
      var syncLabels = function () {
        if (map.getZoom() >= 3) { labelLayer.addTo(map); } else { labelLayer.remove(); }
      };
      map.on("zoomend", syncLabels);
      map.whenReady(syncLabels);
    }
    if (map.attributionControl) {
      map.attributionControl.addAttribution("Boundaries: Natural Earth (public domain)");
    }
  };
})();
