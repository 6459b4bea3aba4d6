import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { locales, sourceLocale } from './locales';

const dir = path.join(import.meta.dirname, 'messages');
const load = (locale: string): Record<string, string> => JSON.parse(readFileSync(path.join(dir, `${locale}.json`), 'utf8'));
const source = load(sourceLocale);
const translations = locales.filter((l) => l !== sourceLocale);

/** Argument names and, for each plural or select, its argument and option keys. */
function shape(elements: MessageFormatElement[], args = new Set<string>(), plurals: { arg: string; options: string[] }[] = []) {
	for (const el of elements) {
		if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) {
			args.add(el.value);
		} else if (el.type === TYPE.plural || el.type === TYPE.select) {
			args.add(el.value);
			if (el.type === TYPE.plural) plurals.push({ arg: el.value, options: Object.keys(el.options) });
			for (const option of Object.values(el.options)) shape(option.value, args, plurals);
		} else if (el.type === TYPE.tag) {
			shape(el.children, args, plurals);
		}
	}
	return { args, plurals };
}

/** The plural forms a language really uses for whole numbers (French "many" only exists for millions). */
function categoriesInUse(locale: string): Set<string> {
	const rules = new Intl.PluralRules(locale);
	return new Set(Array.from({ length: 201 }, (_, n) => rules.select(n)));
}

const sampleValues = (args: Set<string>) =>
	Object.fromEntries([...args].map((a) => [a, a === 'date' ? new Date('2026-11-28') : a === 'count' ? 3 : 'X']));

describe('message catalogues', () => {
	it('has a catalogue for every UI language and no other', () => {
		const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));
		expect(files.sort()).toEqual([...locales].sort());
	});

	it('French messages are valid ICU and format with sample values', () => {
		for (const [key, text] of Object.entries(source)) {
			const { args } = shape(parse(text));
			expect(() => new IntlMessageFormat(text, 'fr').format(sampleValues(args)), key).not.toThrow();
		}
	});

	describe.each(translations)('%s', (locale) => {
		const messages = load(locale);

		it('has every key of the French catalogue, and only those', () => {
			const missing = Object.keys(source).filter((k) => !(k in messages));
			const extra = Object.keys(messages).filter((k) => !(k in source));
			expect({ missing, extra }).toEqual({ missing: [], extra: [] });
		});

		it('keeps the placeholders of each French message and every plural form the language needs', () => {
			const needed = categoriesInUse(locale);
			for (const [key, text] of Object.entries(messages)) {
				if (!(key in source)) continue;
				let parsed: MessageFormatElement[];
				try {
					parsed = parse(text);
				} catch (error) {
					throw new Error(`${locale} ${key}: not valid ICU MessageFormat (${(error as Error).message})`);
				}
				const ours = shape(parsed);
				const theirs = shape(parse(source[key]!));
				expect([...ours.args].sort(), `${locale} ${key}`).toEqual([...theirs.args].sort());
				for (const plural of ours.plurals) {
					const missing = [...needed].filter((c) => !plural.options.includes(c));
					expect(missing, `${locale} ${key}: plural forms of {${plural.arg}}`).toEqual([]);
				}
				expect(() => new IntlMessageFormat(text, locale).format(sampleValues(ours.args)), key).not.toThrow();
			}
		});

		it('is translated, not a copy of the French', () => {
			// Only messages with words to translate count: "{page} — Passerelle" has none.
			const words = (text: string) => text.replace(/\{[^{}]*\}/g, '').replace(/Passerelle|CRIPEL/g, '').replace(/[^\p{L}]/gu, '');
			const same = Object.keys(source).filter((k) => messages[k] === source[k] && words(source[k]!).length > 12);
			expect(same).toEqual([]);
		});
	});

	it('Arabic uses its six plural forms', () => {
		const ar = load('ar');
		const format = (n: number) => new IntlMessageFormat(ar['communes.municipalityCount']!, 'ar').format({ count: n });
		const forms = new Set([0, 1, 2, 3, 11, 100].map(format));
		expect(forms.size).toBe(6);
	});
});
