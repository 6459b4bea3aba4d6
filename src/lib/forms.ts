/** What a failed form action sent back: the values typed (secrets excluded) and field errors (catalogue keys). */
export function formState(form: unknown): { values: Record<string, string>; errors: Record<string, string> } {
	const f = (form ?? {}) as { values?: Record<string, string>; errors?: Record<string, string> };
	return { values: f.values ?? {}, errors: f.errors ?? {} };
}
