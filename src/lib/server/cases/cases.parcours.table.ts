import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisation, userAccount } from '../identity/identity.table';
import { caseFile } from './cases.table';

const timestamps = {
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
};

/**
 * Why a person is exempted from the Parcours d'Intégration or dispensed from it: an editable
 * list (platform admins, /{lang}/pro/admin/parcours). The built-in reasons are inserted by a
 * migration and read their labels from the catalogues (`pro.parcours.reason.<code>`); `labels`
 * holds an admin's own wording per locale (French required for a new reason). A reason is never
 * deleted, only set inactive, so files that cite it keep a readable label.
 */
export const parcoursReason = pgTable('parcours_reason', {
	code: text('code').primaryKey(),
	/** exemption (not concerned by the obligation) or dispensation (concerned, but let off). */
	kind: text('kind').notNull(),
	builtin: boolean('builtin').notNull().default(false),
	/** locale -> label; for built-in reasons, overrides of the catalogue. */
	labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
	active: boolean('active').notNull().default(true),
	position: integer('position').notNull().default(100),
	...timestamps
});

/**
 * The Parcours d'Intégration of one case file (section 'parcours'): whether the person is
 * obliged, the residence-permit order date and the deadline it gives (rule applied and date,
 * computed when saved), and the step the person has reached (`current_step`, derived from the
 * steps, for list filters). `version`: optimistic concurrency of this form.
 */
export const parcours = pgTable(
	'parcours',
	{
		caseFileId: uuid('case_file_id')
			.primaryKey()
			.references(() => caseFile.id, { onDelete: 'cascade' }),
		/** obliged, exempted, dispensed, unknown */
		obligation: text('obligation').notNull().default('unknown'),
		/** Codes of parcours_reason (exempted or dispensed only). */
		reasonCodes: text('reason_codes').array().notNull().default(sql`'{}'::text[]`),
		/** Date of the order granting the residence permit (starts the deadline). */
		permitOrderedOn: date('permit_ordered_on'),
		/** 18_months (orders before the 2024 decree's cutoff) or 3_years; null without a deadline. */
		deadlineRule: text('deadline_rule'),
		deadlineOn: date('deadline_on'),
		/** welcome, convention, french, citizenship, orientation, attestation, or completed. */
		currentStep: text('current_step').notNull().default('welcome'),
		version: integer('version').notNull().default(1),
		updatedBy: uuid('updated_by').references(() => userAccount.id, { onDelete: 'set null' }),
		...timestamps
	},
	(t) => [index('parcours_deadline_idx').on(t.deadlineOn), index('parcours_current_step_idx').on(t.currentStep)]
);

/**
 * One step of a Parcours: module d'accueil (welcome), convention, French, citizenship,
 * socio-professional orientation, attestation de fréquentation. Status, dates, hours, the
 * operator (an organisation of the network or a free-text name), and what only that step has
 * (`details`, checked by the step's schema: the welcome module's themes and positioning test,
 * the convention's content). Documents stay in the documents tab. `version`: optimistic concurrency.
 */
export const parcoursStep = pgTable(
	'parcours_step',
	{
		caseFileId: uuid('case_file_id')
			.notNull()
			.references(() => caseFile.id, { onDelete: 'cascade' }),
		step: text('step').notNull(),
		/** todo, in_progress, done, not_required */
		status: text('status').notNull().default('todo'),
		startedOn: date('started_on'),
		completedOn: date('completed_on'),
		hoursPlanned: integer('hours_planned'),
		hoursDone: integer('hours_done'),
		operatorOrganisationId: uuid('operator_organisation_id').references(() => organisation.id, { onDelete: 'set null' }),
		operatorName: text('operator_name'),
		details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
		version: integer('version').notNull().default(1),
		updatedBy: uuid('updated_by').references(() => userAccount.id, { onDelete: 'set null' }),
		...timestamps
	},
	(t) => [primaryKey({ columns: [t.caseFileId, t.step] })]
);
