import { eq, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { organisation } from '../identity/identity.table';
import { municipality } from '../territory/territory.table';
import { service } from './directory.table';
import { monthsBefore, STALE_MONTHS } from './staleness';

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

export type FreshnessRow = { key: string; total: number; verified: number; stale: number };

/**
 * The freshness dashboard: published services verified in the last 12 months, by the
 * organisation's municipality and by kind of organisation (counts only, no personal data).
 */
export async function freshness(db: Database, now = new Date()) {
	const yearAgo = monthsBefore(now, 12);
	const staleBefore = monthsBefore(now, STALE_MONTHS);
	const verified = sql<number>`count(*) filter (where ${service.lastVerifiedAt} >= ${ts(yearAgo)})::int`;
	const stale = sql<number>`count(*) filter (where coalesce(${service.lastVerifiedAt}, ${service.publishedAt}) < ${ts(staleBefore)})::int`;
	const total = sql<number>`count(*)::int`;
	const base = db
		.select({ nis: organisation.nisCode, municipality: municipality.nameFr, kind: organisation.kind, total, verified, stale })
		.from(service)
		.innerJoin(organisation, eq(organisation.id, service.organisationId))
		.innerJoin(municipality, eq(municipality.nisCode, organisation.nisCode))
		.where(isNotNull(service.published))
		.groupBy(organisation.nisCode, municipality.nameFr, organisation.kind);
	const rows = await base;
	const sum = (list: typeof rows): Omit<FreshnessRow, 'key'> => ({ total: list.reduce((a, r) => a + r.total, 0), verified: list.reduce((a, r) => a + r.verified, 0), stale: list.reduce((a, r) => a + r.stale, 0) });
	const group = (by: (r: (typeof rows)[number]) => string) => {
		const keys = [...new Set(rows.map(by))];
		return keys.map((key) => ({ key, ...sum(rows.filter((r) => by(r) === key)) }));
	};
	return {
		overall: sum(rows),
		byMunicipality: group((r) => r.municipality).sort((a, b) => a.key.localeCompare(b.key, 'fr')),
		byKind: group((r) => r.kind).sort((a, b) => b.total - a.total)
	};
}
