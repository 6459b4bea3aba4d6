import type { Messages } from './translator';

/**
 * The messages the root layout's load hands to its component. Every page is rendered on the
 * server only (`csr = false`), so a slice never needs to reach a browser; SvelteKit still
 * serialises every load's data for hydration, which for thousands of strings cost about 6 ms of
 * each pro request. The transport hook (src/hooks.ts) writes a slice as its id instead.
 */
export class CatalogueSlice {
	constructor(
		readonly id: string,
		readonly messages: Messages
	) {}
}
