import { z } from 'zod';
import { locales } from '$lib/i18n/locales';

export const parcoursSteps = ['welcome', 'convention', 'french', 'citizenship', 'orientation', 'attestation'] as const;
export type ParcoursStep = (typeof parcoursSteps)[number];
export const stepStatuses = ['todo', 'in_progress', 'done', 'not_required'] as const;
export type StepStatus = (typeof stepStatuses)[number];
export const obligations = ['obliged', 'exempted', 'dispensed', 'unknown'] as const;
export type Obligation = (typeof obligations)[number];
export const reasonKinds = ['exemption', 'dispensation'] as const;
export type ReasonKind = (typeof reasonKinds)[number];
/** The six themes of the information on rights and duties (module d'accueil). */
export const welcomeThemes = ['housing', 'health', 'mobility', 'employment', 'training', 'education'] as const;
/** What the welcome module records as done, each with its date: the social assessment, the six themes, help with formalities. */
export const welcomeTicks = ['socialAssessment', ...welcomeThemes.map((t) => `theme_${t}` as const), 'formalities'] as const;
export type WelcomeTick = (typeof welcomeTicks)[number];
/** Result of the French positioning test. */
export const testLevels = ['alpha', 'a1', 'a2', 'b1', 'b2'] as const;
/** Steps whose hours are counted. */
export const stepsWithHours: readonly ParcoursStep[] = ['french', 'citizenship', 'orientation'];

export type WelcomeDetails = { ticks: Partial<Record<WelcomeTick, string>>; testOn: string | null; testLevel: (typeof testLevels)[number] | null };
export type ConventionDetails = { content: string | null };
export type StepDetails = Partial<WelcomeDetails & ConventionDetails>;

const isRealDate = (v: string) => {
	const d = new Date(`${v}T12:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
};
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'pro.errors.date').refine(isRealDate, 'pro.errors.date');
const optionalDate = z.union([z.literal('').transform(() => null), isoDate]).optional().transform((v) => v ?? null);
const optionalHours = z
	.string()
	.trim()
	.optional()
	.refine((v) => !v || (/^\d{1,4}$/.test(v) && Number(v) <= 2000), 'pro.errors.hoursCount')
	.transform((v) => (v ? Number(v) : null));
const version = z.string().regex(/^\d{1,9}$/, 'pro.errors.invalid').transform(Number);
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, 'pro.errors.tooLong')
		.optional()
		.transform((v) => (v ? v : null));

/** The obligation form: obliged or not, why not, and the residence-permit order date. */
export const obligationFormSchema = z.object({
	version,
	obligation: z.enum(obligations, 'pro.errors.required'),
	reasons: z.array(z.string().regex(/^[a-z0-9_]{1,60}$/, 'pro.errors.invalid')).max(20, 'pro.errors.invalid'),
	permitOrderedOn: optionalDate
});
export type ObligationForm = z.infer<typeof obligationFormSchema>;

const stepBase = z.object({
	version,
	step: z.enum(parcoursSteps, 'pro.errors.invalid'),
	status: z.enum(stepStatuses, 'pro.errors.required'),
	startedOn: optionalDate,
	completedOn: optionalDate,
	hoursPlanned: optionalHours,
	hoursDone: optionalHours,
	operatorOrganisationId: z.union([z.literal('').transform(() => null), z.uuid('pro.errors.invalid')]).optional().transform((v) => v ?? null),
	operatorName: optionalText(200),
	content: optionalText(4000),
	testOn: optionalDate,
	testLevel: z.union([z.literal('').transform(() => null), z.enum(testLevels, 'pro.errors.invalid')]).optional().transform((v) => v ?? null)
});
/** Each welcome item: a checkbox `<tick>` and its date `<tick>On`. */
const stepSchema = stepBase.extend(Object.fromEntries(welcomeTicks.flatMap((t) => [[t, z.string().optional()], [`${t}On`, optionalDate]])) as Record<string, z.ZodType<string | null | undefined>>);

export type StepForm = {
	version: number;
	step: ParcoursStep;
	status: StepStatus;
	startedOn: string | null;
	completedOn: string | null;
	hoursPlanned: number | null;
	hoursDone: number | null;
	operatorOrganisationId: string | null;
	operatorName: string | null;
	details: StepDetails;
};

/**
 * Reads a step's form. A welcome item ticked without a date is dated today; a date alone ticks
 * it. A step marked done needs its end date, today or earlier (the attestation prints it); an
 * end never precedes the start (an unfinished step may carry its planned end).
 */
export function readStepForm(values: Record<string, unknown>, today: string): { ok: true; data: StepForm } | { ok: false; errors: Record<string, string> } {
	const parsed = stepSchema.safeParse(values);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) {
			const field = String(issue.path[0] ?? 'form');
			errors[field] ??= issue.message.startsWith('pro.errors.') ? issue.message : 'pro.errors.invalid';
		}
		return { ok: false, errors };
	}
	const f = parsed.data as unknown as z.infer<typeof stepBase>;
	const tick = parsed.data as unknown as Record<string, string | null | undefined>;
	const errors: Record<string, string> = {};
	if (f.startedOn && f.completedOn && f.completedOn < f.startedOn) errors.completedOn = 'pro.errors.endBeforeStart';
	if (f.status === 'done' && !f.completedOn) errors.completedOn = 'pro.errors.doneNeedsDate';
	if (f.status === 'done' && f.completedOn && f.completedOn > today) errors.completedOn ??= 'pro.errors.dateInFuture';
	if (Object.keys(errors).length) return { ok: false, errors };
	let details: StepDetails = {};
	if (f.step === 'welcome') {
		const ticks: Partial<Record<WelcomeTick, string>> = {};
		for (const t of welcomeTicks) {
			const on = tick[`${t}On`] ?? null;
			if (on) ticks[t] = on;
			else if (tick[t]) ticks[t] = today;
		}
		details = { ticks, testOn: f.testOn, testLevel: f.testLevel };
	} else if (f.step === 'convention') {
		details = { content: f.content };
	}
	const counted = stepsWithHours.includes(f.step);
	return {
		ok: true,
		data: {
			version: f.version,
			step: f.step,
			status: f.status,
			startedOn: f.startedOn,
			completedOn: f.completedOn,
			hoursPlanned: counted ? f.hoursPlanned : null,
			hoursDone: counted ? f.hoursDone : null,
			operatorOrganisationId: f.operatorOrganisationId,
			operatorName: f.operatorName,
			details
		}
	};
}

/**
 * A reason of the editable list: its kind, its label per language (a new reason needs its French
 * label; a built-in one reads the catalogue where no label is typed), its order, active or not.
 */
export const reasonFormSchema = z.object({
	kind: z.enum(reasonKinds, 'pro.errors.required'),
	...Object.fromEntries(locales.map((l) => [`label_${l}`, optionalText(200)])),
	position: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : '100'))
		.pipe(z.string().regex(/^\d{1,4}$/, 'pro.errors.invalid').transform(Number)),
	active: z.string().optional().transform((v) => v === 'on' || v === '1')
}) as unknown as z.ZodType<{ kind: ReasonKind; position: number; active: boolean } & Record<`label_${string}`, string | null>>;
