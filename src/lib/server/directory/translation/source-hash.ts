import { sha256 } from '../../crypto/crypto';

/** The hash of the French source a translation was made from (stored in translation.source_hash). */
export function sourceHash(text: string): string {
	return sha256(text.trim());
}

type Row = { field: string; locale: string; text: string; status: string; sourceHash: string | null };

/**
 * The rows of one entity the public may see: the French source, and translations made from
 * the current source. Outdated ones never; a translation whose hash differs from the current
 * source's is skipped even if no save marked it yet. Rows without a hash (made before hashes
 * existed) count as current until the next save decides.
 */
export function publicRows<R extends Row>(rows: R[]): R[] {
	const current = new Map(rows.filter((r) => r.status === 'source').map((r) => [r.field, sourceHash(r.text)]));
	return rows.filter((r) => {
		if (r.status === 'source') return true;
		if (r.status === 'outdated') return false;
		const h = current.get(r.field);
		if (h === undefined) return false;
		return r.sourceHash === null || r.sourceHash === h;
	});
}
