import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../audit/audit.table';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createIdentityRepository } from '../identity/identity.repository';
import { service, serviceReport } from './directory.table';
import { createServiceReports, reportFormSchema } from './reports';

let handle: DatabaseHandle;
beforeAll(async () => {
	handle = await freshDatabase();
});
afterAll(async () => handle?.close());

describe('error reports from the public', () => {
	it('are kept for editors, reading them is audited, and handling one erases the reporter’s contact', async () => {
		const db = handle.db;
		const identity = createIdentityRepository({ db });
		const org = await identity.organisations.create({ name: 'ILI Huy', kind: 'ili', nisCode: '61031' });
		const editor = await identity.users.create({ email: 'ed@cri.test', name: 'Ed', locale: 'fr', platformRoles: ['directory_editor'] });
		const [s] = await db.insert(service).values({ organisationId: org.id, status: 'published' }).returning({ id: service.id });
		const reports = createServiceReports({ db });
		const form = reportFormSchema.parse({ topic: 'hours', message: 'Fermé le lundi maintenant', contact: ' +32 470 12 34 56 ' });
		expect(await reports.submit(s!.id, form, 'uk', 'ip-1')).toBe('kept');

		const open = await reports.listOpen(editor.id, 'ip-ed');
		expect(open).toMatchObject([{ serviceId: s!.id, topic: 'hours', contact: '+32 470 12 34 56', locale: 'uk', organisation: 'ILI Huy' }]);
		expect(await db.select().from(auditEvent).where(eq(auditEvent.action, 'directory.reports.viewed'))).toHaveLength(1);

		expect(await reports.markHandled([open[0]!.id], editor.id, 'ip-ed')).toBe(1);
		const [row] = await db.select().from(serviceReport).where(eq(serviceReport.id, open[0]!.id));
		expect(row).toMatchObject({ status: 'handled', contact: null, handledBy: editor.id });
		expect(await reports.countOpen()).toBe(0);
		// Handling twice does nothing more.
		expect(await reports.markHandled([open[0]!.id], editor.id, 'ip-ed')).toBe(0);
	});

	it('refuses a sixth report within the hour from one address; a robot filling the hidden field is ignored', async () => {
		const db = handle.db;
		const org = await createIdentityRepository({ db }).organisations.create({ name: 'CPAS Waremme', kind: 'cpas', nisCode: '64074' });
		const [s] = await db.insert(service).values({ organisationId: org.id, status: 'published' }).returning({ id: service.id });
		const reports = createServiceReports({ db });
		const before = await reports.countOpen();
		const robot = reportFormSchema.parse({ topic: 'other', message: 'Buy cheap things here', contact: '', website: 'http://spam.example' });
		expect(await reports.submit(s!.id, robot, 'en', 'ip-robot')).toBe('kept');
		expect(await reports.countOpen()).toBe(before);

		const form = reportFormSchema.parse({ topic: 'address', message: 'Le bureau a déménagé', contact: '' });
		const outcomes = [];
		for (let i = 0; i < 6; i++) outcomes.push(await reports.submit(s!.id, form, 'fr', 'ip-2'));
		expect(outcomes).toEqual(['kept', 'kept', 'kept', 'kept', 'kept', 'throttled']);
		expect(await reports.countOpen()).toBe(before + 5);
		// Another address is not affected.
		expect(await reports.submit(s!.id, form, 'fr', 'ip-3')).toBe('kept');
	});

	it.each([
		[{ topic: 'weather', message: 'Il pleut trop souvent', contact: '' }, 'topic'],
		[{ topic: 'hours', message: 'Non', contact: '' }, 'message'],
		[{ topic: 'hours', message: 'x'.repeat(2001), contact: '' }, 'message'],
		[{ topic: 'hours', message: 'Fermé le lundi', contact: 'x'.repeat(201) }, 'contact']
	])('refuses %o on the field %s', (input, field) => {
		const parsed = reportFormSchema.safeParse(input);
		expect(parsed.success).toBe(false);
		expect(parsed.error!.issues[0]!.path[0]).toBe(field);
		expect(parsed.error!.issues[0]!.message).toMatch(/^directory\.report\.errors\./);
	});
});
