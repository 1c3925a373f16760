import { describe, expect, it } from 'vitest';
import { qrSvgDataUrl } from './qr-code.ts';

describe('qrSvgDataUrl', () => {
  it('returns an SVG image as a base64 data URL', async () => {
    const url = await qrSvgDataUrl('otpauth://totp/Holiday%20Peak%20Hub:ann%40example.com?secret=JBSWY3DPEHPK3PXP');
    const prefix = 'data:image/svg+xml;base64,';
    expect(url.startsWith(prefix)).toBe(true);
    const svg = Buffer.from(url.slice(prefix.length), 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toMatch(/<path[^>]* d="M/);
  });

  it('encodes different texts differently', async () => {
    expect(await qrSvgDataUrl('a')).not.toBe(await qrSvgDataUrl('b'));
  });
});
