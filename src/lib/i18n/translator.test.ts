import { describe, expect, it } from 'vitest';
import { formatDate } from './format';
import { createTranslator } from './translator';

describe('translator', () => {
	// Compiled messages are shared by every translator over the same catalogue object: each must
	// still follow its own language's plural rules and keep its own values.
	it('keeps each language its plural rules when two translators share one catalogue', () => {
		const messages = { 'x.files': '{count, plural, zero {zero} one {one} two {two} few {few} many {many} other {other}}' };
		const ar = createTranslator('ar', messages);
		const fr = createTranslator('fr', messages);
		expect([0, 1, 2, 3, 11, 100].map((count) => ar('x.files', { count }))).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
		expect([0, 1, 2, 3, 11, 100].map((count) => fr('x.files', { count }))).toEqual(['one', 'one', 'other', 'other', 'other', 'other']);
		expect(ar('x.files', { count: 2 })).toBe('two');
	});

	it('answers the key itself for a message the catalogue lacks', () => {
		expect(createTranslator('fr', {})('pro.nothing')).toBe('pro.nothing');
	});
});

describe('formatDate', () => {
	// Formatters are kept per language and style: a kept one must not leak into another style.
	it('formats in Brussels time in each language and style asked', () => {
		const at = new Date('2026-10-25T23:30:00Z'); // 26 October, 00:30 in Brussels (winter time)
		expect(formatDate('fr', at, { dateStyle: 'long' })).toBe('26 octobre 2026');
		expect(formatDate('fr', at, { dateStyle: 'short', timeStyle: 'short' })).toBe('26/10/2026 00:30');
		expect(formatDate('nl', at, { dateStyle: 'long' })).toBe('26 oktober 2026');
		expect(formatDate('fa', at, { dateStyle: 'long' })).toContain('۲۰۲۶');
	});
});
