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
	'/annuaire/livret',
	'/agenda',
	'/agenda?view=day&category=conversation&free=1',
	'/agenda?from=2020-01-01&to=2020-01-31&municipality=62096',
	'/agenda/{event}',
	'/agenda/proposer',
	// A course's "I'm interested" form ({course}: a demo course linked from its service page).
	'/cours/{course}/interesse',
	// A campaign link: here an unknown one, the page that says so (a valid one is checked in campaign.test.ts).
	'/verification/[token]'
] as const;
