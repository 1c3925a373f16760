import type { z } from '@holiday-peak-hub/contract';
import type { TwoFactorEnrolmentSchema } from '@holiday-peak-hub/contract';
import { fnv1a } from '@holiday-peak-hub/core';

/**
 * The authenticator code the mocks accept. They cannot run an authenticator app (TOTP needs the
 * real secret and a clock the UI shares), so `000000` stands for "a right code" both when confirming
 * an enrolment and when signing in; any other 6 digits are wrong. Recovery codes work as on the server.
 */
export const MOCK_TWO_FACTOR_CODE = '000000';

/** The base32 secret every mock enrolment answers (the RFC 4226 test key). */
export const MOCK_TOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

export const RECOVERY_CODE_COUNT = 10;

/**
 * A small static SVG (not a scannable QR code: the mocks draw no QR codes) standing for the image
 * the server answers, so an `<img src={qr_code}>` renders.
 */
const PLACEHOLDER_QR =
  'data:image/svg+xml;base64,' +
  btoa(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29" width="174" height="174">' +
      '<rect width="29" height="29" fill="#fff"/>' +
      '<path d="M1 1h7v7H1zM21 1h7v7h-7zM1 21h7v7H1z" fill="none" stroke="#000" stroke-width="2"/>' +
      '<path d="M3 3h3v3H3zM23 3h3v3h-3zM3 23h3v3H3zM11 11h7v7h-7z"/>' +
      '<text x="14.5" y="25" font-size="3" text-anchor="middle" font-family="sans-serif">MOCK 2FA</text>' +
      '</svg>',
  );

export function enrolmentOf(email: string): z.input<typeof TwoFactorEnrolmentSchema> {
  const issuer = encodeURIComponent('Holiday Peak Hub');
  return {
    secret: MOCK_TOTP_SECRET,
    otpauth_uri:
      `otpauth://totp/${issuer}:${encodeURIComponent(email)}` +
      `?secret=${MOCK_TOTP_SECRET}&issuer=${issuer}&algorithm=SHA1&digits=6&period=30`,
    qr_code: PLACEHOLDER_QR,
  };
}

/** Ten recovery codes (`xxxx-xxxx`), deterministic for an account and an enrolment. */
export function recoveryCodesFor(userId: string, enrolment: string): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, (_, i) => {
    const hash = fnv1a(`${userId}|${enrolment}|${i}`);
    return `${hash.slice(0, 4)}-${hash.slice(4)}`;
  });
}
