/** Every public page, as paths after /{lang}; a test checks this list against the route tree. */
export const publicPages = [
	'',
	'/parcours',
	'/communes',
	'/communes?q=jemeppe',
	'/communes?q=x',
	'/accessibilite',
	'/vie-privee',
	'/mentions-legales'
] as const;
