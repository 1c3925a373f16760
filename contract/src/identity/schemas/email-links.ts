import * as z from 'zod';
import { EmailSchema, NewPasswordSchema } from './account.ts';

/* The emailed one-time links: email verification and password reset. */

export const EmailRequestSchema = z.strictObject({ email: EmailSchema }).meta({ id: 'EmailRequest' });

export const AcceptedSchema = z.strictObject({ status: z.literal('accepted'), message: z.string() }).meta({
  id: 'Accepted',
  description: 'The same answer whether or not an account has that email, so nobody can probe for accounts.',
});

export const OneTimeTokenSchema = z
  .string()
  .min(20)
  .max(200)
  .regex(/^[A-Za-z0-9_.-]+$/)
  .meta({ id: 'OneTimeToken', description: 'The token of the emailed link: single use, expires.' });

export const VerifyEmailSchema = z.strictObject({ token: OneTimeTokenSchema }).meta({ id: 'VerifyEmail' });
export const EmailVerifiedSchema = z
  .strictObject({ email: EmailSchema, email_verified: z.literal(true) })
  .meta({ id: 'EmailVerified' });

export const ResetPasswordSchema = z
  .strictObject({ token: OneTimeTokenSchema, new_password: NewPasswordSchema })
  .meta({ id: 'ResetPassword' });
