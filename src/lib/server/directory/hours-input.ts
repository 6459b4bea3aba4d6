import type { Slot } from './hours';

/**
 * Reads one day's hours as people type them: "9:00-12:00, 13:00-16:30", "9h-12h", "18:00–20:30".
 * Empty means closed. Returns null when a slot cannot be read, ends before it starts, or overlaps.
 */
export function parseDayHours(weekday: number, text: string): Slot[] | null {
	const trimmed = text.trim();
	if (trimmed === '') return [];
	const slots: Slot[] = [];
	for (const part of trimmed.split(/[,;]/)) {
		const m = /^\s*(\d{1,2})(?:[:hH.](\d{2})?)?\s*[-–—à]\s*(\d{1,2})(?:[:hH.](\d{2})?)?\s*$/.exec(part);
		if (!m) return null;
		const [h1, m1, h2, m2] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3]), Number(m[4] ?? 0)];
		if (h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59) return null;
		const opensAt = `${String(h1).padStart(2, '0')}:${String(m1).padStart(2, '0')}`;
		const closesAt = h2 === 24 ? '23:59' : `${String(h2).padStart(2, '0')}:${String(m2).padStart(2, '0')}`;
		if (closesAt <= opensAt) return null;
		slots.push({ weekday, opensAt, closesAt });
	}
	slots.sort((a, b) => a.opensAt.localeCompare(b.opensAt));
	for (let i = 1; i < slots.length; i++) if (slots[i]!.opensAt < slots[i - 1]!.closesAt) return null;
	return slots;
}

export function formatDayHours(slots: Slot[]): string {
	return slots.map((s) => `${s.opensAt}-${s.closesAt}`).join(', ');
}
