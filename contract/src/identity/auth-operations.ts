import * as z from 'zod';
import { defineOperation, type Operation } from '../operation.ts';
import type { IdentityEventType } from '../events/identity.ts';
import { SESSION_HOLDERS } from '../common/roles.ts';
import {
  AcceptedSchema,
  AuthProviderListSchema,
  AuthSessionSchema,
  EmailRequestSchema,
  EmailVerifiedSchema,
  GuestSessionRequestSchema,
  LoginResultSchema,
  LoginSchema,
  LoginTwoFactorSchema,
  RefreshSchema,
  ResetPasswordSchema,
  SignupSchema,
  SocialProviderSchema,
  SocialSignInSchema,
  VerifyEmailSchema,
} from './schemas/index.ts';

const SESSION_HEADERS = {
  'Set-Cookie': {
    description:
      'Cookie delivery: `hph_access` (15 min), `hph_refresh` (7 days, path `/api/auth`), both `HttpOnly; Secure; SameSite`.',
  },
} as const;

export const signup = defineOperation({
  operationId: 'signup',
  method: 'post',
  path: '/api/auth/signup',
  tags: ['Authentication'],
  summary: 'Create an account',
  description:
    'Creates a customer account and emails a verification link. The answer is the same when the email already has an account (that owner is emailed instead), so signup cannot be used to find accounts.',
  access: 'public',
  request: { body: SignupSchema },
  responses: { 202: { description: 'Check your inbox.', schema: AcceptedSchema } },
  errors: ['UNPROCESSABLE_ENTITY'],
  rateLimited: true,
  publishes: ['UserCreated'],
});

export const login = defineOperation({
  operationId: 'login',
  method: 'post',
  path: '/api/auth/login',
  tags: ['Authentication'],
  summary: 'Sign in with email and password',
  description:
    'Starts a session, or asks for a second factor when the account has two-factor authentication. A wrong email and a wrong password get the same 401. Repeated failures lock the account for a growing time (429).',
  access: 'public',
  request: { body: LoginSchema },
  responses: {
    200: { description: 'Signed in, or a code is needed.', schema: LoginResultSchema, headers: SESSION_HEADERS },
  },
  errors: ['UNAUTHORIZED'],
  rateLimited: true,
});

export const loginTwoFactor = defineOperation({
  operationId: 'loginTwoFactor',
  method: 'post',
  path: '/api/auth/login/2fa',
  tags: ['Authentication'],
  summary: 'Sign in: second step',
  description:
    'Completes a sign-in that answered `two_factor_required`, with an authenticator code or a recovery code.',
  access: 'public',
  request: { body: LoginTwoFactorSchema },
  responses: { 200: { description: 'Signed in.', schema: AuthSessionSchema, headers: SESSION_HEADERS } },
  errors: ['UNAUTHORIZED'],
  rateLimited: true,
});

export const logout = defineOperation({
  operationId: 'logout',
  method: 'post',
  path: '/api/auth/logout',
  tags: ['Authentication'],
  summary: 'Sign out',
  description: 'Ends the session: its access and refresh tokens stop working at once, and the cookies are cleared.',
  access: SESSION_HOLDERS,
  responses: { 204: { description: 'Signed out.', headers: SESSION_HEADERS } },
  errors: [],
  rateLimited: true,
});

export const refreshSession = defineOperation({
  operationId: 'refreshSession',
  method: 'post',
  path: '/api/auth/refresh',
  tags: ['Authentication'],
  summary: 'Refresh the session',
  description:
    'Trades the refresh token (cookie or body) for a new access token and a new refresh token; the old refresh token stops working. For 10 seconds after a refresh, the token it replaced is answered with the same new pair (two tabs refreshing at once); presenting a replaced refresh token later, or an older one, ends the whole session (it was stolen or replayed).',
  access: 'public',
  request: { body: RefreshSchema },
  responses: { 200: { description: 'New tokens.', schema: AuthSessionSchema, headers: SESSION_HEADERS } },
  errors: ['UNAUTHORIZED'],
  rateLimited: true,
});

export const verifyEmail = defineOperation({
  operationId: 'verifyEmail',
  method: 'post',
  path: '/api/auth/verify-email',
  tags: ['Authentication'],
  summary: 'Verify an email address',
  description: 'Confirms the address with the token of the emailed link (single use, valid 24 hours).',
  access: 'public',
  request: { body: VerifyEmailSchema },
  responses: { 200: { description: 'Verified.', schema: EmailVerifiedSchema } },
  errors: ['UNPROCESSABLE_ENTITY'],
  rateLimited: true,
  publishes: ['UserUpdated'],
});

export const resendVerification = defineOperation({
  operationId: 'resendVerification',
  method: 'post',
  path: '/api/auth/resend-verification',
  tags: ['Authentication'],
  summary: 'Send the verification email again',
  description: 'Sends a new link when the address has an unverified account; the answer is the same either way.',
  access: 'public',
  request: { body: EmailRequestSchema },
  responses: { 202: { description: 'Check your inbox.', schema: AcceptedSchema } },
  errors: [],
  rateLimited: true,
});

export const forgotPassword = defineOperation({
  operationId: 'forgotPassword',
  method: 'post',
  path: '/api/auth/forgot-password',
  tags: ['Authentication'],
  summary: 'Ask for a password reset link',
  description:
    'Emails a reset link (single use, valid 1 hour) when the address has an account; the answer is the same either way.',
  access: 'public',
  request: { body: EmailRequestSchema },
  responses: { 202: { description: 'Check your inbox.', schema: AcceptedSchema } },
  errors: [],
  rateLimited: true,
});

export const resetPassword = defineOperation({
  operationId: 'resetPassword',
  method: 'post',
  path: '/api/auth/reset-password',
  tags: ['Authentication'],
  summary: 'Set a new password with a reset link',
  description: 'Sets the password and signs every session of the account out.',
  access: 'public',
  request: { body: ResetPasswordSchema },
  responses: { 204: { description: 'Password set: sign in with it.' } },
  errors: ['UNPROCESSABLE_ENTITY'],
  rateLimited: true,
  publishes: ['UserUpdated'],
});

export const startGuestSession = defineOperation({
  operationId: 'startGuestSession',
  method: 'post',
  path: '/api/auth/guest',
  tags: ['Authentication'],
  summary: 'Start a guest session',
  description: 'A session without an account, for cart, checkout and order tracking. Profile operations answer 403.',
  access: 'public',
  request: { body: GuestSessionRequestSchema },
  responses: { 201: { description: 'The guest session.', schema: AuthSessionSchema, headers: SESSION_HEADERS } },
  errors: [],
  rateLimited: true,
});

export const socialSignIn = defineOperation({
  operationId: 'socialSignIn',
  method: 'post',
  path: '/api/auth/social/{provider}',
  tags: ['Authentication'],
  summary: 'Sign in with Microsoft or Google',
  description:
    "Trades the provider's ID token (checked against the provider's signing keys, issuer and this app's client id) for a session. The first sign-in creates a customer account. An existing account with the same email is joined only when the provider vouches for the email; otherwise 409 (sign in with the password first). Accounts with two-factor still answer `two_factor_required`.",
  access: 'public',
  request: { params: z.strictObject({ provider: SocialProviderSchema }), body: SocialSignInSchema },
  responses: {
    200: { description: 'Signed in, or a code is needed.', schema: LoginResultSchema, headers: SESSION_HEADERS },
  },
  errors: ['UNAUTHORIZED', 'CONFLICT', 'UNPROCESSABLE_ENTITY'],
  rateLimited: true,
  publishes: ['UserCreated'],
});

export const listAuthProviders = defineOperation({
  operationId: 'listAuthProviders',
  method: 'get',
  path: '/api/auth/providers',
  tags: ['Authentication'],
  summary: 'Sign-in providers',
  description:
    'The social sign-in providers this deployment accepts, with the issuer and client id a client signs in with.',
  access: 'public',
  responses: { 200: { description: 'The providers.', schema: AuthProviderListSchema } },
  errors: [],
  cache: { maxAgeSeconds: 300, staleWhileRevalidateSeconds: 3600 },
});

export const authOperations = [
  signup,
  login,
  loginTwoFactor,
  logout,
  refreshSession,
  verifyEmail,
  resendVerification,
  forgotPassword,
  resetPassword,
  startGuestSession,
  socialSignIn,
  listAuthProviders,
] as const satisfies readonly Operation<IdentityEventType>[];
