import sharp, { type Sharp } from 'sharp';

/** An upload may weigh this much (npm start lets bodies reach 6 MB; the form says 5 MB). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Larger side of the two stored sizes: the event page, and cards and feeds. */
const LARGE = 1200;
const SMALL = 480;

// Decoded images are not kept in sharp's cache: uploads are rare and memory is shared.
sharp.cache(false);

export type ImageProblem = 'agenda.errors.imageType' | 'agenda.errors.imageTooLarge' | 'agenda.errors.imageBroken';
export type ProcessedImage = { large: Buffer; small: Buffer; width: number; height: number; smallWidth: number; smallHeight: number };

/** The format of an upload from its first bytes (never from its name or declared type), or null. */
export function sniffImage(bytes: Uint8Array): 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | null {
	const at = (i: number, ...b: number[]) => b.every((x, k) => bytes[i + k] === x);
	const ascii = (i: number, s: string) => at(i, ...[...s].map((c) => c.charCodeAt(0)));
	if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
	if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
	if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp';
	if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'gif';
	if (ascii(4, 'ftyp') && (ascii(8, 'avif') || ascii(8, 'avis'))) return 'avif';
	return null;
}

async function render(input: Sharp, side: number) {
	return input
		.clone()
		.resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
		.flatten({ background: '#ffffff' })
		.jpeg({ quality: 80, mozjpeg: true })
		.toBuffer({ resolveWithObject: true });
}

/**
 * Checks an upload and makes the two stored JPEG sizes: turned upright from its orientation
 * tag, then stripped of every metadata (EXIF with its GPS position, camera, dates; ICC profile
 * converted to sRGB). SVG and other formats are refused: only photos and drawings as pixels.
 */
export async function processImage(bytes: Uint8Array): Promise<{ ok: true; image: ProcessedImage } | { ok: false; problem: ImageProblem }> {
	if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, problem: 'agenda.errors.imageTooLarge' };
	if (!sniffImage(bytes)) return { ok: false, problem: 'agenda.errors.imageType' };
	try {
		// At most 40 megapixels decoded (a small file can claim a huge picture); the first frame only.
		const input = sharp(bytes, { limitInputPixels: 40_000_000, failOn: 'error', animated: false }).rotate();
		const large = await render(input, LARGE);
		const small = await render(input, SMALL);
		return {
			ok: true,
			image: { large: large.data, small: small.data, width: large.info.width, height: large.info.height, smallWidth: small.info.width, smallHeight: small.info.height }
		};
	} catch {
		return { ok: false, problem: 'agenda.errors.imageBroken' };
	}
}
