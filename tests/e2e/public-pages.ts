/** Every public page, as paths after /{lang}; a test checks this list against the route tree. */
export const publicPages = [
	'',
	'/parcours',
	'/communes',
	'/communes?q=jemeppe',
	'/communes?q=x',
	'/accessibilite',
	'/vie-privee',
	'/mentions-legales',
	'/annuaire',
	'/annuaire?q=cours+de+fran%C3%A7ais&place=Seraing&evening=1&childcare=1',
	'/annuaire?q=zzqxw&place=Nulle-part',
	'/annuaire/{service}',
	'/annuaire/livret'
] as const;
