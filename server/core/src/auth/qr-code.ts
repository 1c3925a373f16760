import { toString } from 'qrcode';

/**
 * The enrolment QR code as a data URL the web client can put straight into an `<img src>`:
 * the otpauth:// URI (which holds the TOTP secret) never leaves the server for a third-party QR service.
 */
export async function qrSvgDataUrl(text: string): Promise<string> {
  const svg = await toString(text, { type: 'svg' });
  // The SVG is ASCII (an XML header and path data), so btoa encodes it as is, in Node and in browsers.
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}
