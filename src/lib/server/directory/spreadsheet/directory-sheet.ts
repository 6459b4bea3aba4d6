import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { organisation } from '../../identity/identity.table';
import type { ServiceForm } from '../service-form';
import { location, schedule, service, serviceAtLocation, serviceTaxonomy, translation } from '../directory.table';
import type { Slot } from '../hours';
import { canonicalRow, columnHeader, columnKeys, displayRow, fold, newServiceDefaults, readRow, requiredColumns, restore, type ColumnKey, type CurrentService, type SheetRow } from './columns';
import { breather } from './pace';
import type { Table } from './read';

/**
 * Export and import of the directory as one spreadsheet row per service. The export writes the
 * working version (what the organisation last saved); the import compares each row with it, so
 * a file exported and imported again changes nothing. The import itself (import.ts) is
 * all-or-nothing: one transaction that first checks the whole file again, then writes. Imported
 * services go to the review queue (status submitted), or are published at once when a directory
 * editor asks.
 */

/** An organisation's services, or the whole directory (organisationId null: directory editors). */
export type Scope = { organisationId: string | null };
export type Ctx = { actorUserId: string; ipHash: string };

const inScope = (scope: Scope): SQL | undefined => (scope.organisationId ? eq(service.organisationId, scope.organisationId) : undefined);

/** Every service in scope as it stands now, read in a few queries whatever their number. */
export async function loadCurrent(db: Database, scope: Scope): Promise<Map<string, CurrentService>> {
	const where = inScope(scope);
	const rows = await db.select().from(service).where(where);
	const out = new Map<string, CurrentService>();
	for (const v of rows)
		out.set(v.id, {
			id: v.id,
			organisationId: v.organisationId,
			name: '',
			description: '',
			documents: '',
			feeDetails: '',
			needs: [],
			location: null,
			otherLocationIds: [],
			phone: v.phone,
			email: v.email,
			url: v.url,
			accessModes: v.accessModes,
			free: v.free,
			childcare: v.childcare,
			wheelchair: v.wheelchair,
			audiences: v.audiences,
			welcomeType: v.welcomeType,
			gender: v.gender,
			ageMin: v.ageMin,
			ageMax: v.ageMax,
			capacity: v.capacity,
			languages: v.languages,
			eligibleNis: v.eligibleNis,
			hours: [],
			closedOnPublicHolidays: v.closedOnPublicHolidays
		});
	if (!out.size) return out;
	const texts = await db
		.select({ id: translation.entityId, field: translation.field, text: translation.text })
		.from(translation)
		.innerJoin(service, eq(service.id, translation.entityId))
		.where(and(eq(translation.entityType, 'service'), eq(translation.locale, 'fr'), where));
	const fieldOf = { name: 'name', description: 'description', documents: 'documents', fee_details: 'feeDetails' } as const;
	for (const t of texts) {
		const s = out.get(t.id);
		const f = fieldOf[t.field as keyof typeof fieldOf];
		if (s && f) s[f] = t.text;
	}
	for (const t of await db.select({ id: serviceTaxonomy.serviceId, term: serviceTaxonomy.termId }).from(serviceTaxonomy).innerJoin(service, eq(service.id, serviceTaxonomy.serviceId)).where(where))
		out.get(t.id)?.needs.push(t.term);
	const places = await db
		.select({ serviceId: serviceAtLocation.serviceId, id: location.id, street: location.street, postalCode: location.postalCode, nisCode: location.nisCode })
		.from(serviceAtLocation)
		.innerJoin(location, eq(location.id, serviceAtLocation.locationId))
		.innerJoin(service, eq(service.id, serviceAtLocation.serviceId))
		.where(where)
		// Links are time-ordered: the first is the main address (as in the form).
		.orderBy(asc(serviceAtLocation.id));
	for (const p of places) {
		const s = out.get(p.serviceId);
		if (!s) continue;
		if (!s.location) s.location = { id: p.id, street: p.street, postalCode: p.postalCode, nisCode: p.nisCode };
		else s.otherLocationIds.push(p.id);
	}
	const slots = await db
		.select({ id: schedule.serviceId, weekday: schedule.weekday, opensAt: schedule.opensAt, closesAt: schedule.closesAt })
		.from(schedule)
		.innerJoin(service, eq(service.id, schedule.serviceId))
		.where(where)
		.orderBy(asc(schedule.weekday), asc(schedule.opensAt));
	for (const x of slots) out.get(x.id)?.hours.push({ weekday: x.weekday, opensAt: x.opensAt.slice(0, 5), closesAt: x.closesAt.slice(0, 5) });
	return out;
}

async function organisationNames(db: Database): Promise<Map<string, string>> {
	return new Map((await db.select({ id: organisation.id, name: organisation.name }).from(organisation)).map((o) => [o.id, o.name]));
}

/** The rows of an export, as a person reads them, ordered by organisation then service name. */
export async function exportRows(db: Database, scope: Scope): Promise<SheetRow[]> {
	const current = await loadCurrent(db, scope);
	const names = await organisationNames(db);
	const rows = [...current.values()].map((s) => displayRow(canonicalRow(s), (id) => names.get(id) ?? id));
	const collator = new Intl.Collator('fr');
	return rows.sort((a, b) => collator.compare(a.organisation, b.organisation) || collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

/** A problem of one cell: the row number as Excel shows it, the file's column name, and what is wrong (a catalogue key). */
export type RowProblem = { row: number; column: string; key: string; params?: Record<string, string> };
export type PlanEntry = {
	row: number;
	kind: 'new' | 'changed' | 'unchanged';
	serviceId: string | null;
	organisationId: string;
	name: string;
	changed: ColumnKey[];
	form: ServiceForm | null;
	slots: Slot[];
	values: SheetRow;
};
export type Plan = { problems: RowProblem[]; entries: PlanEntry[]; counts: { new: number; changed: number; unchanged: number } };
/** Which of our columns each column of the file fills (null: ignored). */
export type Mapping = (ColumnKey | null)[];

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Columns the mapping must include; each of ours at most once. */
export function mappingProblems(mapping: Mapping, scope: Scope): { missing: ColumnKey[]; duplicated: ColumnKey[] } {
	const used = mapping.filter((m): m is ColumnKey => m !== null);
	const required = scope.organisationId ? requiredColumns : (['organisation', ...requiredColumns] as ColumnKey[]);
	const missing = required.filter((k) => !used.includes(k));
	return { missing: [...new Set(missing)], duplicated: [...new Set(used.filter((k, i) => used.indexOf(k) !== i))] };
}

/** The dry run: every row read and checked, compared with the directory. Writes nothing. */
export async function planImport(db: Database, { table, mapping, scope }: { table: Table; mapping: Mapping; scope: Scope }): Promise<Plan> {
	const current = await loadCurrent(db, scope);
	const names = await organisationNames(db);
	const byName = new Map<string, string[]>();
	for (const [id, name] of names) byName.set(fold(name), [...(byName.get(fold(name)) ?? []), id]);
	const problems: RowProblem[] = [];
	const entries: PlanEntry[] = [];
	const seenIds = new Map<string, number>();
	const headerOf = (key: ColumnKey) => {
		const i = mapping.indexOf(key);
		return i >= 0 ? table.headers[i] || columnHeader(key) : columnHeader(key);
	};
	// Checking 20,000 rows is seconds of plain JavaScript: the server answers meanwhile.
	const breathe = breather();
	for (const { line, cells } of table.rows) {
		await breathe();
		const mapped: Partial<SheetRow> = {};
		mapping.forEach((key, i) => {
			if (key) mapped[key] = restore(cells[i] ?? '').replace(/\r\n?/g, '\n');
		});
		const rowProblems: RowProblem[] = [];
		const problem = (column: ColumnKey, key: string, params?: Record<string, string>) => rowProblems.push({ row: line, column: headerOf(column), key, ...(params ? { params } : {}) });
		const id = (mapped.id ?? '').trim().toLowerCase();
		const existing = id ? current.get(id) : undefined;
		if (id && !existing) problem('id', 'pro.import.errors.unknownId', { value: id });
		if (id && seenIds.has(id)) problem('id', 'pro.import.errors.duplicateId', { row: String(seenIds.get(id)) });
		if (id) seenIds.set(id, line);
		const before = existing ? canonicalRow(existing) : null;
		const cellsIn: SheetRow = { ...(before ?? newServiceDefaults), ...mapped, id: existing?.id ?? '' };

		// The organisation: the scope's, or (whole directory) named by id or by a name no other organisation has.
		const orgText = (mapped.organisation ?? '').trim();
		const names1 = (orgId: string) => orgText === '' || orgText.toLowerCase() === orgId || fold(orgText) === fold(names.get(orgId) ?? '');
		let organisationId = '';
		if (existing) {
			organisationId = existing.organisationId;
			if (!names1(existing.organisationId)) problem('organisation', 'pro.import.errors.moveOrganisation', { value: orgText });
		} else if (id) {
			// An unknown id is the row's problem; its organisation is not checked further.
		} else if (scope.organisationId) {
			organisationId = scope.organisationId;
			if (!names1(scope.organisationId)) problem('organisation', 'pro.import.errors.otherOrganisation', { value: orgText });
		} else {
			const matches = uuidPattern.test(orgText) && names.has(orgText.toLowerCase()) ? [orgText.toLowerCase()] : (byName.get(fold(orgText)) ?? []);
			if (!orgText) problem('organisation', 'pro.errors.required');
			else if (matches.length > 1) problem('organisation', 'pro.import.errors.ambiguousOrganisation', { value: orgText });
			else if (!matches.length) problem('organisation', 'pro.import.errors.unknownOrganisation', { value: orgText });
			else organisationId = matches[0]!;
		}
		const read = readRow({ ...cellsIn, organisation: organisationId });
		for (const p of read.problems) problem(p.column, p.key, p.params);
		if (rowProblems.length) {
			problems.push(...rowProblems);
			continue;
		}
		const changed = before ? columnKeys.filter((k) => k !== 'id' && k !== 'organisation' && read.values[k] !== before[k]) : [];
		const form = read.form!;
		if (existing) {
			// The other addresses and the eligibility zone are not in the file: they stay as they are.
			form.locations = [
				{ id: existing.location?.id ?? null, existing: null, street: read.values.street, postalCode: read.values.postalCode, nisCode: read.values.municipality },
				...existing.otherLocationIds.map((l) => ({ id: null, existing: l, street: '', postalCode: '', nisCode: '' }))
			];
			form.eligibleNis = existing.eligibleNis;
		}
		entries.push({ row: line, kind: !existing ? 'new' : changed.length ? 'changed' : 'unchanged', serviceId: existing?.id ?? null, organisationId, name: read.values.name, changed, form, slots: read.slots, values: read.values });
	}
	problems.sort((a, b) => a.row - b.row);
	const count = (k: PlanEntry['kind']) => entries.filter((e) => e.kind === k).length;
	return { problems, entries, counts: { new: count('new'), changed: count('changed'), unchanged: count('unchanged') } };
}

/** Counts for a bench or a check: services in scope. */
export async function countServices(db: Database, scope: Scope): Promise<number> {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(service).where(inScope(scope));
	return row?.n ?? 0;
}
