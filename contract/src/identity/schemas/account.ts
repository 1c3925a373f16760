import * as z from 'zod';
import { AccountRoleSchema } from '../../common/roles.ts';
import { UserIdSchema } from '../ids.ts';
import { DateOfBirthSchema, Name, Timestamp } from './fields.ts';

/* Accounts: who a user is, their profile, password and preferences, and what an admin changes. */

export const EmailSchema = z
  .email()
  .max(254)
  .toLowerCase()
  .meta({ id: 'Email', description: 'An email address; compared case-insensitively.', example: 'jane@example.com' });

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const NewPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH)
  .max(PASSWORD_MAX_LENGTH)
  .meta({
    id: 'NewPassword',
    description: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters. The server also refuses guessable passwords (zxcvbn score below 3, counting your name and email) with 422 and suggestions.`,
    example: 'correct-horse-battery-staple',
  });

/** A password being checked, never stored: long enough to hold any password we accept. */
export const PasswordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const PhoneSchema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'an international number: + then 7–15 digits')
  .meta({ id: 'Phone', description: 'E.164 phone number.', example: '+14155550123' });

export const UserSchema = z
  .strictObject({
    id: UserIdSchema,
    email: EmailSchema,
    name: z.string(),
    phone: z.union([PhoneSchema, z.null()]),
    role: AccountRoleSchema,
    email_verified: z.boolean(),
    newsletter_opt_in: z.boolean(),
    two_factor_enabled: z.boolean(),
    date_of_birth: z.union([z.iso.date(), z.null()]),
    created_at: Timestamp,
    updated_at: Timestamp,
    last_login: z.union([Timestamp, z.null()]),
  })
  .meta({ id: 'User', description: 'An account. Password hashes, tokens and secrets never leave the server.' });

export const ProfileUpdateSchema = z
  .strictObject({
    name: Name,
    // Still the `Email` component (`id`: zod's `.meta()` does not pass it on), with this description.
    email: EmailSchema.meta({
      id: 'Email',
      description: 'A new address must be verified again: a link is sent to it.',
    }),
    phone: z.union([PhoneSchema, z.null()]),
    date_of_birth: z.union([DateOfBirthSchema, z.null()]),
    newsletter_opt_in: z.boolean(),
    current_password: PasswordSchema.optional().meta({
      description:
        'Required when `email` changes: your current password (422 when missing or wrong). Accounts without a password set one through forgot-password first.',
    }),
  })
  .meta({ id: 'ProfileUpdate', description: 'Every editable profile field (PUT replaces them all).' });

export const ChangePasswordSchema = z
  .strictObject({ current_password: PasswordSchema, new_password: NewPasswordSchema })
  .meta({ id: 'ChangePassword' });

export const PasswordConfirmationSchema = z
  .strictObject({ password: PasswordSchema.meta({ description: 'Your current password.' }) })
  .meta({
    id: 'PasswordConfirmation',
    description:
      'A wrong password is answered 422 (`details.field: password`), not 401: a 401 always means the session itself is no longer valid.',
  });

/** How recent a sign-in must be to delete an account that has no password (social sign-in only). */
export const RECENT_SIGN_IN_SECONDS = 600;

export const AccountDeletionSchema = z
  .strictObject({
    password: PasswordSchema.optional().meta({
      description: `Your current password. Accounts without one (made by social sign-in) leave it out and must have signed in within the last ${RECENT_SIGN_IN_SECONDS / 60} minutes.`,
    }),
  })
  .meta({
    id: 'AccountDeletion',
    description: 'A wrong or missing password, or a sign-in that is not recent enough, is answered 422.',
  });

export const PreferencesSchema = z
  .strictObject({
    language: z.enum(['en', 'es', 'fr', 'de']).meta({ example: 'en' }),
    currency: z.enum(['USD', 'CAD', 'EUR', 'GBP']).meta({ example: 'USD' }),
    notifications: z.strictObject({
      email_marketing: z.boolean(),
      email_orders: z.boolean(),
      sms_shipping: z.boolean(),
    }),
  })
  .meta({ id: 'Preferences' });

export const AdminUserCreateSchema = z
  .strictObject({ email: EmailSchema, name: Name, role: AccountRoleSchema })
  .meta({ id: 'AdminUserCreate', description: 'The new user gets an email with a link to set their password.' });

export const RoleChangeSchema = z.strictObject({ role: AccountRoleSchema }).meta({ id: 'RoleChange' });

export type User = z.infer<typeof UserSchema>;
export type Preferences = z.infer<typeof PreferencesSchema>;
