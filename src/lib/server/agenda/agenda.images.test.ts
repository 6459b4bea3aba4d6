import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES, processImage, sniffImage } from './agenda.images';

/** A photo as a phone makes it: JPEG with EXIF (camera, GPS) and an orientation tag. */
async function phonePhoto(width = 2400, height = 1600) {
	return sharp({ create: { width, height, channels: 3, background: '#3a7' } })
		.jpeg()
		.withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Model 9' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 38/1 0/1' } })
		.withMetadata({ orientation: 6 })
		.toBuffer();
}

describe('event images', () => {
	it('resizes a photo, turns it upright and strips its metadata', async () => {
		const photo = await phonePhoto();
		expect((await sharp(photo).metadata()).orientation).toBe(6);
		expect(photo.includes(Buffer.from('PhoneMaker'))).toBe(true);
		const result = await processImage(photo);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const { image } = result;
		// Orientation 6: the 2400×1600 landscape is shown as a 1600×2400 portrait, made 800×1200.
		expect([image.width, image.height]).toEqual([800, 1200]);
		expect([image.smallWidth, image.smallHeight]).toEqual([320, 480]);
		const meta = await sharp(image.large).metadata();
		expect(meta.format).toBe('jpeg');
		expect(meta.exif).toBeUndefined();
		expect(meta.icc).toBeUndefined();
		expect(meta.orientation).toBeUndefined();
		expect(image.large.includes(Buffer.from('PhoneMaker'))).toBe(false);
	});

	it('takes the type from the content: a text named .jpg, an SVG and a truncated JPEG are refused', async () => {
		expect(await processImage(Buffer.from('%PDF-1.7 this is not a picture'))).toEqual({ ok: false, problem: 'agenda.errors.imageType' });
		expect(await processImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><image href="http://evil.example/x"/></svg>'))).toEqual({ ok: false, problem: 'agenda.errors.imageType' });
		const photo = await phonePhoto(400, 300);
		expect(sniffImage(photo)).toBe('jpeg');
		expect(await processImage(photo.subarray(0, 200))).toEqual({ ok: false, problem: 'agenda.errors.imageBroken' });
	});

	it('refuses a file over the limit before decoding it', async () => {
		const big = Buffer.alloc(MAX_IMAGE_BYTES + 1);
		big.set([0xff, 0xd8, 0xff]);
		expect(await processImage(big)).toEqual({ ok: false, problem: 'agenda.errors.imageTooLarge' });
	});

	it('keeps a PNG drawing, flattened on white', async () => {
		const png = await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
		const result = await processImage(png);
		expect(result.ok && [result.image.width, result.image.height]).toEqual([300, 200]);
	});
});
