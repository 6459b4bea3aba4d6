import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '$lib/i18n/translator';
import { auditEvent } from '../../audit/audit.table';
import type { DatabaseHandle } from '../../db/client';
import { freshDatabase } from '../../db/testing';
import { messagesFor } from '../../i18n/catalogues';
import { parseQuarter, QuarterError, reportableQuarter } from './quarter';
import { ARR_HUY, ARR_LIEGE, HUY, SERAING, seedReportWorld } from './report.fixtures';
import { presentReport } from './report.presenter';
import { auditReportView, buildQuarterlyReport, parseTerritory, territoryOptions, type QuarterlyReport } from './report.usecases';

let handle: DatabaseHandle;
const now = new Date('2026-11-28T10:00:00Z');
beforeAll(async () => {
	handle = await freshDatabase();
	await seedReportWorld(handle.db);
});
afterAll(async () => handle?.close());

const row = (r: QuarterlyReport, axis: string, level = '') => r.rows.find((x) => x.axis === axis && x.level === level);

describe('the quarterly report of supply and demand', () => {
	it('counts the courses running in the quarter, their seats, hours, evening, weekend and childcare', async () => {
		const r = await buildQuarterlyReport(handle.db, '2026-Q3', { kind: 'all' }, now);
		expect(r.provisional).toBe(false);
		const a1 = row(r, 'fle', 'a1')!.now;
		// The draft citizenship course, the autumn B1 and the spring ISP course are not running in Q3.
		expect(row(r, 'citizenship')).toBeUndefined();
		expect(row(r, 'fle', 'b1')).toBeUndefined();
		expect(a1).toMatchObject({ courses: 2, seats: 22, eveningCourses: 1, eveningSeats: 12, weekendCourses: 1, weekendSeats: 10, childcarePlaces: 3 });
		// 3 × 120 min at Seraing (the June and the cancelled sessions left out) + 2 × 180 min at Huy.
		expect(a1.minutes).toBe(720);
		// The spring ISP course ran in the previous quarter.
		expect(row(r, 'isp')!.before.courses).toBe(1);
	});

	it('counts the waiting list at the quarter end across transitions, with Brussels quarter bounds', async () => {
		const r = await buildQuarterlyReport(handle.db, '2026-Q3', { kind: 'all' }, now);
		const a1 = row(r, 'fle', 'a1')!;
		// Still waiting, offered only on 2 October, and requested 30 September 23:30 Brussels; not the
		// one withdrawn in September, nor the one requested 1 October 00:30 Brussels, nor the draft course's.
		expect(a1.now.waitingAtEnd).toBe(3);
		// At the end of Q2 only the June request (enrolled 10 July) was waiting.
		expect(a1.before.waitingAtEnd).toBe(1);
		expect(a1.now.requests).toBe(9);
		expect(a1.now.childcareRequests).toBe(2);
	});

	it('gives the enrolments of the quarter and the median wait in days (percentile_cont)', async () => {
		const r = await buildQuarterlyReport(handle.db, '2026-Q3', { kind: 'all' }, now);
		// Waits of 4, 10, 20, 30, 40, 50 days: the median is 25.
		expect(row(r, 'fle', 'a1')!.now).toMatchObject({ enrolments: 6, medianWaitDays: 25 });
		expect(r.total.now).toMatchObject({ enrolments: 6, medianWaitDays: 25 });
		const seraing = await buildQuarterlyReport(handle.db, '2026-Q3', { kind: 'municipality', nis: SERAING }, now);
		expect(row(seraing, 'fle', 'a1')!.now).toMatchObject({ enrolments: 5, medianWaitDays: 30 });
	});

	it('adds searches with no result and referrals declined for lack of places to the unmet demand', async () => {
		const r = await buildQuarterlyReport(handle.db, '2026-Q3', { kind: 'all' }, now);
		// 'alpha' → FLE Alpha; 'french' (no place) → FLE, level not given; 'housing' is no course demand.
		expect(row(r, 'fle', 'alpha')!.now).toMatchObject({ searchMisses: 1, unmet: 1 });
		expect(row(r, 'fle', '')!.now).toMatchObject({ searchMisses: 1, declinedReferrals: 1, unmet: 2 });
		expect(row(r, 'fle', 'a1')!.now.unmet).toBe(3);
		expect(r.total.now.unmet).toBe(6);
		// Interpreter languages: one request for Arabic, one course offering it.
		expect(r.languages).toEqual([{ language: 'ar', now: { language: 'ar', requested: 1, offeredCourses: 1 }, before: { language: 'ar', requested: 0, offeredCourses: 1 } }]);
	});

	it('filters by arrondissement and municipality', async () => {
		const huy = await buildQuarterlyReport(handle.db, '2026-Q3', { kind: 'arrondissement', nis: ARR_HUY }, now);
		expect(row(huy, 'fle', 'a1')!.now).toMatchObject({ courses: 1, seats: 10, enrolments: 1, waitingAtEnd: 0, medianWaitDays: 4 });
		// The search with no place is only in the whole territory's figures.
		expect(row(huy, 'fle', '')).toBeUndefined();
		const liege = await buildQuarterlyReport(handle.db, '2026-Q3', { kind: 'arrondissement', nis: ARR_LIEGE }, now);
		expect(row(liege, 'fle', 'a1')!.now).toMatchObject({ courses: 1, seats: 12, enrolments: 5, waitingAtEnd: 3 });
		expect(row(liege, 'fle', '')!.now).toMatchObject({ searchMisses: 0, declinedReferrals: 1 });
		const municipality = await buildQuarterlyReport(handle.db, '2026-Q3', { kind: 'municipality', nis: HUY }, now);
		expect(row(municipality, 'fle', 'a1')!.now.seats).toBe(10);
		expect(await parseTerritory(handle.db, 'arr-61000')).toEqual({ kind: 'arrondissement', nis: '61000' });
		expect(await parseTerritory(handle.db, 'mun-99999')).toBeNull();
		expect(await parseTerritory(handle.db, 'x')).toBeNull();
	});

	it('refuses a quarter not yet begun, and marks the current one provisional', async () => {
		await expect(buildQuarterlyReport(handle.db, '2027-Q1', { kind: 'all' }, now)).rejects.toThrow(QuarterError);
		expect(() => reportableQuarter('2027-Q1', now)).toThrow(expect.objectContaining({ reason: 'future' }));
		expect(() => parseQuarter('2026-Q5')).toThrow(expect.objectContaining({ reason: 'invalid' }));
		const current = await buildQuarterlyReport(handle.db, '2026-Q4', { kind: 'all' }, now);
		expect(current.provisional).toBe(true);
		expect(current.previous.code).toBe('2026-Q3');
		expect(row(current, 'fle', 'b1')!.now.courses).toBe(1);
		expect(parseQuarter('2026-Q1').start.toISOString()).toBe('2025-12-31T23:00:00.000Z');
	});

	it('shows counts of people under 5 as "<5", keeps 0, and blanks a difference that would reveal them', async () => {
		const r = await buildQuarterlyReport(handle.db, '2026-Q3', { kind: 'all' }, now);
		const t = createTranslator('fr', messagesFor('fr', ['courses.']));
		const p = presentReport(r, t, 'fr', await territoryOptions(handle.db));
		const demand = p.tables.find((x) => x.id === 'demand')!;
		const col = (key: string) => demand.columns.findIndex((c) => c.key === key);
		const a1 = demand.rows.find((x) => x.label.endsWith(' A1'))!;
		expect(a1.cells[col('enrolments')]).toMatchObject({ value: '6', raw: 6 });
		expect(a1.cells[col('waitingAtEnd')]).toEqual({ value: '<5', raw: null, delta: '', rawDelta: null });
		expect(a1.cells[col('childcareRequests')]!.value).toBe('<5');
		expect(a1.cells[col('medianWaitDays')]!.value).toBe('25');
		const alpha = p.tables.find((x) => x.id === 'unmet')!.rows.find((x) => x.label.includes('Alpha'))!;
		expect(alpha.cells[0]).toMatchObject({ value: '0', delta: '0' });
		// Supply is not about people: shown as it is, with its difference.
		const offer = p.tables.find((x) => x.id === 'offer')!;
		expect(offer.rows.find((x) => x.label.endsWith(' A1'))!.cells.slice(0, 3).map((c) => [c.value, c.delta])).toEqual([
			['2', '+1'],
			['22', '+10'],
			['12', '+10']
		]);
		// Huy alone: one enrolment, so neither the count nor its median wait is shown.
		const huy = presentReport(await buildQuarterlyReport(handle.db, '2026-Q3', { kind: 'arrondissement', nis: ARR_HUY }, now), t, 'fr', await territoryOptions(handle.db));
		const huyA1 = huy.tables.find((x) => x.id === 'demand')!.rows.find((x) => x.label.endsWith(' A1'))!;
		expect([huyA1.cells[col('enrolments')]!.value, huyA1.cells[col('medianWaitDays')]!.value]).toEqual(['<5', '—']);
		expect(huy.territory).toBe('Arrondissement de Huy');
	});

	it('audits each view or export, with codes only', async () => {
		const r = await buildQuarterlyReport(handle.db, '2026-Q3', { kind: 'municipality', nis: SERAING }, now);
		await auditReportView(handle.db, r, 'pdf', { actorUserId: '00000000-0000-4000-8000-000000000001', ipHash: 'h' });
		const rows = await handle.db.select().from(auditEvent);
		expect(rows.at(-1)).toMatchObject({ action: 'report.viewed', subjectType: 'report', details: { report: 'courses.quarterly', quarter: '2026-Q3', territory: 'mun-62096', format: 'pdf' } });
	});
});
