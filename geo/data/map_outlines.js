/* The country-outline base layer, shared by the event map (map_events.js) and the toponym error map
 * (map_errors.js): geo/maps.py inserts this script before either of them.
 *
 * Natural Earth outlines (public domain) in their own pane under the tiles, so the map still reads
 * offline or when tiles fail to load; country names (optional), each from the zoom at which its
 * country is wide enough to hold it (3 at the least), as text nodes: the names are data like any other.
 *
 * geoOutlines(map, outlines, labels): outlines is a GeoJSON FeatureCollection, labels a list of
 * [lat, lon, name, zoom] (or null: no names).
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
      var byZoom = {};  // zoom from which shown -> its names' layer
      labels.forEach(function (c) {
        var from = Math.max(3, Number(c[3]) || 3);
        if (!byZoom[from]) { byZoom[from] = L.layerGroup(); }
        var name = document.createElement("span");
        name.textContent = String(c[2]);
        L.marker([c[0], c[1]], {icon: L.divIcon({html: name, className: "geo-country-label", iconSize: null}),
                                interactive: false, keyboard: false, pane: "geoOutlines"}).addTo(byZoom[from]);
      });
      var syncLabels = function () {
        var zoom = map.getZoom();
        Object.keys(byZoom).forEach(function (from) {
          if (zoom >= Number(from)) { byZoom[from].addTo(map); } else { byZoom[from].remove(); }
        });
      };
      map.on("zoomend", syncLabels);
      map.whenReady(syncLabels);
    }
    if (map.attributionControl) {
      map.attributionControl.addAttribution("Boundaries: Natural Earth (public domain)");
    }
  };
})();
