// Renders images/icon.svg to images/icon.png (128 × 128, transparent corners),
// the extension's icon on the Marketplace and in the Extensions view, which
// take PNG only. Run it after changing the SVG, and commit both:
//
//   npm run icon
//
// It draws with Debian's Chromium (the one the end-to-end suite drives;
// CHROMIUM_PATH to use another) through playwright-core, so the build needs no
// renderer. The PNG records the SHA-256 of the SVG it was drawn from in a tEXt
// chunk; test/package.test.ts fails when the two no longer match.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { chromium } from 'playwright-core';

const SIZE = 128;
const svg = readFileSync('images/icon.svg');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) throw new Error(`Chromium is needed at ${executablePath} (apt-get install chromium)`);

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] });
let png;
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(
    `<!DOCTYPE html><html><body style="margin:0;background:transparent">` +
      `<img style="display:block;width:${SIZE}px;height:${SIZE}px" src="data:image/svg+xml;base64,${svg.toString('base64')}">` +
      `</body></html>`,
  );
  await page.locator('img').evaluate((img) => img.decode());
  png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
} finally {
  await browser.close();
}

/** A PNG chunk: length, type, data, CRC of type and data. */
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

// The source's hash, in a tEXt chunk right after IHDR (8 bytes of signature, then IHDR's 25).
const hash = createHash('sha256').update(svg).digest('hex');
const text = chunk('tEXt', Buffer.from(`Source\0images/icon.svg sha256:${hash}`, 'latin1'));
const ihdrEnd = 8 + 25;
if (png.toString('latin1', 12, 16) !== 'IHDR' || png.readUInt32BE(16) !== SIZE || png.readUInt32BE(20) !== SIZE) throw new Error('Chromium did not give a 128 × 128 PNG');
writeFileSync('images/icon.png', Buffer.concat([png.subarray(0, ihdrEnd), text, png.subarray(ihdrEnd)]));
console.log(`images/icon.png: ${SIZE} × ${SIZE}, from images/icon.svg (sha256:${hash.slice(0, 12)}…)`);
