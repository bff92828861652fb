/* The event map's client side (geo/maps.py inserts it with the data it reads).
 *
 * Article text arrives only as JSON strings (geo/escape.py script_json) and reaches the page
 * only through textContent / createTextNode: no innerHTML, no template literals, no eval.
 * The two exceptions are HTML built and escaped in Python (geo/escape.py html): the layer
 * control's labels (Leaflet sets them with innerHTML).
 *
 * data.e rows: [lat, lon, type, fatalities, precision, certainty, day, date, dateEnd, subType,
 *               actor1, actor2, location, admin1, country, geonameid, title, url, sentence,
 *               placeStart, placeEnd, triggerStart, triggerEnd, area, timePrecision, assocActor1]
 * (string fields are indexes into data.s; spans are UTF-16 offsets into the sentence; -1 = none)
 */
(function () {
  "use strict";
  var F = {LAT: 0, LON: 1, TYPE: 2, FAT: 3, PREC: 4, CERT: 5, DAY: 6, DATE: 7, DATE_END: 8, SUB: 9,
           A1: 10, A2: 11, LOC: 12, ADM1: 13, CTRY: 14, GID: 15, TITLE: 16, URL: 17, SENT: 18,
           PS: 19, PE: 20, TS: 21, TE: 22, AREA: 23, TPREC: 24, ASSOC1: 25};
  var PRECISION_TEXT = {
    1: "precision 1: at this town or site",
    2: "precision 2: near this town or in part of a region (ring)",
    3: "precision 3: somewhere in this province or larger area (shaded); the marker is the area's centre"
  };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function dayToIso(day) {
    return new Date(day * 86400000).toISOString().slice(0, 10);
  }

  window.geoEventMap = function (map, data, opts) {
    var S = data.s, rows = data.e, types = data.types, colors = data.colors;
    var str = function (i) { return i >= 0 ? S[i] : ""; };
    if (!map.options.maxZoom) { map.options.maxZoom = 18; }
    if (map.options.minZoom === undefined) { map.options.minZoom = 1; }

    /* base outlines under the tiles: visible offline or when tiles fail to load */
    if (data.outlines) {
      map.createPane("geoOutlines");
      map.getPane("geoOutlines").style.zIndex = 150;
      L.geoJSON(data.outlines, {
        pane: "geoOutlines", interactive: false,
        style: {color: "#9aa3ad", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1}
      }).addTo(map);
      map.getContainer().style.background = "#dfe9f2";
      if (map.attributionControl) {
        map.attributionControl.addAttribution("Boundaries: Natural Earth (public domain)");
      }
    }

    var renderer = rows.length > 3000 ? L.canvas({padding: 0.3}) : L.svg();
    var radius = function (f) { return 5 + Math.min(14, 3 * Math.sqrt(f)); };
    var markers = new Array(rows.length);
    var byType = types.map(function () { return []; });
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], c = colors[r[F.TYPE]], prec = r[F.PREC], reported = r[F.CERT] === 0;
      var o = {renderer: renderer, color: c, fillColor: reported ? c : "#ffffff",
               radius: radius(r[F.FAT]), weight: 1.5, opacity: 1, fillOpacity: reported ? 0.85 : 0.95};
      if (prec === 2) { o.radius += 5; o.weight = 3.5; o.fillOpacity = reported ? 0.35 : 0.95; }
      else if (prec === 3) { o.radius += 7; o.weight = 2.5; o.dashArray = "5 4"; o.fillOpacity = reported ? 0.15 : 0.6; }
      if (!reported) { o.dashArray = prec === 3 ? "2 4" : "3 3"; }
      var m = L.circleMarker([r[F.LAT], r[F.LON]], o);
      m._gi = i;
      markers[i] = m;
      byType[r[F.TYPE]].push(m);
    }

    /* province areas for precision-3 events: drawn once per area and type, never clickable */
    var areaLayers = types.map(function () { return L.layerGroup(); });
    var drawnArea = {};
    for (i = 0; i < rows.length; i++) {
      var a = rows[i][F.AREA], t = rows[i][F.TYPE], key = a + ":" + t;
      if (a >= 0 && !drawnArea[key]) {
        drawnArea[key] = true;
        L.polygon(data.areas[a], {color: colors[t], weight: 1.5, dashArray: "6 4", fillOpacity: 0.08,
                                   interactive: false}).addTo(areaLayers[t]);
      }
    }

    var group = opts.cluster
      ? L.markerClusterGroup({chunkedLoading: true, chunkInterval: 150, chunkDelay: 10,
                              showCoverageOnHover: false, maxClusterRadius: 50, spiderfyOnMaxZoom: true,
                              chunkProgress: function (done, total) { if (done >= total) { ready(); } }})
      : L.featureGroup();

    /* popups and tooltips: one of each, filled on demand with text nodes */
    var popup = L.popup({maxWidth: 380, minWidth: 240, autoPanPadding: [20, 20]});
    var tooltip = L.tooltip({direction: "top", offset: [0, -6], opacity: 0.95});

    function sentenceNode(r) {
      var text = str(r[F.SENT]), p = el("p", "geo-sentence");
      var marks = [];
      if (r[F.PS] >= 0) { marks.push([r[F.PS], r[F.PE], "geo-place"]); }
      if (r[F.TS] >= 0) { marks.push([r[F.TS], r[F.TE], "geo-trigger"]); }
      marks.sort(function (x, y) { return x[0] - y[0]; });
      var pos = 0;
      marks.forEach(function (mk) {
        if (mk[0] < pos || mk[1] > text.length || mk[1] <= mk[0]) { return; }
        p.appendChild(document.createTextNode(text.slice(pos, mk[0])));
        p.appendChild(el("mark", mk[2], text.slice(mk[0], mk[1])));
        pos = mk[1];
      });
      p.appendChild(document.createTextNode(text.slice(pos)));
      return p;
    }

    function row(box, label, value) {
      if (value === "" || value === null || value === undefined) { return; }
      var d = el("div", "geo-row");
      d.appendChild(el("span", "geo-label", label));
      d.appendChild(typeof value === "object" ? value : document.createTextNode(String(value)));
      box.appendChild(d);
    }

    function popupNode(i) {
      var r = rows[i], box = el("div", "geo-popup");
      var head = el("div", "geo-head");
      head.style.borderLeftColor = colors[r[F.TYPE]];
      head.appendChild(el("strong", null, types[r[F.TYPE]]));
      if (str(r[F.SUB])) { head.appendChild(document.createTextNode(" / " + str(r[F.SUB]))); }
      box.appendChild(head);
      var date = str(r[F.DATE]);
      if (str(r[F.DATE_END]) && str(r[F.DATE_END]) !== date) { date += " to " + str(r[F.DATE_END]); }
      if (date && r[F.TPREC] > 0) { date += " (time precision " + r[F.TPREC] + ")"; }
      row(box, "Date", date || "unknown");
      var actors = str(r[F.A1]);
      if (str(r[F.ASSOC1])) { actors += " (with " + str(r[F.ASSOC1]) + ")"; }
      if (str(r[F.A2])) { actors += (actors ? " vs " : "") + str(r[F.A2]); }
      row(box, "Actors", actors);
      row(box, "Fatalities", r[F.FAT]);
      var place = [str(r[F.LOC]), str(r[F.ADM1]), str(r[F.CTRY])].filter(Boolean).join(", ");
      if (r[F.GID] > 0) { place += " (GeoNames " + r[F.GID] + ")"; }
      row(box, "Place", place);
      row(box, "Where", PRECISION_TEXT[r[F.PREC]] || "");
      row(box, "Certainty", data.certainties[r[F.CERT]]);
      if (str(r[F.SENT])) { box.appendChild(sentenceNode(r)); }
      var title = str(r[F.TITLE]), url = str(r[F.URL]);
      if (title || url) {
        var src;
        if (/^https?:\/\//i.test(url)) {
          src = el("a", null, title || url);
          src.href = url; src.target = "_blank"; src.rel = "noopener noreferrer";
        } else { src = el("span", null, title); }
        row(box, "Source", src);
      }
      return box;
    }

    function tooltipNode(i) {
      var r = rows[i], box = el("div", "geo-tooltip");
      box.appendChild(el("strong", null, str(r[F.LOC]) || "(unnamed place)"));
      box.appendChild(document.createTextNode(" \u00b7 " + types[r[F.TYPE]]));
      return box;
    }

    function showPopup(m) {
      popup.setLatLng(m.getLatLng()).setContent(popupNode(m._gi)).openOn(map);
      return popup.getElement();
    }
    function showTooltip(m) {
      tooltip.setLatLng(m.getLatLng()).setContent(tooltipNode(m._gi));
      map.openTooltip(tooltip);
      return tooltip.getElement();
    }
    var layerOf = function (e) { return e.propagatedFrom || e.layer; };
    group.on("click", function (e) { var m = layerOf(e); if (m && m._gi !== undefined) { showPopup(m); } });
    group.on("mouseover", function (e) { var m = layerOf(e); if (m && m._gi !== undefined) { showTooltip(m); } });
    group.on("mouseout", function () { map.closeTooltip(tooltip); });

    /* which events are shown: the enabled types, within the date window */
    var enabled = types.map(function () { return true; });
    var window0 = [data.dayMin, data.dayMax];
    function visible(m) {
      var r = rows[m._gi], d = r[F.DAY];
      return enabled[r[F.TYPE]] && (d === null || (d >= window0[0] && d <= window0[1]));
    }
    function refresh(typeIndex) {
      var list = typeIndex === undefined ? markers : byType[typeIndex];
      var add = [], remove = [];
      list.forEach(function (m) { (visible(m) ? add : remove).push(m); });
      if (opts.cluster) { group.removeLayers(remove); group.addLayers(add); }
      else {
        remove.forEach(function (m) { group.removeLayer(m); });
        add.forEach(function (m) { group.addLayer(m); });
      }
      updateShown();
    }

    /* one overlay per event type: a proxy layer holding its areas, toggling its markers */
    var overlays = {};
    var proxies = types.map(function (t, k) {
      overlays[data.typeLabels[k]] = areaLayers[k];
      areaLayers[k].addTo(map);
      return areaLayers[k];
    });
    map.on("overlayadd overlayremove", function (e) {
      var k = proxies.indexOf(e.layer);
      if (k >= 0) { enabled[k] = e.type === "overlayadd"; refresh(k); }
    });
    var heat = null;
    if (opts.heat && L.heatLayer) {
      heat = L.heatLayer(rows.map(function (r) { return [r[F.LAT], r[F.LON], 1 + Math.log(1 + r[F.FAT])]; }),
                         {radius: 18, blur: 15, minOpacity: 0.3});
      overlays["Heat map"] = heat;
      heat.addTo(map);
    }
    L.control.layers(null, overlays, {collapsed: rows.length > 0 && types.length > 8, position: "topright"}).addTo(map);

    /* title and summary */
    var info = L.control({position: "topleft"});
    var shownNode = el("div", "geo-shown");
    info.onAdd = function () {
      var box = el("div", "geo-info leaflet-bar");
      box.appendChild(el("h1", "geo-title", data.title));
      var total = rows.length + data.unplaced;
      var s = total + " event" + (total === 1 ? "" : "s") + "; " + rows.length + " on the map";
      if (data.unplaced) { s += ", " + data.unplaced + " without a place (listed in the table, not drawn)"; }
      box.appendChild(el("div", "geo-summary", s));
      if (data.dayMin !== null) {
        box.appendChild(el("div", "geo-dates", "Dates: " + dayToIso(data.dayMin) + " to " + dayToIso(data.dayMax)
          + (data.undated ? " (" + data.undated + " undated)" : "")));
      }
      box.appendChild(shownNode);
      if (data.dayMin !== null && data.dayMax > data.dayMin) { box.appendChild(timeSlider()); }
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    function updateShown() {
      var n = 0;
      for (var j = 0; j < markers.length; j++) { if (visible(markers[j])) { n++; } }
      shownNode.textContent = "Shown: " + n;
    }

    /* time window: two sliders over the days that have events (undated events always shown) */
    function timeSlider() {
      var box = el("div", "geo-time");
      var label = el("div", "geo-time-label");
      function input(value) {
        var inp = el("input");
        inp.type = "range"; inp.min = data.dayMin; inp.max = data.dayMax; inp.step = 1; inp.value = value;
        return inp;
      }
      var from = input(data.dayMin), to = input(data.dayMax);
      from.className = "geo-time-from"; to.className = "geo-time-to";
      function setLabel() {
        label.textContent = "From " + dayToIso(window0[0]) + " to " + dayToIso(window0[1]);
      }
      function apply() {
        var a = Number(from.value), b = Number(to.value);
        window0 = [Math.min(a, b), Math.max(a, b)];
        setLabel();
        refresh();
      }
      from.addEventListener("input", function () { window0[0] = Math.min(Number(from.value), Number(to.value)); setLabel(); });
      to.addEventListener("input", function () { window0[1] = Math.max(Number(from.value), Number(to.value)); setLabel(); });
      from.addEventListener("change", apply);
      to.addEventListener("change", apply);
      setLabel();
      box.appendChild(label); box.appendChild(from); box.appendChild(to);
      return box;
    }
    info.addTo(map);

    /* legend: colour = type (with counts), shape = precision, fill = certainty */
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
      var box = el("div", "geo-legend leaflet-bar");
      box.appendChild(el("div", "geo-legend-title", "Event type"));
      types.forEach(function (t, k) {
        var line = el("div", "geo-legend-row");
        var sw = el("span", "geo-swatch");
        sw.style.background = colors[k];
        line.appendChild(sw);
        line.appendChild(document.createTextNode(t + " (" + byType[k].length + ")"));
        box.appendChild(line);
      });
      box.appendChild(el("div", "geo-legend-title", "Where (ACLED geo precision)"));
      [["geo-sym geo-p1", "1: at the town"], ["geo-sym geo-p2", "2: near the town (ring)"],
       ["geo-sym geo-p3", "3: in the province (shaded area)"],
       ["geo-sym geo-claimed", "claimed / denied / disputed"]].forEach(function (x) {
        var line = el("div", "geo-legend-row");
        line.appendChild(el("span", x[0]));
        line.appendChild(document.createTextNode(x[1]));
        box.appendChild(line);
      });
      box.appendChild(el("div", "geo-legend-note", "Size: fatalities. Numbers on circles: events clustered."));
      return box;
    };
    legend.addTo(map);

    var readyDone = false;
    function ready() {
      if (readyDone) { return; }
      readyDone = true;
      window.__geo.readyAt = performance.now();
      window.__geo.ready = true;
    }
    window.__geo = {markers: markers, rows: rows, group: group, map: map, ready: false,
                    showPopup: function (i) { return showPopup(markers[i]); },
                    showTooltip: function (i) { return showTooltip(markers[i]); },
                    popup: popup, tooltip: tooltip};
    group.addTo(map);
    refresh();
    if (!opts.cluster || rows.length === 0) { ready(); }
  };
})();
