import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { identityDemoSeeder } from '../identity/identity.demo';
import { organisation } from '../identity/identity.table';
import { coursesDemoSeeder } from './courses.demo';
import { fundingDemoSeeder } from './courses.funding.demo';
import { createFunding } from './courses.funding.usecases';
import { quarterOf } from './quarter';

let handle: DatabaseHandle;
beforeAll(async () => {
	handle = await freshDatabase();
	await identityDemoSeeder(async () => 'not-a-real-hash').seed(handle.db);
	await coursesDemoSeeder.seed(handle.db);
	await fundingDemoSeeder.seed(handle.db);
}, 60_000);
afterAll(async () => handle?.close());

describe('demo funding rules', () => {
	it('fund every demo course of the ILIs and the CISP this quarter, with amounts marked as fictitious', async () => {
		const funding = createFunding({ db: handle.db });
		const rules = await funding.listRules();
		expect(rules.every((r) => /fictif de démo/.test(r.label))).toBe(true);
		expect(new Set(rules.map((r) => r.mode))).toEqual(new Set(['per_trainee_hour', 'per_course_hour', 'envelope']));
		const orgs = await handle.db.select().from(organisation);
		const now = new Date();
		for (const org of orgs.filter((o) => o.kind === 'ili' || o.kind === 'cisp')) {
			const j = await funding.justification({ id: org.id, name: org.name, kind: org.kind }, quarterOf(now), { actorUserId: null, ipHash: 'demo' }, now);
			expect(j.courses.length, org.name).toBeGreaterThan(0);
			expect(j.withoutRule, org.name).toBe(0);
		}
	});
});
