// `npm run bench [-- NAME ...]`: runs the named benchmarks (default: startup) and prints figures.
// Benchmarks measure; they never fail a build. Targets are printed beside the figures.
const available = {
	startup: () => import('./startup.js'),
	search: () => import('./search.js'),
	hsds: () => import('./hsds.js'),
	booklet: () => import('./booklet.js'),
	import: () => import('./import.js'),
	cases: () => import('./cases.js'),
	report: () => import('./report.js'),
	register: () => import('./register.js')
};

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = names.length ? names : ['startup'];
for (const name of chosen) {
	const load = available[name];
	if (!load) {
		console.error(`unknown benchmark "${name}"; available: ${Object.keys(available).join(', ')}`);
		process.exit(2);
	}
	const { run } = await load();
	await run();
}
