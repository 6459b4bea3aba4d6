/**
 * The demo's "I'm interested" form of one of Seraing's French classes, found as a visitor finds it:
 * from the directory's search to a service page of the Maison des Langues de Seraing, and its link.
 */
export async function demoInterestPath(base: string, titlePart: string): Promise<string> {
	for (const q of ['q=fran%C3%A7ais&place=Seraing', 'place=Seraing', 'q=Maison+des+Langues']) {
		const html = await (await fetch(`${base}/fr/annuaire?${q}`)).text();
		const services = [...new Set([...html.matchAll(/\/fr\/annuaire\/([0-9a-f-]{36})/g)].map((m) => m[1]!))];
		for (const id of services.slice(0, 40)) {
			const page = await (await fetch(`${base}/fr/annuaire/${id}`)).text();
			for (const m of page.matchAll(/href="\/fr\/cours\/([0-9a-f-]{36})\/interesse">([^<]*)<span lang="fr">([^<]*)</g)) {
				if (m[3]!.includes(titlePart)) return `/cours/${m[1]}/interesse`;
			}
		}
	}
	throw new Error(`no demo interest form for ${titlePart}`);
}
