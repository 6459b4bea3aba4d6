import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '$lib/i18n/translator';
import { auditEvent } from '../audit/audit.table';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { messagesFor } from '../i18n/catalogues';
import { createIdentityRepository } from '../identity/identity.repository';
import { decide, type OrganisationRole, type SignedIn } from '../policy/policy';
import '../policy/rules';
import { addMonths, deadlineFor } from './cases.parcours.deadline';
import { parcoursRules } from './cases.parcours.policy';
import { codeFromLabel, reasonLabel } from './cases.parcours.reasons';
import { eraseParcoursText, exportParcours } from './cases.parcours.repository';
import { readStepForm, type ObligationForm } from './cases.parcours.schemas';
import { createParcours, type ParcoursContext } from './cases.parcours.usecases';
import { casesRules, type FileSubject } from './cases.policy';
import { caseFile } from './cases.table';

const CUTOFF = '2025-01-01';
let handle: DatabaseHandle;
let orgA: string;
let orgB: string;
let userA: string;
let userB: string;

beforeAll(async () => {
	handle = await freshDatabase();
	const repo = createIdentityRepository({ db: handle.db });
	orgA = (await repo.organisations.create({ name: 'CRI A', kind: 'cri', nisCode: '62063' })).id;
	orgB = (await repo.organisations.create({ name: 'ILI B', kind: 'ili', nisCode: '62096' })).id;
	userA = (await repo.users.create({ email: 'a@test.be', name: 'Anne A', locale: 'fr' })).id;
	userB = (await repo.users.create({ email: 'b@test.be', name: 'Bert B', locale: 'fr' })).id;
});
afterAll(async () => handle?.close());

const parcoursOf = () => createParcours({ db: handle.db, cutoff: CUTOFF, now: () => new Date('2026-03-10T10:00:00Z') });
const ctxA = (): ParcoursContext => ({ actorUserId: userA, organisationId: orgA, ipHash: null });
const newFile = async (over: Partial<typeof caseFile.$inferInsert> = {}) =>
	(await handle.db.insert(caseFile).values({ ownerOrganisationId: orgA, firstName: 'Test', ...over }).returning())[0]!;
const obligation = (over: Partial<ObligationForm>): ObligationForm => ({ version: 1, obligation: 'obliged', reasons: [], permitOrderedOn: null, ...over });
const step = (values: Record<string, string>, today = '2026-03-10') => {
	const r = readStepForm(values, today);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.data;
};

describe('the deadline of the Parcours', () => {
	it('gives 18 months to permits ordered before the 2024 decree applies, 3 years from the cutoff day on', async () => {
		const before = await newFile();
		const after = await newFile();
		const p = parcoursOf();
		const a = await p.saveObligation(ctxA(), before.id, obligation({ permitOrderedOn: '2024-12-31' }));
		const b = await p.saveObligation(ctxA(), after.id, obligation({ permitOrderedOn: CUTOFF }));
		expect(a.ok && [a.row.deadlineRule, a.row.deadlineOn]).toEqual(['18_months', '2026-06-30']);
		expect(b.ok && [b.row.deadlineRule, b.row.deadlineOn]).toEqual(['3_years', '2028-01-01']);
		// The cutoff is configurable: the same order under another cutoff gets the other rule.
		expect(deadlineFor({ obligation: 'obliged', permitOrderedOn: '2024-12-31' }, '2024-06-01')).toEqual({ rule: '3_years', deadlineOn: '2027-12-31' });
		expect(addMonths('2023-08-31', 18)).toBe('2025-02-28');
	});

	it('has no deadline without the order date, nor for an exempted person; refuses an order date in the future', async () => {
		const f = await newFile();
		const p = parcoursOf();
		const none = await p.saveObligation(ctxA(), f.id, obligation({ obligation: 'unknown' }));
		expect(none.ok && none.row.deadlineOn).toBeNull();
		const future = await p.saveObligation(ctxA(), f.id, obligation({ version: 2, permitOrderedOn: '2026-04-01' }));
		expect(future).toEqual({ ok: false, errors: { permitOrderedOn: 'pro.errors.dateInFuture' } });
	});
});

describe('exemption and dispensation', () => {
	it('needs reasons of the right kind, and then sets no deadline', async () => {
		const f = await newFile();
		const p = parcoursOf();
		expect(await p.saveObligation(ctxA(), f.id, obligation({ obligation: 'exempted', permitOrderedOn: '2025-02-01' }))).toEqual({ ok: false, errors: { reasons: 'pro.errors.exemptionReasonNeeded' } });
		expect(await p.saveObligation(ctxA(), f.id, obligation({ obligation: 'exempted', reasons: ['medical'] }))).toEqual({ ok: false, errors: { reasons: 'pro.errors.exemptionReasonNeeded' } });
		expect(await p.saveObligation(ctxA(), f.id, obligation({ obligation: 'obliged', reasons: ['eu_citizen'] }))).toEqual({ ok: false, errors: { reasons: 'pro.errors.reasonsNotApplicable' } });
		expect(await p.saveObligation(ctxA(), f.id, obligation({ obligation: 'dispensed', reasons: ['made_up'] }))).toEqual({ ok: false, errors: { reasons: 'pro.errors.invalid' } });
		const saved = await p.saveObligation(ctxA(), f.id, obligation({ obligation: 'exempted', reasons: ['eu_citizen', 'age'], permitOrderedOn: '2025-02-01' }));
		expect(saved.ok && [saved.row.obligation, saved.row.reasonCodes, saved.row.deadlineOn]).toEqual(['exempted', ['eu_citizen', 'age'], null]);
		const dispensed = await p.saveObligation(ctxA(), f.id, obligation({ version: 2, obligation: 'dispensed', reasons: ['belgian_diploma'] }));
		expect(dispensed.ok).toBe(true);
	});

	it('keeps an editable list: a new reason gets a code from its French label, labels fall back to the catalogue then French', async () => {
		const p = parcoursOf();
		const created = await p.reasons.create({ kind: 'dispensation', position: 95, active: true, label_fr: 'Réfugié réinstallé', label_nl: 'Hervestigde vluchteling' }, { actorUserId: userA, ipHash: null });
		expect(created).toEqual({ ok: true, code: 'refugie_reinstalle' });
		expect(await p.reasons.create({ kind: 'dispensation', position: 1, active: true }, { actorUserId: userA, ipHash: null })).toEqual({ ok: false, errors: { label_fr: 'pro.errors.required' } });
		const again = await p.reasons.create({ kind: 'exemption', position: 96, active: true, label_fr: 'Réfugié réinstallé' }, { actorUserId: userA, ipHash: null });
		expect(again).toEqual({ ok: true, code: 'refugie_reinstalle_2' });
		const list = await p.reasons.list();
		const ar = createTranslator('ar', messagesFor('ar', ['pro.parcours.reason.']));
		const own = list.find((r) => r.code === 'refugie_reinstalle')!;
		expect(reasonLabel(own, 'nl', ar)).toBe('Hervestigde vluchteling');
		expect(reasonLabel(own, 'ar', ar)).toBe('Réfugié réinstallé');
		const builtin = list.find((r) => r.code === 'eu_citizen')!;
		expect(reasonLabel(builtin, 'ar', ar)).toBe(messagesFor('ar', ['pro.parcours.reason.'])['pro.parcours.reason.eu_citizen']);
		expect(reasonLabel(builtin, 'ar', ar)).toMatch(/الاتحاد الأوروبي/);
		// A built-in reason may be reworded in one language, and set inactive.
		expect(await p.reasons.update('eu_citizen', { kind: 'exemption', position: 10, active: true, label_fr: 'UE+ ou famille' }, { actorUserId: userA, ipHash: null })).toEqual({ ok: true });
		expect(reasonLabel((await p.reasons.list()).find((r) => r.code === 'eu_citizen')!, 'fr', ar)).toBe('UE+ ou famille');
		expect(codeFromLabel('  Élève — 2e année! ')).toBe('eleve_2e_annee');
		const rows = await handle.db.select().from(auditEvent).where(eq(auditEvent.action, 'parcours.reason.created'));
		expect(rows.map((r) => r.details)).toEqual([{ code: 'refugie_reinstalle', kind: 'dispensation' }, { code: 'refugie_reinstalle_2', kind: 'exemption' }]);
	});
});

describe('two workers saving at once', () => {
	it('tells the second one, writes nothing of theirs, and hands back what the first saved', async () => {
		const f = await newFile();
		const p = parcoursOf();
		const first = await p.saveStep(ctxA(), f.id, step({ version: '1', step: 'french', status: 'in_progress', startedOn: '2026-01-05', hoursPlanned: '400', hoursDone: '120' }));
		const second = await p.saveStep({ actorUserId: userB, organisationId: orgB, ipHash: null }, f.id, step({ version: '1', step: 'french', status: 'in_progress', startedOn: '2026-01-05', hoursPlanned: '400', hoursDone: '80' }));
		expect(first.ok).toBe(true);
		expect(second.ok).toBe(false);
		expect('conflict' in second && [second.conflict.hoursDone, second.conflict.version, second.conflict.updatedBy]).toEqual([120, 2, userA]);
		const stored = await p.view(f.id);
		expect(stored.steps.find((s) => s.step === 'french')!.hoursDone).toBe(120);
		// Saving again from the version it was shown replaces it on purpose.
		const retry = await p.saveStep({ actorUserId: userB, organisationId: orgB, ipHash: null }, f.id, step({ version: '2', step: 'french', status: 'in_progress', startedOn: '2026-01-05', hoursPlanned: '400', hoursDone: '80' }));
		expect(retry.ok && retry.row.hoursDone).toBe(80);
		// The obligation form has its own version: a step saved meanwhile is no conflict for it.
		const obl = await p.saveObligation(ctxA(), f.id, obligation({ version: 1, permitOrderedOn: '2025-06-01' }));
		expect(obl.ok).toBe(true);
		const stale = await p.saveObligation(ctxA(), f.id, obligation({ version: 1, permitOrderedOn: '2025-07-01' }));
		expect('conflict' in stale && stale.conflict.permitOrderedOn).toBe('2025-06-01');
	});

	it('records each change for the timeline, with codes only, and moves the file in the worklists', async () => {
		const f = await newFile({ lastActivityAt: new Date('2025-01-01T00:00:00Z') });
		const p = parcoursOf();
		await p.saveStep(ctxA(), f.id, step({ version: '1', step: 'welcome', status: 'done', completedOn: '2026-02-01', socialAssessment: 'on', theme_housingOn: '2026-01-20', testOn: '2026-01-21', testLevel: 'a1' }));
		const rows = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, f.id), eq(auditEvent.action, 'parcours.step_updated')));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ subjectType: 'case_file', section: 'parcours', organisationId: orgA, details: { step: 'welcome', status: 'done', hoursDone: null, version: 2 } });
		const [file] = await handle.db.select().from(caseFile).where(eq(caseFile.id, f.id));
		expect(file!.lastActivityAt.getTime()).toBeGreaterThan(new Date('2026-01-01').getTime());
		const view = await p.view(f.id);
		expect(view.parcours.currentStep).toBe('convention');
		expect(view.steps[0]!.details).toEqual({ ticks: { socialAssessment: '2026-03-10', theme_housing: '2026-01-20' }, testOn: '2026-01-21', testLevel: 'a1' });
	});
});

describe('a step’s form', () => {
	it('needs the end date of a done step, never after today nor before the start', () => {
		expect(readStepForm({ version: '1', step: 'citizenship', status: 'done' }, '2026-03-10')).toEqual({ ok: false, errors: { completedOn: 'pro.errors.doneNeedsDate' } });
		expect(readStepForm({ version: '1', step: 'citizenship', status: 'done', completedOn: '2026-03-11' }, '2026-03-10')).toEqual({ ok: false, errors: { completedOn: 'pro.errors.dateInFuture' } });
		expect(readStepForm({ version: '1', step: 'citizenship', status: 'in_progress', startedOn: '2026-03-01', completedOn: '2026-02-01' }, '2026-03-10')).toEqual({ ok: false, errors: { completedOn: 'pro.errors.endBeforeStart' } });
		expect(readStepForm({ version: '1', step: 'citizenship', status: 'todo', hoursDone: 'beaucoup', startedOn: '2026-02-30' }, '2026-03-10')).toEqual({ ok: false, errors: { hoursDone: 'pro.errors.hoursCount', startedOn: 'pro.errors.date' } });
	});
});

describe('who may change the Parcours', () => {
	const now = new Date('2026-03-10T10:00:00Z');
	const actor = (memberships: [string, OrganisationRole][]): SignedIn => ({ kind: 'user', userId: 'u', sessionId: 's', name: 'x', email: 'x@x', locale: 'fr', platformRoles: new Set(), memberships: new Map(memberships), hasSecondFactor: true, secondFactorPassed: true });
	const fileWith = (sections: string[]): FileSubject => ({ ownerOrganisationId: 'A', status: 'open', now, grants: [{ organisationId: 'B', sections, expiresAt: new Date(now.getTime() + 86_400_000), revokedAt: null }] });

	it('lets a grantee ILI edit the Parcours only when its grant carries the parcours section, and print only with identity too', () => {
		const workerB = actor([['B', 'worker']]);
		expect(decide(workerB, casesRules['section.edit'], { file: fileWith(['identity', 'parcours']), section: 'parcours' })).toBe(true);
		expect(decide(workerB, casesRules['section.edit'], { file: fileWith(['identity']), section: 'parcours' })).toBe(false);
		expect(decide(actor([['B', 'reader']]), casesRules['section.edit'], { file: fileWith(['parcours']), section: 'parcours' })).toBe(false);
		expect(decide(workerB, parcoursRules.attestation, fileWith(['identity', 'parcours']))).toBe(true);
		expect(decide(workerB, parcoursRules.attestation, fileWith(['parcours']))).toBe(false);
		expect(decide(actor([['A', 'reader']]), parcoursRules.attestation, fileWith([]))).toBe(false);
		expect(decide(actor([['A', 'admin']]), parcoursRules['reasons.manage'], undefined)).toBe(false);
	});
});

describe('the person’s rights', () => {
	it('exports the Parcours as data, and erasure removes its free text but keeps codes, dates and hours', async () => {
		const f = await newFile();
		const p = parcoursOf();
		expect(await exportParcours(handle.db, f.id)).toBeNull();
		await p.saveObligation(ctxA(), f.id, obligation({ permitOrderedOn: '2025-02-01' }));
		await p.saveStep(ctxA(), f.id, step({ version: '1', step: 'convention', status: 'done', completedOn: '2026-02-01', content: 'Texte libre de la convention', operatorName: 'Asbl Exemple' }));
		const exported = (await exportParcours(handle.db, f.id))!;
		expect(exported).toMatchObject({ obligation: 'obliged', deadlineOn: '2028-02-01', currentStep: 'welcome' });
		expect(exported.steps.find((s) => s.step === 'convention')).toMatchObject({ status: 'done', operatorName: 'Asbl Exemple', details: { content: 'Texte libre de la convention' } });
		await handle.db.transaction(async (tx) => eraseParcoursText(tx as never, f.id));
		const after = (await exportParcours(handle.db, f.id))!;
		expect(after.steps.find((s) => s.step === 'convention')).toMatchObject({ status: 'done', completedOn: '2026-02-01', operatorName: null, details: {} });
		expect(after.deadlineOn).toBe('2028-02-01');
	});
});
