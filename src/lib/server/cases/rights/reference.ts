/**
 * A file's short reference, the first 8 hexadecimal digits of its id: what the header shows when
 * the identity section is hidden (`#3f2a9c1b`), and what a coordinator types to confirm an erasure.
 */
export function fileReference(caseFileId: string): string {
	return caseFileId.slice(0, 8).toLowerCase();
}

/** True when the typed text is the file's reference (with or without '#', any case, spaces around). */
export function matchesReference(typed: string, caseFileId: string): boolean {
	return typed.trim().replace(/^#/, '').toLowerCase() === fileReference(caseFileId);
}
