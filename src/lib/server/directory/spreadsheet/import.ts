import { inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditEntry } from '../../audit/audit.repository';
import type { Database } from '../../db/client';
import { createServiceEditing } from '../directory.editing';
import { createDirectoryRepository } from '../directory.repository';
import { location, schedule, service, serviceAtLocation, serviceHistory, serviceTaxonomy, translation } from '../directory.table';
import { fold } from './columns';
import { planImport, type Ctx, type Mapping, type Plan, type Scope } from './directory-sheet';
import { nextTurn } from './pace';
import type { Table } from './read';

/** Thrown inside the import's transaction when the file no longer passes its checks: nothing is written. */
export class ImportRefused extends Error {
	constructor(readonly plan: Plan) {
		super('import refused');
	}
}

export type ImportResult = { created: string[]; updated: string[]; unchanged: number; published: boolean };
/** New services per batch of inserts; progress is reported after each batch. */
const CHUNK = 100;

/**
 * Applies a file in one transaction: checked again inside it (the directory may have changed
 * since the dry run), then new services written in batches and changed ones saved as the form
 * does (history "imported", audit `directory.service.imported`). Any failure rolls all back.
 * Progress is reported after every batch of new services and every saved or published one, each
 * time followed by a turn of the event loop (pace.ts), so the server keeps answering meanwhile.
 */
export async function applyImport(
	db: Database,
	input: { table: Table; mapping: Mapping; scope: Scope },
	ctx: Ctx,
	{ publish = false, onProgress = () => {} }: { publish?: boolean; onProgress?: (done: number, total: number) => void } = {}
): Promise<ImportResult> {
	return db.transaction(async (t) => {
		const tx = t as unknown as Database;
		const plan = await planImport(tx, input);
		if (plan.problems.length) throw new ImportRefused(plan);
		const fresh = plan.entries.filter((e) => e.kind === 'new');
		const changed = plan.entries.filter((e) => e.kind === 'changed');
		const total = fresh.length + changed.length + (publish ? fresh.length + changed.length : 0);
		let done = 0;
		const report = async (n: number) => {
			done += n;
			onProgress(done, total);
			await nextTurn();
		};
		onProgress(done, total);
		const status = publish ? 'draft' : 'submitted';

		// Addresses already known for the organisation are reused rather than duplicated.
		const orgIds = [...new Set(fresh.map((e) => e.organisationId))];
		const known = new Map<string, string>();
		const placeKey = (org: string, street: string, postal: string, nis: string) => `${org}|${fold(street)}|${postal}|${nis}`;
		if (orgIds.length)
			for (const l of await tx.select().from(location).where(inArray(location.organisationId, orgIds))) known.set(placeKey(l.organisationId, l.street, l.postalCode, l.nisCode), l.id);

		const created: string[] = [];
		for (let i = 0; i < fresh.length; i += CHUNK) {
			const chunk = fresh.slice(i, i + CHUNK).map((e) => ({ e, f: e.form!, id: randomUUID() }));
			await tx.insert(service).values(
				chunk.map(({ e, f, id }) => ({
					id,
					organisationId: e.organisationId,
					status,
					accessModes: f.accessModes,
					welcomeType: f.welcomeType,
					gender: f.womenOnly ? 'women' : 'any',
					ageMin: f.ageMin,
					ageMax: f.ageMax,
					capacity: f.capacity,
					languages: f.languages,
					free: f.free,
					childcare: f.childcare,
					wheelchair: f.wheelchair,
					audiences: [...f.audiences.filter((a) => a !== 'undocumented'), ...(f.noPapers ? ['undocumented'] : [])],
					closedOnPublicHolidays: f.closedOnPublicHolidays,
					phone: f.phone,
					email: f.email,
					url: f.url
				}))
			);
			const texts = chunk.flatMap(({ f, id }) =>
				([['name', f.name], ['description', f.description], ['documents', f.documents], ['fee_details', f.feeDetails]] as const)
					.filter(([, text]) => text)
					.map(([field, text]) => ({ entityType: 'service', entityId: id, field, locale: 'fr', text, status: 'source' }))
			);
			if (texts.length) await tx.insert(translation).values(texts);
			await tx.insert(serviceTaxonomy).values(chunk.flatMap(({ f, id }) => f.needs.map((termId) => ({ serviceId: id, termId }))));
			const slots = chunk.flatMap(({ e, id }) => e.slots.map((s) => ({ serviceId: id, ...s })));
			if (slots.length) await tx.insert(schedule).values(slots);
			const newPlaces: (typeof location.$inferInsert)[] = [];
			const links = chunk.map(({ e, f, id }) => {
				const place = f.locations[0]!;
				const key = placeKey(e.organisationId, place.street, place.postalCode, place.nisCode);
				let locationId = known.get(key);
				if (!locationId) {
					locationId = randomUUID();
					known.set(key, locationId);
					newPlaces.push({ id: locationId, organisationId: e.organisationId, street: place.street, postalCode: place.postalCode, nisCode: place.nisCode });
				}
				return { serviceId: id, locationId };
			});
			if (newPlaces.length) await tx.insert(location).values(newPlaces);
			await tx.insert(serviceAtLocation).values(links);
			await tx.insert(serviceHistory).values(chunk.map(({ id }) => ({ serviceId: id, actorUserId: ctx.actorUserId, action: 'imported' })));
			await recordAudit(tx, ...chunk.map(({ e, id }): AuditEntry => ({ actorUserId: ctx.actorUserId, organisationId: e.organisationId, action: 'directory.service.imported', subjectType: 'service', subjectId: id, ipHash: ctx.ipHash, details: { row: e.row } })));
			created.push(...chunk.map((c) => c.id));
			await report(chunk.length);
		}

		// Changed services go through the form's own save (addresses, translations made outdated, history, audit).
		const editing = createServiceEditing({ db: tx });
		const updated: string[] = [];
		for (const e of changed) {
			await editing.save(e.serviceId!, e.form!, e.slots, ctx, { status, action: 'imported' });
			updated.push(e.serviceId!);
			await report(1);
		}

		if (publish) {
			const repo = createDirectoryRepository({ db: tx });
			for (const id of [...created, ...updated]) {
				const snap = await repo.publish(id, ctx.actorUserId, null);
				await recordAudit(tx, { actorUserId: ctx.actorUserId, organisationId: snap.organisation.id, action: 'directory.service.published', subjectType: 'service', subjectId: id, ipHash: ctx.ipHash });
				await report(1);
			}
		}
		return { created, updated, unchanged: plan.counts.unchanged, published: publish };
	});
}
