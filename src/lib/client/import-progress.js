// @ts-nocheck -- served to browsers as written (no build step), kept to plain ES2019 for old phones.
// Progressive enhancement of an import's progress page, which works without it (it then reloads
// itself every 2 seconds): the page is asked for again every second and only the bar and its
// label change, so a screen reader keeps its place; once the import has ended, the browser goes
// to its result. Plain ES2019, no dependency, loaded with defer.
(() => {
	const box = document.querySelector('[data-poll]');
	if (!box || typeof fetch !== 'function' || typeof DOMParser !== 'function') return;
	const every = Number(box.getAttribute('data-poll')) || 1000;
	const here = location.pathname;
	const copy = (from, selector, apply) => {
		const source = from.querySelector(selector);
		const target = document.querySelector(selector);
		if (source && target) apply(source, target);
		return Boolean(source);
	};
	const tick = () =>
		fetch(here, { credentials: 'same-origin', headers: { accept: 'text/html' } })
			.then((response) => {
				// Redirected: the import ended (the result page); an error: let the page say it.
				if (response.redirected || !response.ok) return location.assign(response.url);
				return response.text().then((html) => {
					const page = new DOMParser().parseFromString(html, 'text/html');
					const running = copy(page, '#import-progress', (s, t) => {
						t.max = s.max;
						t.value = s.value;
					});
					copy(page, 'label[for="import-progress"]', (s, t) => {
						t.textContent = s.textContent;
					});
					if (!running) return location.reload();
					setTimeout(tick, every);
				});
			})
			// The server is busy or unreachable for a moment: try again a little later.
			.catch(() => setTimeout(tick, every * 2));
	setTimeout(tick, every);
})();
