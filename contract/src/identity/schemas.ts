import { z } from '../zod.ts';
import { AccountRoleSchema, SessionRoleSchema } from '../common/roles.ts';
import { AddressIdSchema, PaymentMethodIdSchema, UserIdSchema } from './ids.ts';
import { ADDRESS_RULE_COUNTRIES } from './address-rules.ts';
import { cardNumberPaths } from './card-number.ts';

const Timestamp = z.iso.datetime();
const Name = z.string().trim().min(1).max(100);

export const EmailSchema = z
  .email()
  .max(254)
  .toLowerCase()
  .openapi('Email', { description: 'An email address; compared case-insensitively.', example: 'jane@example.com' });

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const NewPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH)
  .max(PASSWORD_MAX_LENGTH)
  .openapi('NewPassword', {
    description: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters. The server also refuses guessable passwords (zxcvbn score below 3, counting your name and email) with 422 and suggestions.`,
    example: 'correct-horse-battery-staple',
  });

/** A password being checked, never stored: long enough to hold any password we accept. */
export const PasswordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const PhoneSchema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'an international number: + then 7–15 digits')
  .openapi('Phone', { description: 'E.164 phone number.', example: '+14155550123' });

export const TokenDeliverySchema = z.enum(['cookie', 'body']).default('cookie').openapi('TokenDelivery', {
  description:
    '`cookie` (browsers): the tokens travel in `HttpOnly` cookies and never reach JavaScript; send `X-CSRF-Token` with every cookie-authenticated write. `body` (partners, native apps): the tokens are in the response, send `Authorization: Bearer`.',
});

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
  .openapi('User', { description: 'An account. Password hashes, tokens and secrets never leave the server.' });

export const ProfileUpdateSchema = z
  .strictObject({
    name: Name,
    email: EmailSchema.openapi({ description: 'A new address must be verified again: a link is sent to it.' }),
    phone: z.union([PhoneSchema, z.null()]),
    date_of_birth: z.union([z.iso.date(), z.null()]),
    newsletter_opt_in: z.boolean(),
    current_password: PasswordSchema.optional().openapi({
      description:
        'Required when `email` changes: your current password (422 when missing or wrong). Accounts without a password set one through forgot-password first.',
    }),
  })
  .openapi('ProfileUpdate', { description: 'Every editable profile field (PUT replaces them all).' });

export const TokensSchema = z
  .strictObject({
    token_type: z.literal('Bearer'),
    access_token: z.string().openapi({ description: 'Send as `Authorization: Bearer <access_token>`.' }),
    expires_in: z.int().openapi({ description: 'Seconds the access token is valid (900).', example: 900 }),
    refresh_token: z.string().openapi({
      description: 'Single use: `POST /api/auth/refresh` answers a new pair. Reusing an old one ends the session.',
    }),
    refresh_expires_in: z.int().openapi({ example: 604_800 }),
  })
  .openapi('Tokens');

export const AuthSessionSchema = z
  .strictObject({
    status: z.literal('authenticated'),
    subject: z.string().openapi({ description: 'The user id, or the guest id of a guest session.' }),
    role: SessionRoleSchema,
    user: z.union([UserSchema, z.null()]).openapi({ description: 'The account; `null` for a guest session.' }),
    expires_at: Timestamp.openapi({ description: 'When the access token expires: refresh before.' }),
    refresh_expires_at: Timestamp.openapi({ description: 'When the session ends unless refreshed (7 days).' }),
    csrf_token: z.union([z.string(), z.null()]).openapi({
      description: 'Cookie delivery only: send it as `X-CSRF-Token` on every write. `null` with body delivery.',
    }),
    tokens: z.union([TokensSchema, z.null()]).openapi({ description: 'Body delivery only; `null` with cookies.' }),
  })
  .openapi('AuthSession');

export const TwoFactorChallengeSchema = z
  .strictObject({
    status: z.literal('two_factor_required'),
    challenge_token: z.string().openapi({ description: 'Send with a code to `POST /api/auth/login/2fa`.' }),
    expires_at: Timestamp,
  })
  .openapi('TwoFactorChallenge', { description: 'The password was right; the account also needs a code.' });

export const LoginResultSchema = z
  .discriminatedUnion('status', [AuthSessionSchema, TwoFactorChallengeSchema])
  .openapi('LoginResult');

export const SignupSchema = z
  .strictObject({
    name: Name,
    email: EmailSchema,
    password: NewPasswordSchema,
    newsletter_opt_in: z.boolean().default(false),
  })
  .openapi('Signup');

export const LoginSchema = z
  .strictObject({ email: EmailSchema, password: PasswordSchema, token_delivery: TokenDeliverySchema })
  .openapi('Login');

export const TwoFactorCodeSchema = z.string().trim().min(6).max(32).openapi('TwoFactorCode', {
  description: 'The 6-digit code of the authenticator app, or one of the recovery codes.',
  example: '492039',
});

export const LoginTwoFactorSchema = z
  .strictObject({
    challenge_token: z.string().min(1).max(4096),
    code: TwoFactorCodeSchema,
    token_delivery: TokenDeliverySchema,
  })
  .openapi('LoginTwoFactor');

export const RefreshSchema = z
  .strictObject({
    refresh_token: z.string().min(1).max(512).optional().openapi({
      description: 'Body delivery. Browsers omit it: the refresh cookie is used and new cookies are set.',
    }),
  })
  .openapi('Refresh');

export const SOCIAL_PROVIDERS = ['microsoft', 'google'] as const;
export const SocialProviderSchema = z.enum(SOCIAL_PROVIDERS).openapi('SocialProvider');

export const SocialSignInSchema = z
  .strictObject({
    id_token: z.string().min(20).max(8192).openapi({
      description:
        "The provider's OpenID Connect ID token for this app (MSAL's `idToken`, Google Identity Services' `credential`).",
    }),
    token_delivery: TokenDeliverySchema,
  })
  .openapi('SocialSignIn');

export const AuthProviderSchema = z
  .strictObject({
    provider: SocialProviderSchema,
    issuer: z.string().openapi({ description: 'The OpenID Connect issuer (authority) to sign in with.' }),
    client_id: z.string().openapi({ description: 'The client id ID tokens must be issued to.' }),
    scopes: z.array(z.string()).openapi({ example: ['openid', 'profile', 'email'] }),
  })
  .openapi('AuthProvider');

export const AuthProviderListSchema = z
  .strictObject({ items: z.array(AuthProviderSchema) })
  .openapi('AuthProviderList', {
    description: 'The sign-in providers this deployment accepts, with what a client needs to use them.',
  });

export const OpenIdConfigurationSchema = z
  .strictObject({
    issuer: z.string(),
    jwks_uri: z.string(),
    token_endpoint: z.string(),
    response_types_supported: z.array(z.string()),
    subject_types_supported: z.array(z.string()),
    id_token_signing_alg_values_supported: z.array(z.string()),
    claims_supported: z.array(z.string()),
  })
  .openapi('OpenIdConfiguration', {
    description:
      "Discovery metadata of this API's own token issuer: JWT libraries and gateways (e.g. Azure API Management's validate-jwt) find its signing keys here.",
  });

export const GuestSessionRequestSchema = z
  .strictObject({ token_delivery: TokenDeliverySchema })
  .openapi('GuestSessionRequest');

export const EmailRequestSchema = z.strictObject({ email: EmailSchema }).openapi('EmailRequest');

export const AcceptedSchema = z
  .strictObject({ status: z.literal('accepted'), message: z.string() })
  .openapi('Accepted', {
    description: 'The same answer whether or not an account has that email, so nobody can probe for accounts.',
  });

export const OneTimeTokenSchema = z
  .string()
  .min(20)
  .max(200)
  .regex(/^[A-Za-z0-9_.-]+$/)
  .openapi('OneTimeToken', { description: 'The token of the emailed link: single use, expires.' });

export const VerifyEmailSchema = z.strictObject({ token: OneTimeTokenSchema }).openapi('VerifyEmail');
export const EmailVerifiedSchema = z
  .strictObject({ email: EmailSchema, email_verified: z.literal(true) })
  .openapi('EmailVerified');

export const ResetPasswordSchema = z
  .strictObject({ token: OneTimeTokenSchema, new_password: NewPasswordSchema })
  .openapi('ResetPassword');

export const ChangePasswordSchema = z
  .strictObject({ current_password: PasswordSchema, new_password: NewPasswordSchema })
  .openapi('ChangePassword');

export const PasswordConfirmationSchema = z
  .strictObject({ password: PasswordSchema.openapi({ description: 'Your current password.' }) })
  .openapi('PasswordConfirmation', {
    description:
      'A wrong password is answered 422 (`details.field: password`), not 401: a 401 always means the session itself is no longer valid.',
  });

/** How recent a sign-in must be to delete an account that has no password (social sign-in only). */
export const RECENT_SIGN_IN_SECONDS = 600;

export const AccountDeletionSchema = z
  .strictObject({
    password: PasswordSchema.optional().openapi({
      description: `Your current password. Accounts without one (made by social sign-in) leave it out and must have signed in within the last ${RECENT_SIGN_IN_SECONDS / 60} minutes.`,
    }),
  })
  .openapi('AccountDeletion', {
    description: 'A wrong or missing password, or a sign-in that is not recent enough, is answered 422.',
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

export const PreferencesSchema = z
  .strictObject({
    language: z.enum(['en', 'es', 'fr', 'de']).openapi({ example: 'en' }),
    currency: z.enum(['USD', 'CAD', 'EUR', 'GBP']).openapi({ example: 'USD' }),
    notifications: z.strictObject({
      email_marketing: z.boolean(),
      email_orders: z.boolean(),
      sms_shipping: z.boolean(),
    }),
  })
  .openapi('Preferences');

const AddressText = (max: number) => z.string().trim().min(1).max(max);

/** The fields of a postal address, as sent; rules per country are checked by `checkAddress`. */
const addressFieldShape = {
  name: AddressText(100),
  line1: AddressText(200),
  line2: z.union([z.string().trim().max(200), z.null()]).default(null),
  city: AddressText(100),
  state: z
    .union([z.string().trim().max(50), z.null()])
    .default(null)
    .openapi({
      description: 'State, province or region; required (as a code) in the US and Canada.',
    }),
  postal_code: AddressText(20),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code')
    .openapi({
      description: `ISO 3166-1 alpha-2. Specific state and postal-code rules for ${ADDRESS_RULE_COUNTRIES.join(', ')}.`,
      example: 'US',
    }),
  phone: z.union([z.string().trim().max(32), z.null()]).default(null),
};

const ADDRESS_EXAMPLE = {
  name: 'Jane Doe',
  line1: '123 Main St',
  line2: 'Apt 4B',
  city: 'San Francisco',
  state: 'CA',
  postal_code: '94102',
  country: 'US',
  phone: '+14155550123',
};

export const AddressFieldsSchema = z
  .strictObject(addressFieldShape)
  .openapi('AddressFields', { example: ADDRESS_EXAMPLE });

export const AddressTypeSchema = z.enum(['shipping', 'billing']).openapi('AddressType');

export const AddressInputSchema = z
  .strictObject({
    ...addressFieldShape,
    type: AddressTypeSchema.default('shipping'),
    is_default: z.boolean().default(false),
  })
  .openapi('AddressInput', { example: { ...ADDRESS_EXAMPLE, type: 'shipping', is_default: true } });

const NormalizedAddress = z.strictObject({
  name: z.string(),
  line1: z.string(),
  line2: z.union([z.string(), z.null()]),
  city: z.string(),
  state: z.union([z.string(), z.null()]),
  postal_code: z.string(),
  country: z.string(),
  phone: z.union([z.string(), z.null()]),
});

export const AddressSchema = NormalizedAddress.extend({
  id: AddressIdSchema,
  type: AddressTypeSchema,
  is_default: z.boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
}).openapi('Address');

export const AddressListSchema = z.strictObject({ items: z.array(AddressSchema) }).openapi('AddressList');

export const AddressIssueSchema = z.strictObject({ field: z.string(), message: z.string() }).openapi('AddressIssue');

export const AddressValidationSchema = z
  .strictObject({
    valid: z.boolean(),
    normalized: z.union([NormalizedAddress, z.null()]).openapi({
      description: 'The address as it will be stored (codes upper-cased, postal code canonical); `null` when invalid.',
    }),
    issues: z.array(AddressIssueSchema),
  })
  .openapi('AddressValidation');

export const MAX_ADDRESSES = 20;
export const MAX_PAYMENT_METHODS = 10;

/** A body that carries a card number is refused: payment methods are saved as provider tokens only. */
export function refuseCardNumbers<T extends z.ZodType>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    for (const path of cardNumberPaths(value)) {
      ctx.addIssue({
        code: 'custom',
        path: path === '' ? [] : path.split('.'),
        message: 'looks like a card number: send the payment provider token, never the card number',
      });
    }
  });
}

export const PaymentMethodCreateSchema = refuseCardNumbers(
  z
    .strictObject({
      provider_token: z
        .string()
        .regex(/^pm_[A-Za-z0-9_]{3,100}$/, 'a Stripe PaymentMethod id (pm_…)')
        .openapi({
          description: 'The Stripe PaymentMethod id made by Stripe.js or the mobile SDK.',
          example: 'pm_card_visa',
        }),
      billing_address_id: z.union([AddressIdSchema, z.null()]).default(null),
      is_default: z.boolean().default(false),
    })
    .openapi('PaymentMethodCreate', { description: 'A card is saved by its provider token only, never its number.' }),
);

export const PaymentMethodSchema = z
  .strictObject({
    id: PaymentMethodIdSchema,
    type: z.literal('card'),
    brand: z.string().openapi({ example: 'visa' }),
    last4: z.string().regex(/^\d{4}$/),
    exp_month: z.int().min(1).max(12),
    exp_year: z.int().min(2000).max(2100),
    billing_address_id: z.union([AddressIdSchema, z.null()]),
    is_default: z.boolean(),
    created_at: Timestamp,
  })
  .openapi('PaymentMethod');

export const PaymentMethodListSchema = z
  .strictObject({ items: z.array(PaymentMethodSchema) })
  .openapi('PaymentMethodList');

export const AdminUserCreateSchema = z
  .strictObject({ email: EmailSchema, name: Name, role: AccountRoleSchema })
  .openapi('AdminUserCreate', { description: 'The new user gets an email with a link to set their password.' });

export const RoleChangeSchema = z.strictObject({ role: AccountRoleSchema }).openapi('RoleChange');

export type User = z.infer<typeof UserSchema>;
export type AuthSession = z.infer<typeof AuthSessionSchema>;
export type Preferences = z.infer<typeof PreferencesSchema>;
export type Address = z.infer<typeof AddressSchema>;
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;
export type SocialProvider = z.infer<typeof SocialProviderSchema>;
export type AuthProvider = z.infer<typeof AuthProviderSchema>;
