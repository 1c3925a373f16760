import * as z from 'zod';

/* Two-factor sign-in: enrolling an authenticator app and the codes it gives. */

export const TwoFactorCodeSchema = z.string().trim().min(6).max(32).meta({
  id: 'TwoFactorCode',
  description: 'The 6-digit code of the authenticator app, or one of the recovery codes.',
  example: '492039',
});

export const TwoFactorEnrolmentSchema = z
  .strictObject({
    secret: z.string().meta({ description: 'Base32 secret, for typing into an authenticator by hand.' }),
    otpauth_uri: z.string().meta({ example: 'otpauth://totp/Holiday%20Peak%20Hub:jane%40example.com?secret=…' }),
    qr_code: z.string().meta({ description: 'The otpauth URI as a QR code: an SVG `data:` URL for an `<img>`.' }),
  })
  .meta({ id: 'TwoFactorEnrolment', description: 'Confirm with a first code at `POST /api/users/me/2fa/verify`.' });

export const TwoFactorVerifySchema = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'the 6-digit code'),
  })
  .meta({ id: 'TwoFactorVerify' });

export const TwoFactorEnabledSchema = z
  .strictObject({
    two_factor_enabled: z.literal(true),
    recovery_codes: z.array(z.string()).meta({
      description: 'Shown once: each signs in once instead of a code. Store them somewhere safe.',
    }),
  })
  .meta({ id: 'TwoFactorEnabled' });
