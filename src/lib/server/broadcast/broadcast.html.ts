import { createHash } from 'node:crypto';

/** Telegram's limit on a message, counted after entity parsing (UTF-16 code units). */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** Text for Telegram's HTML parse mode: only <, > and & are special outside tags. */
export function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
	return escapeHtml(text).replace(/"/g, '&quot;');
}

/** A link, or its text alone when the address is not http(s). */
export function link(href: string | null | undefined, text: string): string {
	const safe = safeUrl(href);
	return safe ? `<a href="${escapeAttribute(safe)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

export function safeUrl(href: string | null | undefined): string | null {
	if (!href || href.length > 1000) return null;
	try {
		const url = new URL(href);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
	} catch {
		return null;
	}
}

/** Cuts plain text to `max` characters (whole code points, an ellipsis when cut); spaces folded. */
export function clip(text: string | null | undefined, max: number): string {
	const clean = (text ?? '').replace(/\s+/g, ' ').trim();
	const points = Array.from(clean);
	if (points.length <= max) return clean;
	if (max <= 1) return '';
	return `${points.slice(0, max - 1).join('').trimEnd()}…`;
}

/** Like clip, keeping line breaks (a description's paragraphs), at most two in a row. */
export function clipParagraphs(text: string | null | undefined, max: number): string {
	const clean = (text ?? '')
		.replace(/\r\n?/g, '\n')
		.replace(/[^\S\n]+/g, ' ')
		.replace(/ ?\n ?/g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
	const points = Array.from(clean);
	if (points.length <= max) return clean;
	if (max <= 1) return '';
	return `${points.slice(0, max - 1).join('').trimEnd()}…`;
}

/** The length Telegram counts: tags removed, entities decoded. */
export function visibleLength(html: string): number {
	return html
		.replace(/<[^>]*>/g, '')
		.replace(/&(lt|gt|amp|quot);/g, 'x').length;
}

export function textHash(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}
