import type { Transport } from '@sveltejs/kit';
import { CatalogueSlice } from '$lib/i18n/catalogue-slice';

export const transport: Transport = {
	CatalogueSlice: {
		encode: (value) => value instanceof CatalogueSlice && value.id,
		decode: () => {
			// Only reached if a page turns on csr: it would then have to load its messages itself.
			throw new Error('A catalogue slice is rendered on the server only and cannot be hydrated.');
		}
	}
};
