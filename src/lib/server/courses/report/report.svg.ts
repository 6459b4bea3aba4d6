/**
 * Server-rendered SVG charts, hand-written: a horizontal grouped bar chart is all the report needs,
 * and a few dozen lines of string building keep it dependency-free, readable without JavaScript
 * (inline in the page, embedded as is in the PDF) and accessible: role="img" with a <title> and a
 * <desc>, and the page puts the chart's data table next to it. Right-to-left languages mirror the
 * chart: labels on the right, bars growing leftwards, each text embedded right to left (RLE … PDF).
 */

export type ChartSeries = {
	label: string;
	/** The bar lengths (null: not shown, e.g. a suppressed small count). */
	values: (number | null)[];
	/** The text printed at each bar's end ("12", "<5"). */
	shown: string[];
};
export type BarChart = { id: string; title: string; description: string; categories: string[]; series: ChartSeries[]; rtl: boolean };

const palette = ['#1d4ed8', '#b45309', '#047857'];
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const WIDTH = 720;
const LABEL = 260;
/** Characters per label line (12px Noto Sans is about 6.5px a character): longer labels wrap onto two lines. */
const LINE = 38;
const BAR = 14;
const GAP = 4;
const GROUP_GAP = 12;
const TOP = 34;
const FONT = 'Noto Sans, Noto Naskh Arabic, Noto Sans Ethiopic, sans-serif';

/** Greedy word wrap into at most two lines (the second one keeps the rest). */
export function wrapLabel(label: string): string[] {
	if (label.length <= LINE) return [label];
	const words = label.split(' ');
	let first = '';
	while (words.length && (first ? `${first} ${words[0]}` : words[0]!).length <= LINE) first = first ? `${first} ${words.shift()}` : words.shift()!;
	if (!first) first = words.shift()!;
	return words.length ? [first, words.join(' ')] : [first];
}

export function barChartSvg(chart: BarChart): string {
	const { id, categories, series, rtl } = chart;
	const groupHeight = series.length * (BAR + GAP) + GROUP_GAP;
	const height = TOP + Math.max(1, categories.length) * groupHeight + 8;
	const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
	const plot = WIDTH - LABEL - 70;
	// x of a bar's start and of its end, mirrored in RTL.
	const origin = rtl ? WIDTH - LABEL - 10 : LABEL + 10;
	const dir = rtl ? -1 : 1;
	// Anchors are physical (renderers disagree on what start/end mean under direction="rtl"); the
	// right-to-left base direction of each label is given by an embedding (RLE … PDF) instead.
	const anchorLabel = 'end';
	const bidi = (text: string) => (rtl ? `\u202b${text}\u202c` : text);
	const anchorValue = rtl ? 'end' : 'start';
	const parts: string[] = [];
	parts.push(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${FONT}" font-size="12">`,
		`<title id="${id}-title">${escapeXml(chart.title)}</title>`,
		`<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`,
		`<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`
	);
	// Legend.
	series.forEach((s, i) => {
		const x = rtl ? WIDTH - 10 - i * 200 : 10 + i * 200;
		const box = rtl ? x - 12 : x;
		parts.push(`<rect x="${box}" y="8" width="12" height="12" fill="${palette[i % palette.length]}"/>`);
		parts.push(`<text x="${rtl ? x - 18 : x + 18}" y="18" text-anchor="${rtl ? 'end' : 'start'}" fill="#111827">${escapeXml(bidi(s.label))}</text>`);
	});
	// Axis line.
	parts.push(`<line x1="${origin}" y1="${TOP - 4}" x2="${origin}" y2="${height - 8}" stroke="#6b7280" stroke-width="1"/>`);
	categories.forEach((category, c) => {
		const y0 = TOP + c * groupHeight;
		const lines = wrapLabel(category);
		const middle = y0 + (series.length * (BAR + GAP)) / 2 + 3 - ((lines.length - 1) * 14) / 2;
		const labelX = rtl ? WIDTH - 10 : LABEL;
		const tspans = lines.map((line, i) => `<tspan x="${labelX}" y="${middle + i * 14}">${escapeXml(bidi(line))}</tspan>`).join('');
		parts.push(`<text text-anchor="${anchorLabel}" fill="#111827">${tspans}</text>`);
		series.forEach((s, i) => {
			const v = s.values[c] ?? null;
			const length = v === null ? 0 : Math.round((v / max) * plot);
			const y = y0 + i * (BAR + GAP);
			const x = rtl ? origin - length : origin;
			if (length > 0) parts.push(`<rect x="${x}" y="${y}" width="${length}" height="${BAR}" fill="${palette[i % palette.length]}"><title>${escapeXml(`${category} — ${s.label}: ${s.shown[c]}`)}</title></rect>`);
			parts.push(`<text x="${origin + dir * (length + 4)}" y="${y + BAR - 3}" text-anchor="${anchorValue}" fill="#111827">${escapeXml(s.shown[c] ?? '')}</text>`);
		});
	});
	parts.push('</svg>');
	return parts.join('');
}
