import { z } from 'zod';
import type { Sensitivity } from './cases.sections';
import type { FactSection } from './cases.notes.policy';

/** The longest note accepted; longer ones are refused with the text kept in the form. */
export const MAX_NOTE_LENGTH = 20_000;
/** The longest text of a restricted fact. */
export const MAX_FACT_TEXT_LENGTH = 5_000;

export const sensitivities = ['general', 'social', 'restricted'] as const satisfies readonly Sensitivity[];
export const sensitivitySchema = z.enum(sensitivities, 'pro.cases.notes.chooseSensitivity');

/** What a note form sent: the whole text, never cut (a refused note comes back as typed). */
export type NoteForm = { sensitivity: string; body: string; version: string; note: string };

export function readNoteForm(data: FormData): NoteForm {
	const text = (k: string) => {
		const v = data.get(k);
		return typeof v === 'string' ? v : '';
	};
	return { sensitivity: text('sensitivity'), body: text('body').replace(/\r\n/g, '\n'), version: text('version'), note: text('note') };
}

export type NoteBodyProblem = { key: string; params?: Record<string, number> };

/** Checks a note's text: required, at most MAX_NOTE_LENGTH characters (counted as a person counts them). */
export function checkNoteBody(body: string): NoteBodyProblem | null {
	const trimmed = body.trim();
	if (!trimmed) return { key: 'pro.errors.required' };
	const length = [...trimmed].length;
	if (length > MAX_NOTE_LENGTH) return { key: 'pro.cases.notes.tooLong', params: { count: length, max: MAX_NOTE_LENGTH } };
	return null;
}

/** The coded answer of each restricted section (labels: pro.cases.facts.<section>.code.<code>). */
export const factCodes: Record<FactSection, readonly string[]> = {
	residence: ['asylum_seeker', 'refugee', 'subsidiary_protection', 'temporary_stay', 'permanent_stay', 'eu_citizen', 'family_reunification', 'undocumented', 'other'],
	health: ['medical_certificate', 'medical_follow_up', 'psychological_support', 'disability', 'other'],
	legal: ['asylum_procedure', 'appeal', 'family_reunification', 'regularisation', 'other']
};

/** A restricted section's content, as stored (encrypted as one JSON document). */
export type FactData = { code: string | null; date: string | null; text: string };

export function factSchema(section: FactSection) {
	return z.object({
		code: z
			.string()
			.transform((v) => v || null)
			.refine((v) => v === null || factCodes[section].includes(v), 'pro.errors.invalid'),
		date: z
			.string()
			.trim()
			.transform((v) => v || null)
			.refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), 'pro.cases.facts.dateInvalid'),
		text: z
			.string()
			.transform((v) => v.replace(/\r\n/g, '\n').trim())
			.refine((v) => [...v].length <= MAX_FACT_TEXT_LENGTH, 'pro.cases.facts.textTooLong'),
		version: z.coerce.number().int().min(0)
	});
}
