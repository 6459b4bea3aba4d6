import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ar from '$lib/i18n/messages/ar.json';
import fr from '$lib/i18n/messages/fr.json';
import ti from '$lib/i18n/messages/ti.json';
import { parseConsentFormQuery } from './cases.consents.schemas';
import { consentFormData, renderConsentForm } from './consent-form';

const work = mkdtempSync(join(tmpdir(), 'consent-form-test-'));
const now = new Date('2026-11-28T10:00:00Z');
/** The text poppler extracts, without the direction marks it adds around right-to-left runs. */
function pdfText(pdf: Buffer, name: string): string {
	const file = join(work, name);
	writeFileSync(file, pdf);
	return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}
const squash = (s: string) => s.replace(/\s+/g, ' ');
const facts = { person: 'Yasmina Testfile', fileReference: '1a2b3c4d', ownerName: 'Maison des Langues de Seraing (fictive)', organisationNames: ['Espace Rencontres Herstal (fictif)'] };
const query = (language: string) => new URLSearchParams({ purpose: 'referral', organisations: '00000000-0000-4000-8000-000000000001', sections: 'identity,parcours', language, expiresOn: '2027-11-28' });

describe('the printable consent form', () => {
	it('reads purpose, organisations, sections and language from the query, and refuses what it does not know', () => {
		const parsed = parseConsentFormQuery(query('ar'), 'fr');
		expect(parsed).toEqual({ ok: true, request: { purpose: 'referral', organisationIds: ['00000000-0000-4000-8000-000000000001'], sections: ['identity', 'parcours'], language: 'ar', expiresOn: '2027-11-28' } });
		// A language without a printed form (Somali) prints in the page's language.
		expect(parseConsentFormQuery(query('so'), 'nl')).toMatchObject({ ok: true, request: { language: 'nl' } });
		expect(parseConsentFormQuery(new URLSearchParams({ purpose: 'referral', language: 'fr' }), 'fr')).toEqual({ ok: false, error: 'pro.errors.consent.organisations' });
		expect(parseConsentFormQuery(new URLSearchParams({ purpose: 'spying', language: 'fr' }), 'fr')).toEqual({ ok: false, error: 'pro.errors.consent.purpose' });
		expect(parseConsentFormQuery(new URLSearchParams({ purpose: 'sharing', organisations: 'x', sections: 'health', language: 'fr' }), 'fr')).toEqual({ ok: false, error: 'pro.errors.invalid' });
		// Follow-up names nobody: organisations and sections given anyway are dropped.
		expect(parseConsentFormQuery(new URLSearchParams({ purpose: 'follow_up', sections: 'health', language: 'fr' }), 'fr')).toMatchObject({ ok: true, request: { sections: [], organisationIds: [] } });
	});

	it('prints in Arabic, right to left, with the organisation’s name, the sections, the end date and the signature lines', async () => {
		const parsed = parseConsentFormQuery(query('ar'), 'fr');
		if (!parsed.ok) throw new Error('parse');
		const data = consentFormData(parsed.request, facts, now);
		expect(data.rtl).toBe(true);
		const pdf = await renderConsentForm(data, now);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		if (process.env.KEEP_PDF) writeFileSync(process.env.KEEP_PDF, pdf);
		const text = squash(pdfText(pdf, 'ar.pdf'));
		for (const words of [ar['pro.consents.pdf.title.referral'], ar['pro.consents.pdf.signPerson'], ar['pro.consents.pdf.rightsTitle'], ar['pro.cases.section.identity']]) expect(text).toContain(words);
		// pdftotext reads the brackets at the edge of a Latin run inside Arabic in visual order: the names are there as typed.
		expect(text).toContain('Espace Rencontres Herstal');
		expect(text).toContain('Maison des Langues de Seraing');
		expect(text).toContain('Yasmina Testfile');
		// The end date in Arabic, Gregorian calendar (pdftotext moves the digits around in Arabic lines).
		const month = new Intl.DateTimeFormat('ar-u-ca-gregory', { month: 'long', timeZone: 'Europe/Brussels' }).format(new Date('2027-11-28T12:00:00Z'));
		expect(text.replace(/\s/g, '')).toContain(`28${month}`);
		expect(text).toContain('2027');
	});

	it('prints Tigrinya in Ethiopic script and French with the plain-language explanation', async () => {
		const tiForm = parseConsentFormQuery(query('ti'), 'fr');
		const frForm = parseConsentFormQuery(new URLSearchParams({ purpose: 'statistics', language: 'fr' }), 'fr');
		if (!tiForm.ok || !frForm.ok) throw new Error('parse');
		const tiText = squash(pdfText(await renderConsentForm(consentFormData(tiForm.request, facts, now), now), 'ti.pdf'));
		expect(tiText).toContain(ti['pro.consents.pdf.title.referral']);
		expect(tiText).toContain('Espace Rencontres Herstal (fictif)');
		const frText = squash(pdfText(await renderConsentForm(consentFormData(frForm.request, facts, now), now), 'fr.pdf'));
		expect(frText).toContain(fr['pro.consents.pdf.title.statistics']);
		expect(frText).toContain(squash(fr['pro.consents.pdf.rightWithdraw'].replace('{organisation}', facts.ownerName)));
		// Statistics name no organisation and no section.
		expect(frText).not.toContain('Espace Rencontres Herstal');
		expect(frText).not.toContain(fr['pro.consents.pdf.sectionsTitle']);
	});
});
