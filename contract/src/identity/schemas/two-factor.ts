import { z } from '../../zod.ts';

/* Two-factor sign-in: enrolling an authenticator app and the codes it gives. */

export const TwoFactorCodeSchema = z.string().trim().min(6).max(32).openapi('TwoFactorCode', {
  description: 'The 6-digit code of the authenticator app, or one of the recovery codes.',
  example: '492039',
});

export const TwoFactorEnrolmentSchema = z
  .strictObject({
    secret: z.string().openapi({ description: 'Base32 secret, for typing into an authenticator by hand.' }),
    otpauth_uri: z.string().openapi({ example: 'otpauth://totp/Holiday%20Peak%20Hub:jane%40example.com?secret=…' }),
    qr_code: z.string().openapi({ description: 'The otpauth URI as a QR code: an SVG `data:` URL for an `<img>`.' }),
  })
  .openapi('TwoFactorEnrolment', { description: 'Confirm with a first code at `POST /api/users/me/2fa/verify`.' });

export const TwoFactorVerifySchema = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'the 6-digit code'),
  })
  .openapi('TwoFactorVerify');

export const TwoFactorEnabledSchema = z
  .strictObject({
    two_factor_enabled: z.literal(true),
    recovery_codes: z.array(z.string()).openapi({
      description: 'Shown once: each signs in once instead of a code. Store them somewhere safe.',
    }),
  })
  .openapi('TwoFactorEnabled');
