import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { fieldErrors } from '../identity/identity.schemas';

/** The form's text fields (files and secrets left out of what is sent back). */
export function formObject(data: FormData, multiple: string[] = []): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set(data.keys())) {
		if (multiple.includes(key)) out[key] = data.getAll(key).map(String);
		else {
			const v = data.get(key);
			if (typeof v === 'string') out[key] = v.slice(0, 10_000);
		}
	}
	for (const key of multiple) out[key] ??= [];
	return out;
}

const SECRET_FIELDS = new Set(['password', 'confirm', 'currentPassword', 'code']);

/** What is sent back with an error so that nothing typed is lost, except secrets. */
export function keepValues(values: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(values).filter(([k]) => !SECRET_FIELDS.has(k)));
}

/** Parses a form with a zod schema; on failure, a 400 with field errors and what was typed. */
export async function parseForm<S extends z.ZodType>(request: Request, schema: S, multiple: string[] = [], errorPrefix = 'pro.errors.') {
	const values = formObject(await request.formData(), multiple);
	const parsed = schema.safeParse(values);
	if (!parsed.success) return { ok: false as const, failure: fail(400, { errors: fieldErrors(parsed.error, errorPrefix), values: keepValues(values) }) };
	return { ok: true as const, data: parsed.data as z.infer<S>, values };
}
