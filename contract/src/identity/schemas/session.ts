import * as z from 'zod';
import { SessionRoleSchema } from '../../common/roles.ts';
import { EmailSchema, NewPasswordSchema, PasswordSchema, UserSchema } from './account.ts';
import { Name, Timestamp } from './fields.ts';
import { TwoFactorCodeSchema } from './two-factor.ts';

/* Sessions: signing up and in, the tokens a session travels with, and this API's own token issuer. */

export const TokenDeliverySchema = z.enum(['cookie', 'body']).default('cookie').meta({
  id: 'TokenDelivery',
  description:
    '`cookie` (browsers): the tokens travel in `HttpOnly` cookies and never reach JavaScript; send `X-CSRF-Token` with every cookie-authenticated write. `body` (partners, native apps): the tokens are in the response, send `Authorization: Bearer`.',
});

export const TokensSchema = z
  .strictObject({
    token_type: z.literal('Bearer'),
    access_token: z.string().meta({ description: 'Send as `Authorization: Bearer <access_token>`.' }),
    expires_in: z.int().meta({ description: 'Seconds the access token is valid (900).', example: 900 }),
    refresh_token: z.string().meta({
      description: 'Single use: `POST /api/auth/refresh` answers a new pair. Reusing an old one ends the session.',
    }),
    refresh_expires_in: z.int().meta({ example: 604_800 }),
  })
  .meta({ id: 'Tokens' });

export const AuthSessionSchema = z
  .strictObject({
    status: z.literal('authenticated'),
    subject: z.string().meta({ description: 'The user id, or the guest id of a guest session.' }),
    role: SessionRoleSchema,
    user: z.union([UserSchema, z.null()]).meta({ description: 'The account; `null` for a guest session.' }),
    expires_at: Timestamp.meta({ description: 'When the access token expires: refresh before.' }),
    refresh_expires_at: Timestamp.meta({ description: 'When the session ends unless refreshed (7 days).' }),
    csrf_token: z.union([z.string(), z.null()]).meta({
      description: 'Cookie delivery only: send it as `X-CSRF-Token` on every write. `null` with body delivery.',
    }),
    tokens: z.union([TokensSchema, z.null()]).meta({ description: 'Body delivery only; `null` with cookies.' }),
  })
  .meta({ id: 'AuthSession' });

export const TwoFactorChallengeSchema = z
  .strictObject({
    status: z.literal('two_factor_required'),
    challenge_token: z.string().meta({ description: 'Send with a code to `POST /api/auth/login/2fa`.' }),
    expires_at: Timestamp,
  })
  .meta({ id: 'TwoFactorChallenge', description: 'The password was right; the account also needs a code.' });

export const LoginResultSchema = z
  .discriminatedUnion('status', [AuthSessionSchema, TwoFactorChallengeSchema])
  .meta({ id: 'LoginResult' });

export const SignupSchema = z
  .strictObject({
    name: Name,
    email: EmailSchema,
    password: NewPasswordSchema,
    newsletter_opt_in: z.boolean().default(false),
  })
  .meta({ id: 'Signup' });

export const LoginSchema = z
  .strictObject({ email: EmailSchema, password: PasswordSchema, token_delivery: TokenDeliverySchema })
  .meta({ id: 'Login' });

export const LoginTwoFactorSchema = z
  .strictObject({
    challenge_token: z.string().min(1).max(4096),
    code: TwoFactorCodeSchema,
    token_delivery: TokenDeliverySchema,
  })
  .meta({ id: 'LoginTwoFactor' });

export const RefreshSchema = z
  .strictObject({
    refresh_token: z.string().min(1).max(512).optional().meta({
      description: 'Body delivery. Browsers omit it: the refresh cookie is used and new cookies are set.',
    }),
  })
  .meta({ id: 'Refresh' });

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
  .meta({
    id: 'OpenIdConfiguration',
    description:
      "Discovery metadata of this API's own token issuer: JWT libraries and gateways (e.g. Azure API Management's validate-jwt) find its signing keys here.",
  });

export const GuestSessionRequestSchema = z
  .strictObject({ token_delivery: TokenDeliverySchema })
  .meta({ id: 'GuestSessionRequest' });

export type AuthSession = z.infer<typeof AuthSessionSchema>;
