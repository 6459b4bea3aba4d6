import type { Database } from '../db/client';
import { eraseParcoursText, exportParcours } from './cases.parcours.repository';
import { registerExportPart } from './rights/export-parts';
import { registerErasureStep } from './rights/erasure-steps';

// The Parcours d'Intégration in the person's export (GDPR art. 15) and erasure (art. 17).

registerExportPart({
	key: 'parcours',
	title: 'pro.cases.section.parcours',
	order: 50,
	async load(db, caseFileId, ctx) {
		const data = await exportParcours(db, caseFileId);
		if (!data) return { data: null, blocks: [] };
		const t = ctx.t;
		const day = (d: string | null) => (d ? ctx.date(d) : null);
		return {
			data,
			blocks: [
				{
					kind: 'fields',
					fields: [
						{ label: t('pro.parcours.obligationTitle'), value: t(`pro.parcours.obligation.${data.obligation}`) },
						{ label: t('pro.parcours.permitOrderedOn'), value: day(data.permitOrderedOn) },
						{ label: t('pro.parcours.deadline'), value: day(data.deadlineOn) }
					]
				},
				{
					kind: 'table',
					heading: t('pro.parcours.steps'),
					columns: [t('pro.parcours.steps'), t('pro.parcours.status'), t('pro.parcours.startedOn'), t('pro.parcours.completedOn'), t('pro.parcours.hoursDone')],
					rows: data.steps.map((s) => [t(`pro.parcours.step.${s.step}`), t(`pro.parcours.status.${s.status}`), day(s.startedOn), day(s.completedOn), s.hoursDone === null || s.hoursDone === undefined ? null : String(s.hoursDone)]),
					widths: [3, 2, 2, 2, 1]
				}
			]
		};
	}
});

registerErasureStep({
	key: 'parcours',
	order: 50,
	/** The convention's content and typed operator names go; codes, dates and hours stay for the statistics. */
	async run(tx: Database, caseFileId: string) {
		await eraseParcoursText(tx, caseFileId);
	}
});
