// @ts-nocheck -- served to browsers as written (no build step), kept to plain ES2019 for old phones.
// Progressive enhancement of the public service page, which works fully without it:
// "read aloud" with the device's own speech synthesis (nothing leaves the device), the system
// share sheet, copying the link, and printing. Plain ES2019, no dependency, loaded with defer.
(() => {
	const base = (tag) => String(tag || '').toLowerCase().replace('_', '-').split('-')[0];
	const pageLang = base(document.documentElement.lang);

	const read = document.getElementById('read-aloud');
	const synth = 'speechSynthesis' in window ? window.speechSynthesis : null;
	if (read && synth && typeof SpeechSynthesisUtterance === 'function') {
		const voiceFor = (lang) => synth.getVoices().find((v) => base(v.lang) === base(lang)) || null;
		// Shown only when the device can speak the page's language.
		const offer = () => {
			if (voiceFor(pageLang)) read.hidden = false;
		};
		offer();
		if (typeof synth.addEventListener === 'function') synth.addEventListener('voiceschanged', offer);
		const stop = () => {
			synth.cancel();
			read.setAttribute('aria-pressed', 'false');
		};
		read.addEventListener('click', () => {
			if (read.getAttribute('aria-pressed') === 'true') return stop();
			// Each part in its own language (a text shown in French falls back to a French voice);
			// parts whose language has no voice on this device are skipped rather than mispronounced.
			const parts = Array.from(document.querySelectorAll('[data-speak]'))
				.map((el) => ({ text: el.innerText.trim(), lang: (el.closest('[lang]') || document.documentElement).lang }))
				.filter((p) => p.text && voiceFor(p.lang));
			if (!parts.length) return;
			read.setAttribute('aria-pressed', 'true');
			parts.forEach((p, i) => {
				const u = new SpeechSynthesisUtterance(p.text);
				u.lang = p.lang;
				try {
					u.voice = voiceFor(p.lang);
				} catch (e) {
					// Some engines only take their own voice objects; the language alone then chooses.
				}
				if (i === parts.length - 1) u.onend = () => read.setAttribute('aria-pressed', 'false');
				synth.speak(u);
			});
		});
		window.addEventListener('pagehide', () => synth.cancel());
	}

	const share = document.getElementById('share-native');
	if (share && typeof navigator.share === 'function') {
		share.hidden = false;
		share.addEventListener('click', () => {
			navigator.share({ title: document.title, url: share.dataset.url }).catch(() => {});
		});
	}

	const copy = document.getElementById('copy-link');
	if (copy && navigator.clipboard) {
		copy.hidden = false;
		copy.addEventListener('click', () => {
			navigator.clipboard.writeText(copy.dataset.url).then(() => {
				const done = document.getElementById('copy-done');
				if (done) done.textContent = copy.dataset.done;
			}, () => {});
		});
	}

	const print = document.getElementById('print-page');
	if (print) {
		print.hidden = false;
		print.addEventListener('click', () => window.print());
	}
})();
