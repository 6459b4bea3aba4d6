// @ts-nocheck -- served to browsers as written (no build step), kept to plain ES2019 for old phones.
// The results map: shown only when JavaScript runs and an operator configured a tile server.
// The list stays the way to use the directory; the map is an extra view of the same results.
// Leaflet (BSD-2-Clause) is loaded only when the map is shown: at once on a wide screen, on
// request on a phone (it weighs about 45 KB compressed).
(() => {
	const box = document.getElementById('results-map');
	const data = document.getElementById('map-points');
	if (!box || !data) return;
	const points = JSON.parse(data.textContent || '[]');
	if (!points.length) return;
	box.hidden = false;
	const button = document.getElementById('map-show');
	const canvas = document.getElementById('map-canvas');

	const load = () =>
		new Promise((resolve, reject) => {
			if (window.L) return resolve(window.L);
			const css = document.createElement('link');
			css.rel = 'stylesheet';
			css.href = box.dataset.leafletCss;
			document.head.appendChild(css);
			const js = document.createElement('script');
			js.src = box.dataset.leafletJs;
			js.onload = () => resolve(window.L);
			js.onerror = reject;
			document.head.appendChild(js);
		});

	const show = () => {
		button.hidden = true;
		canvas.hidden = false;
		load().then((L) => {
			const map = L.map(canvas, { scrollWheelZoom: false });
			L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution, maxZoom: 18 }).addTo(map);
			const bounds = [];
			for (const p of points) {
				const marker = L.circleMarker([p.lat, p.lon], { radius: 8, color: '#0b4f8a', weight: 2, fillOpacity: 0.7 }).addTo(map);
				const link = document.createElement('a');
				link.href = p.href;
				link.textContent = p.name;
				if (p.lang) link.lang = p.lang;
				marker.bindPopup(link);
				bounds.push([p.lat, p.lon]);
			}
			map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
			canvas.setAttribute('data-ready', String(points.length));
		}, () => {
			canvas.hidden = true;
		});
	};

	if (window.matchMedia && window.matchMedia('(min-width: 60em)').matches) show();
	else {
		button.hidden = false;
		button.addEventListener('click', show);
	}
})();
