/* The event map's client side (geo/maps.py inserts it with the data it reads).
 *
 * Article text arrives only as JSON strings (geo/escape.py script_json) and reaches the page
 * only through textContent / createTextNode: no innerHTML, no template literals, no eval.
 * The one exception is HTML built and escaped in Python (geo/escape.py html): the layer
 * control's labels (Leaflet sets them with innerHTML).  Cluster icons hold only numbers.
 *
 * Tables (string fields are indexes into data.s):
 *   data.p places:  [lat, lon, location, admin1, country, geonameid, area]   (area: index into data.areas, -1 none)
 *   data.d sources: [title, url]
 *   data.e events:  [place, type, fatalities, precision, certainty, day, dayEnd, subType, actor1,
 *                    assocActor1, actor2, source, sentence, placeStart, placeEnd, triggerStart,
 *                    triggerEnd, timePrecision, attribution]
 * day counts days from data.dayMin (null = unknown; the script adds dayMin back, giving days from
 * 1970-01-01); dayEnd is days after day (0 = same day or unknown);
 * spans are UTF-16 offsets into the sentence (-1 = none).
 *
 * Clustering works on places, not events: the visible events are counted per place, and on
 * every zoom or pan the places in view are binned into a grid of CELL-pixel cells.  A cell with
 * one event draws that event; a cell with more draws a numbered cluster (click: zoom in, or
 * list the events when they share one spot); neighbouring cells whose markers would overlap merge.
 * With few markers in view their places are named where a name covers no other name, marker or
 * panel.  Cost per redraw: the places in view, not the events.
 */
(function () {
  "use strict";
  var P = {LAT: 0, LON: 1, LOC: 2, ADM1: 3, CTRY: 4, GID: 5, AREA: 6};
  var F = {PLACE: 0, TYPE: 1, FAT: 2, PREC: 3, CERT: 4, DAY: 5, DAY_END: 6, SUB: 7, A1: 8, ASSOC1: 9,
           A2: 10, SRC: 11, SENT: 12, PS: 13, PE: 14, TS: 15, TE: 16, TPREC: 17, ATTR: 18};
  var CELL = 56;          /* cluster cell size in screen pixels */
  var LIST_MAX = 200;     /* events listed in one cluster popup */
  var LABEL_MAX = 40;     /* place names are shown when at most this many markers are in view */
  var COMPACT_W = 720, COMPACT_H = 480;  /* a smaller map (a report's iframe) folds its panels */
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
    var timings = {start: performance.now()};
    var S = data.s, rows = data.e, places = data.p, sources = data.d, types = data.types, colors = data.colors;
    var str = function (i) { return i >= 0 ? S[i] : ""; };
    if (!map.options.maxZoom) { map.options.maxZoom = 18; }
    if (map.options.minZoom === undefined) { map.options.minZoom = 1; }
    var mapSize = map.getSize();
    var compact = mapSize.x < COMPACT_W || mapSize.y < COMPACT_H;
    /* page#still (geo render --png) is an image to read: panels open, no buttons (as in print) */
    var still = /^#still$/.test(window.location.hash);
    if (still) { compact = false; map.getContainer().classList.add("geo-still"); }
    var folds = [];  /* the folding panels (<details>), opened for print */

    /* base outlines under the tiles (geo/data/map_outlines.js): visible offline or when tiles fail to load */
    if (data.outlines) { geoOutlines(map, data.outlines, data.countryLabels || []); }

    var renderer = L.canvas({padding: 0.3});
    var radius = function (f) { return 5 + Math.min(14, 3 * Math.sqrt(f)); };
    var placeEvents = places.map(function () { return []; });
    var typeCount = types.map(function () { return 0; });
    for (var i = 0; i < rows.length; i++) {
      if (rows[i][F.DAY] !== null) { rows[i][F.DAY] += data.dayMin; }
      placeEvents[rows[i][F.PLACE]].push(i);
      typeCount[rows[i][F.TYPE]]++;
    }
    var placeLatLng = places.map(function (pl) { return L.latLng(pl[P.LAT], pl[P.LON]); });
    var placeWorld = placeLatLng.map(function (ll) { return map.project(ll, 0); });

    function eventMarker(i) {
      var r = rows[i], c = colors[r[F.TYPE]], prec = r[F.PREC], reported = r[F.CERT] === 0;
      var o = {renderer: renderer, color: c, fillColor: reported ? c : "#ffffff",
               radius: radius(r[F.FAT]), weight: 1.5, opacity: 1, fillOpacity: reported ? 0.85 : 0.95};
      if (prec === 2) { o.radius += 5; o.weight = 3.5; o.fillOpacity = reported ? 0.35 : 0.95; }
      else if (prec === 3) { o.radius += 7; o.weight = 2.5; o.dashArray = "5 4"; o.fillOpacity = reported ? 0.15 : 0.6; }
      if (!reported) { o.dashArray = prec === 3 ? "2 4" : "3 3"; }
      var m = L.circleMarker(placeLatLng[r[F.PLACE]], o);
      m._gi = i;
      m.on("click", function () { showPopup(i); });
      m.on("mouseover", function () { showTooltip(i); });
      m.on("mouseout", function () { map.closeTooltip(tooltip); });
      return m;
    }

    /* province areas of precision-3 events: one outline per area (on one canvas), shown while
       any of its events is shown; never clickable */
    var areaRenderer = L.canvas({padding: 0.3});
    var areaLayer = L.layerGroup().addTo(map);
    var areaPolygons = (data.areas || []).map(function (ring) {
      return L.polygon(ring, {renderer: areaRenderer, color: "#4a5560", weight: 1.5, dashArray: "6 4",
                              fillColor: "#4a5560", fillOpacity: 0.07, interactive: false});
    });
    var areaShown = new Int32Array(areaPolygons.length);

    /* popups and tooltips: one of each, filled on demand with text nodes */
    /* on a small map a popup fits inside it (its text scrolls) and the panels step aside while it is open */
    var popup = L.popup({maxWidth: Math.min(380, mapSize.x - 50), minWidth: Math.min(240, mapSize.x - 60),
                         maxHeight: compact ? Math.max(100, mapSize.y - 70) : null,
                         autoPanPadding: compact ? [8, 8] : [20, 20]});
    /* elsewhere, the panels a popup would slip under (they sit above popups) step aside while it is open */
    var PANELS = ".geo-info, .geo-legend, .leaflet-control-layers, .leaflet-control-zoom";
    function stepAside() {
      var el0 = popup.getElement();
      if (!el0 || !map.hasLayer(popup)) { return; }
      var r = el0.getBoundingClientRect();
      map.getContainer().querySelectorAll(PANELS).forEach(function (c) {
        c.classList.remove("geo-aside");
        var q = c.getBoundingClientRect();
        if (q.left < r.right && r.left < q.right && q.top < r.bottom && r.top < q.bottom) { c.classList.add("geo-aside"); }
      });
    }
    map.on("popupopen", function () {
      if (compact) { map.getContainer().classList.add("geo-popup-open"); }
      else { stepAside(); }
    });
    map.on("moveend", function () { if (!compact) { stepAside(); } });  /* after the popup's autopan */
    map.on("popupclose", function () {
      map.getContainer().classList.remove("geo-popup-open");
      map.getContainer().querySelectorAll(PANELS).forEach(function (c) { c.classList.remove("geo-aside"); });
    });
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

    function dateText(r) {
      var date = r[F.DAY] === null ? "" : dayToIso(r[F.DAY]);
      if (date && r[F.DAY_END] > 0) { date += " to " + dayToIso(r[F.DAY] + r[F.DAY_END]); }
      return date;
    }

    function popupNode(i) {
      var r = rows[i], box = el("div", "geo-popup");
      var head = el("div", "geo-head");
      head.style.borderLeftColor = colors[r[F.TYPE]];
      head.appendChild(el("strong", null, types[r[F.TYPE]]));
      if (str(r[F.SUB])) { head.appendChild(document.createTextNode(" / " + str(r[F.SUB]))); }
      box.appendChild(head);
      var date = dateText(r);
      if (date && r[F.TPREC] > 0) { date += " (time precision " + r[F.TPREC] + ")"; }
      row(box, "Date", date || "unknown");
      var actors = str(r[F.A1]);
      if (str(r[F.ASSOC1])) { actors += " (with " + str(r[F.ASSOC1]) + ")"; }
      if (str(r[F.A2])) { actors += (actors ? " vs " : "") + str(r[F.A2]); }
      row(box, "Actors", actors);
      row(box, "Fatalities", r[F.FAT]);
      var pl = places[r[F.PLACE]];
      var place = [str(pl[P.LOC]), str(pl[P.ADM1]), str(pl[P.CTRY])].filter(Boolean).join(", ");
      if (pl[P.GID] > 0) { place += " (GeoNames " + pl[P.GID] + ")"; }
      row(box, "Place", place);
      row(box, "Where", PRECISION_TEXT[r[F.PREC]] || "");
      row(box, "Certainty", data.certainties[r[F.CERT]]);
      if (str(r[F.SENT])) { box.appendChild(sentenceNode(r)); }
      if (str(r[F.ATTR])) { box.appendChild(el("p", "geo-attribution", "Actor named by: " + str(r[F.ATTR]))); }
      var title = str(sources[r[F.SRC]][0]), url = str(sources[r[F.SRC]][1]);
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
      box.appendChild(el("strong", null, str(places[r[F.PLACE]][P.LOC]) || "(unnamed place)"));
      box.appendChild(document.createTextNode(" \u00b7 " + types[r[F.TYPE]]));
      return box;
    }

    function showPopup(i) {
      popup.setLatLng(placeLatLng[rows[i][F.PLACE]]).setContent(popupNode(i)).openOn(map);
      return popup.getElement();
    }
    function showTooltip(i) {
      tooltip.setLatLng(placeLatLng[rows[i][F.PLACE]]).setContent(tooltipNode(i));
      map.openTooltip(tooltip);
      return tooltip.getElement();
    }

    /* which events are shown: the enabled types, within the date window */
    var enabled = types.map(function () { return true; });
    var window0 = [data.dayMin, data.dayMax];
    function visible(i) {
      var r = rows[i], d = r[F.DAY];
      return enabled[r[F.TYPE]] && (d === null || (d >= window0[0] && d <= window0[1]));
    }
    var placeShown = new Int32Array(places.length);
    var shown = 0;

    /* a cluster's popup: the events it holds, newest first, each opening its own popup */
    function listNode(eventIds, heading) {
      var box = el("div", "geo-popup geo-list");
      box.appendChild(el("div", "geo-head", heading || eventIds.length + " events here"));
      var sorted = eventIds.slice().sort(function (x, y) { return (rows[y][F.DAY] || 0) - (rows[x][F.DAY] || 0); });
      var ul = el("ul", "geo-list-items");
      sorted.slice(0, LIST_MAX).forEach(function (i) {
        var r = rows[i], li = el("li"), b = el("button", "geo-list-item");
        b.type = "button";
        var sw = el("span", "geo-swatch");
        sw.style.background = colors[r[F.TYPE]];
        b.appendChild(sw);
        b.appendChild(document.createTextNode([dateText(r) || "undated", types[r[F.TYPE]],
          str(places[r[F.PLACE]][P.LOC]), r[F.CERT] === 0 ? "" : data.certainties[r[F.CERT]]]
          .filter(Boolean).join(" \u00b7 ")));
        /* the click must not go on to the map: the list it was in is gone once the popup shows the
           event, so Leaflet would take it for a click on the map and close the popup at once */
        b.addEventListener("click", function (e) { L.DomEvent.stopPropagation(e); showPopup(i); });
        li.appendChild(b);
        ul.appendChild(li);
      });
      box.appendChild(ul);
      if (sorted.length > LIST_MAX) { box.appendChild(el("div", "geo-legend-note", "(first " + LIST_MAX + " shown)")); }
      return box;
    }
    function visibleEventsAt(placeIds) {
      var out = [];
      placeIds.forEach(function (p) { placeEvents[p].forEach(function (i) { if (visible(i)) { out.push(i); } }); });
      return out;
    }
    function showList(latlng, placeIds) {
      popup.setLatLng(latlng).setContent(listNode(visibleEventsAt(placeIds))).openOn(map);
      return popup.getElement();
    }
    /* every shown event in view, as a list of buttons: how the keyboard reaches events drawn on canvas */
    function listInView() {
      var bounds = map.getBounds(), inView = [];
      for (var p = 0; p < places.length; p++) {
        if (placeShown[p] && bounds.contains(placeLatLng[p])) { inView.push(p); }
      }
      var ids = visibleEventsAt(inView);
      var heading = ids.length ? ids.length + " event" + (ids.length === 1 ? "" : "s") + " in view" : "No event in view";
      popup.setLatLng(map.getCenter()).setContent(listNode(ids, heading)).openOn(map);
      var first = popup.getElement().querySelector(".geo-list-item, .leaflet-popup-close-button");
      if (first) { first.focus(); }
      return popup.getElement();
    }

    var layer = opts.cluster ? L.layerGroup() : L.featureGroup();
    var allMarkers = null;  /* without clustering: one marker per event, made once */

    function clusterMarker(cell) {
      var n = cell.n, size = n < 10 ? "small" : n < 100 ? "medium" : "large";
      var latlng = map.unproject(L.point(cell.sx / n, cell.sy / n), 0);
      var m = L.marker(latlng, {icon: L.divIcon({html: "<div><span>" + String(n | 0) + "</span></div>",
                                                 className: "geo-cluster geo-cluster-" + size,
                                                 iconSize: L.point(40, 40)}),
                                keyboard: true, title: n + " events"});
      m._geoPlaces = cell.places;
      m.on("click", function () {
        var ps = cell.places, bounds = L.latLngBounds(ps.map(function (p) { return placeLatLng[p]; }));
        var same = bounds.getNorthEast().equals(bounds.getSouthWest(), 1e-9);
        if (same || map.getZoom() >= map.getMaxZoom()) { showList(latlng, ps); }
        else { map.fitBounds(bounds.pad(0.2), {maxZoom: map.getMaxZoom()}); }
      });
      m.on("mouseover", function () {
        var box = el("div", "geo-tooltip");
        var name = cell.places.length === 1 ? str(places[cell.places[0]][P.LOC]) : "";
        box.appendChild(el("strong", null, n + " events"));
        box.appendChild(document.createTextNode(name ? " at " + name : " at " + cell.places.length + " places"));
        tooltip.setLatLng(latlng).setContent(box);
        map.openTooltip(tooltip);
      });
      m.on("mouseout", function () { map.closeTooltip(tooltip); });
      return m;
    }

    /* place names beside the markers when few are in view: the busiest cells first, each name to the
       right of its marker or else to its left, and left out where it would cover another name or marker
       (its marker's tooltip still names it) */
    var labelFont = null, labelHeight = 0, measure = null;
    function textWidth(text) {
      if (measure === null) {
        var probe = el("div", "leaflet-tooltip geo-place-label", "Ag");
        probe.style.visibility = "hidden";
        map.getPanes().tooltipPane.appendChild(probe);
        labelFont = window.getComputedStyle(probe).font;
        labelHeight = probe.offsetHeight;
        probe.remove();
        measure = document.createElement("canvas").getContext("2d");
        measure.font = labelFont;
      }
      return measure.measureText(text).width;
    }
    function markerRadius(c) {
      if (c.n > 1) { return 20; }  /* the cluster icon's 40 pixels */
      var r = rows[placeEvents[c.places[0]].filter(visible)[0]], prec = r[F.PREC];
      return radius(r[F.FAT]) + (prec === 2 ? 5 + 1.75 : prec === 3 ? 7 + 1.25 : 0.75);
    }
    function circleHits(x, y, rad, b) {
      var dx = Math.max(b[0] - x, 0, x - b[2]), dy = Math.max(b[1] - y, 0, y - b[3]);
      return dx * dx + dy * dy < rad * rad;
    }
    function placeLabels(cells, keys, scale) {
      var GAP = 4, MARGIN = 6;  /* Leaflet's .leaflet-tooltip-right/-left margin */
      var spots = keys.map(function (k) {
        var c = cells[k];
        return {k: k, c: c, x: c.sx / c.n * scale, y: c.sy / c.n * scale, r: markerRadius(c)};
      });
      var order = spots.slice().sort(function (a, b) { return b.c.n - a.c.n; });
      /* the panels (title, legend, layers, zoom, scale) sit above the names: a name under one is lost */
      var box = map.getContainer().getBoundingClientRect(), origin = map.getPixelBounds().min;
      var taken = Array.prototype.map.call(map.getContainer().querySelectorAll(".leaflet-control"), function (e) {
        var r = e.getBoundingClientRect(), x0 = origin.x - box.left, y0 = origin.y - box.top;
        return [r.left + x0, r.top + y0, r.right + x0, r.bottom + y0];
      });
      var out = {};
      order.forEach(function (sp) {
        var c = sp.c;
        /* the place with the most events names the cluster; of equals, the one nearest its centre */
        var near = function (p) {
          var w = placeWorld[p], dx = w.x * scale - sp.x, dy = w.y * scale - sp.y;
          return dx * dx + dy * dy;
        };
        var main = c.places.reduce(function (a, b) {
          return placeShown[b] > placeShown[a] || (placeShown[b] === placeShown[a] && near(b) < near(a)) ? b : a;
        });
        var text = str(places[main][P.LOC]);
        if (!text) { return; }
        if (c.places.length > 1) { text += " +" + (c.places.length - 1); }
        var w = textWidth(text) + 8, h = labelHeight, y0 = sp.y - h / 2, y1 = sp.y + h / 2;
        var boxes = {right: [sp.x + sp.r + GAP, y0, sp.x + sp.r + GAP + w, y1],
                     left: [sp.x - sp.r - GAP - w, y0, sp.x - sp.r - GAP, y1]};
        var side = ["right", "left"].find(function (s) {
          var b = boxes[s];
          return !taken.some(function (t) { return b[0] < t[2] && t[0] < b[2] && b[1] < t[3] && t[1] < b[3]; })
            && !spots.some(function (o) { return o !== sp && circleHits(o.x, o.y, o.r, b); });
        });
        if (side) {
          taken.push(boxes[side]);
          out[sp.k] = {text: text, side: side, dx: sp.r + GAP - MARGIN};
        }
      });
      return out;
    }

    /* two cells either side of a grid line would draw overlapping markers: the smaller joins the larger
       when their centres are nearer than a cluster icon (only the 8 neighbouring cells can be) */
    function mergeNear(cells, keys, scale) {
      var near = 40 / scale, gone = {};
      var order = keys.slice().sort(function (a, b) { return cells[b].n - cells[a].n; });
      order.forEach(function (k) {
        if (gone[k]) { return; }
        var c = cells[k], ij = k.split(":"), i0 = Number(ij[0]), j0 = Number(ij[1]);
        for (var di = -1; di <= 1; di++) {
          for (var dj = -1; dj <= 1; dj++) {
            var k2 = (i0 + di) + ":" + (j0 + dj), o = cells[k2];
            if (!o || k2 === k || gone[k2] || o.n > c.n) { continue; }
            var dx = o.sx / o.n - c.sx / c.n, dy = o.sy / o.n - c.sy / c.n;
            if (dx * dx + dy * dy < near * near) {
              c.n += o.n; c.sx += o.sx; c.sy += o.sy; c.places = c.places.concat(o.places);
              gone[k2] = true;
            }
          }
        }
      });
      return keys.filter(function (k) { return !gone[k]; });
    }

    function redraw() {
      if (!opts.cluster) { return; }
      var t0 = performance.now();
      var z = map.getZoom(), scale = Math.pow(2, z);
      var view = map.getPixelBounds(), pad = CELL * 2;
      var x0 = view.min.x - pad, y0 = view.min.y - pad, x1 = view.max.x + pad, y1 = view.max.y + pad;
      var worldSize = 256 * scale, cells = {}, keys = [];
      for (var p = 0; p < places.length; p++) {
        var n = placeShown[p];
        if (!n) { continue; }
        var x = placeWorld[p].x * scale, y = placeWorld[p].y * scale;
        /* the map may show copies of the world: bring x into the view's copy */
        if (x < x0 || x > x1) { x += Math.round((view.min.x + view.max.x) / 2 / worldSize - x / worldSize) * worldSize; }
        if (x < x0 || x > x1 || y < y0 || y > y1) { continue; }
        var k = Math.floor(x / CELL) + ":" + Math.floor(y / CELL), c = cells[k];
        if (!c) { c = cells[k] = {n: 0, sx: 0, sy: 0, places: []}; keys.push(k); }
        c.n += n; c.sx += x / scale * n; c.sy += y / scale * n; c.places.push(p);
      }
      keys = mergeNear(cells, keys, scale);
      var labels = keys.length <= LABEL_MAX ? placeLabels(cells, keys, scale) : {};
      /* keep the markers of cells that did not change (a pan moves few cells in or out) */
      var next = {};
      keys.forEach(function (k) {
        var c = cells[k], lab = labels[k];
        var id = generation + ":" + z + ":" + k + ":" + c.n + ":" + (lab ? lab.side + lab.text : "");
        var m = drawn[id];
        if (m) { delete drawn[id]; }
        else {
          m = c.n === 1 ? eventMarker(placeEvents[c.places[0]].filter(visible)[0]) : clusterMarker(c);
          if (lab) {
            m.bindTooltip(el("span", null, lab.text),
                          {permanent: true, direction: lab.side, offset: [lab.side === "right" ? lab.dx : -lab.dx, 0],
                           className: "geo-place-label", interactive: false});
          }
          layer.addLayer(m);
        }
        next[id] = m;
      });
      Object.keys(drawn).forEach(function (id) { layer.removeLayer(drawn[id]); });
      drawn = next;
      timings.lastRedraw = performance.now() - t0;
    }
    var drawn = {}, generation = 0;

    function refresh() {
      generation++;
      shown = 0;
      placeShown.fill(0);
      areaShown.fill(0);
      for (var j = 0; j < rows.length; j++) {
        if (visible(j)) {
          var pj = rows[j][F.PLACE];
          placeShown[pj]++; shown++;
          if (rows[j][F.PREC] === 3 && places[pj][P.AREA] >= 0) { areaShown[places[pj][P.AREA]]++; }
        }
      }
      areaPolygons.forEach(function (poly, a) {
        if (areaShown[a] > 0) { if (!areaLayer.hasLayer(poly)) { areaLayer.addLayer(poly); } }
        else if (areaLayer.hasLayer(poly)) { areaLayer.removeLayer(poly); }
      });
      if (opts.cluster) { redraw(); }
      else {
        if (allMarkers === null) { allMarkers = rows.map(function (r, k) { return eventMarker(k); }); }
        allMarkers.forEach(function (m) {
          if (visible(m._gi)) { if (!layer.hasLayer(m)) { layer.addLayer(m); } }
          else if (layer.hasLayer(m)) { layer.removeLayer(m); }
        });
      }
      shownNode.textContent = "Shown: " + shown;
    }
    if (opts.cluster) { map.on("zoomend moveend", redraw); }

    /* one overlay per event type: a proxy layer holding its areas, toggling its events */
    var overlays = {};
    var proxies = types.map(function (t, k) {
      var proxy = L.layerGroup().addTo(map);  /* empty: the control toggles it, refresh() does the rest */
      overlays[data.typeLabels[k]] = proxy;
      return proxy;
    });
    map.on("overlayadd overlayremove", function (e) {
      var k = proxies.indexOf(e.layer);
      if (k >= 0) { enabled[k] = e.type === "overlayadd"; refresh(); }
    });
    if (opts.heat && L.heatLayer) {
      var heat = L.heatLayer(rows.map(function (r) {
        var pl = places[r[F.PLACE]];
        return [pl[P.LAT], pl[P.LON], 1 + Math.log(1 + r[F.FAT])];
      }), {radius: 18, blur: 15, minOpacity: 0.3});
      overlays["Heat map"] = heat;
      heat.addTo(map);
    }
    L.control.layers(null, overlays, {collapsed: compact || (rows.length > 0 && types.length > 8),
                                      position: "topright"}).addTo(map);

    /* title and summary */
    var info = L.control({position: "topleft"});
    var shownNode = el("div", "geo-shown");
    info.onAdd = function () {
      var box = el("div", "geo-info leaflet-bar" + (compact ? " geo-compact" : ""));
      box.appendChild(el("h1", "geo-title", data.title));
      var total = rows.length + data.unplaced;
      var s = total + " event" + (total === 1 ? "" : "s") + "; " + rows.length + " on the map";
      if (data.unplaced) {
        s += ", " + data.unplaced + (compact ? " unplaced" : " without a place (listed in the table, not drawn)");
      }
      box.appendChild(el("div", "geo-summary", s));
      if (data.dayMin !== null) {
        var dates = (compact ? "" : "Dates: ") + dayToIso(data.dayMin) + " to " + dayToIso(data.dayMax)
          + (data.undated ? " (" + data.undated + " undated)" : "");
        if (data.dayMax > data.dayMin) {
          /* the dates line opens the time window (folded on a small map) */
          var fold = el("details", "geo-time-box");
          fold.open = !compact;
          folds.push(fold);
          fold.appendChild(el("summary", "geo-dates", dates));
          fold.appendChild(timeSlider());
          box.appendChild(fold);
        } else { box.appendChild(el("div", "geo-dates", dates)); }
      }
      var line = el("div", "geo-shown-row");
      line.appendChild(shownNode);
      if (rows.length) {
        var listButton = el("button", "geo-list-button", "List events in view");
        listButton.type = "button";
        listButton.addEventListener("click", listInView);
        line.appendChild(listButton);
      }
      box.appendChild(line);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };

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
      from.setAttribute("aria-label", "first day shown"); to.setAttribute("aria-label", "last day shown");
      function setLabel() {
        label.textContent = "From " + dayToIso(window0[0]) + " to " + dayToIso(window0[1]);
      }
      function apply() {
        var a = Number(from.value), b = Number(to.value);
        window0 = [Math.min(a, b), Math.max(a, b)];
        setLabel();
        refresh();
      }
      from.addEventListener("input", apply);
      to.addEventListener("input", apply);
      setLabel();
      box.appendChild(label); box.appendChild(from); box.appendChild(to);
      return box;
    }
    info.addTo(map);

    /* legend: colour = type (with counts), shape = precision, fill = certainty */
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
      var box = el("details", "geo-legend leaflet-bar");
      box.open = !compact;  /* folded on a small map: one click (or Enter) opens it */
      folds.push(box);
      box.appendChild(el("summary", "geo-legend-summary", "Legend"));
      box.appendChild(el("div", "geo-legend-title", "Event type"));
      types.forEach(function (t, k) {
        var line = el("div", "geo-legend-row");
        var sw = el("span", "geo-swatch");
        sw.style.background = colors[k];
        line.appendChild(sw);
        line.appendChild(document.createTextNode(t + " (" + typeCount[k] + ")"));
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
      box.appendChild(el("div", "geo-legend-note", "Size: fatalities. Numbered circles: several events (click)."));
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    legend.addTo(map);

    /* the map's name for screen readers; Escape in a popup closes it */
    var container = map.getContainer();
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", data.title + ": map of " + rows.length + " event" + (rows.length === 1 ? "" : "s")
      + " (the button 'List events in view' lists them)");
    container.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && map.hasLayer(popup)) { map.closePopup(popup); }
    });

    /* print: every panel open while printing, then as the reader left them */
    var openBefore = null;
    window.addEventListener("beforeprint", function () {
      openBefore = folds.map(function (d) { return d.open; });
      folds.forEach(function (d) { d.open = true; });
    });
    window.addEventListener("afterprint", function () {
      if (openBefore) { folds.forEach(function (d, k) { d.open = openBefore[k]; }); openBefore = null; }
    });

    /* whether the map is panning or zooming (a popup's autopan glides): tests wait for it to settle */
    var moving = false;
    map.on("movestart", function () { moving = true; });
    map.on("moveend", function () { moving = false; });

    /* fit to the events, clear of the panels (an event in a corner lay under the layer control or the
       legend at first sight): the widest panel of each side insets that side, when that leaves room */
    var fitOptions = function () {
      var box = map.getContainer();
      var widest = function (corner) {
        var w = 0;
        box.querySelectorAll(corner + " .leaflet-control").forEach(function (el) {
          if (!el.classList.contains("leaflet-control-attribution") &&
              !el.classList.contains("leaflet-control-scale")) { w = Math.max(w, el.offsetWidth); }
        });
        return w;
      };
      var left = Math.max(widest(".leaflet-top.leaflet-left"), widest(".leaflet-bottom.leaflet-left"));
      var right = Math.max(widest(".leaflet-top.leaflet-right"), widest(".leaflet-bottom.leaflet-right"));
      var options = {maxZoom: 9, animate: false, padding: [30, 30]};
      if (box.clientWidth - left - right - 60 >= 0.4 * box.clientWidth) {
        options.paddingTopLeft = [left + 30, 30];
        options.paddingBottomRight = [right + 30, 30];
      }
      return options;
    };
    if (data.bounds) { map.fitBounds(data.bounds, fitOptions()); }
    layer.addTo(map);
    timings.drawStart = performance.now();
    refresh();
    timings.drawn = performance.now();
    window.__geo = {
      rows: rows, map: map, layer: layer, ready: true, readyAt: performance.now(), timings: timings,
      shown: function () { return shown; },
      areasShown: function () { return areaLayer.getLayers().length; },
      showPopup: showPopup, showTooltip: showTooltip, popup: popup, tooltip: tooltip, listInView: listInView,
      compact: compact, moving: function () { return moving; }
    };
  };
})();
