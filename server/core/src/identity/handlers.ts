import type { adminUserOperations, authOperations, profileOperations } from '@holiday-peak-hub/contract';
import { checkAddress, type AuthProvider } from '@holiday-peak-hub/contract';
import { clearSessionCookies } from '../auth/session-cookies.ts';
import { REFRESH_COOKIE } from '../pipeline/authenticate.ts';
import type { HandlersFor } from '../pipeline/handler.ts';
import type { IdentityServices } from './services.ts';
import { clearingRefused, delivered } from './session-delivery.ts';

export type IdentityOperationId = (
  typeof authOperations | typeof profileOperations | typeof adminUserOperations
)[number]['operationId'];

/**
 * The identity operations' handlers: read the validated input, call a service, shape the response.
 * Session cookies are set and cleared here, from what the services answer.
 */
export function createIdentityHandlers(
  services: IdentityServices,
  providers: readonly AuthProvider[],
): HandlersFor<IdentityOperationId> {
  const { signUp, signIn, social, emailLinks, profiles, addresses, paymentMethods, admin } = services;
  const write = (requestId: string, ifMatch?: string) => ({ requestId, ifMatch });

  return {
    signup: async ({ input: { body }, requestId }) => ({
      status: 202,
      body: await signUp.signup(body, write(requestId)),
    }),
    login: async ({ input: { body }, http }) => ({ status: 200, body: delivered(http, await signIn.login(body)) }),
    loginTwoFactor: async ({ input: { body }, http }) => ({
      status: 200,
      body: delivered(http, await signIn.loginTwoFactor(body)),
    }),
    logout: async ({ caller, http }) => {
      await signIn.logout(caller);
      clearSessionCookies(http);
      return { status: 204, body: undefined };
    },
    refreshSession: async ({ input: { body }, http }) => ({
      status: 200,
      body: delivered(
        http,
        await clearingRefused(http, signIn.refresh(body.refresh_token, http.cookie(REFRESH_COOKIE))),
      ),
    }),
    verifyEmail: async ({ input: { body }, requestId }) => ({
      status: 200,
      body: await emailLinks.verifyEmail(body.token, write(requestId)),
    }),
    resendVerification: async ({ input: { body } }) => ({
      status: 202,
      body: await emailLinks.resendVerification(body.email),
    }),
    forgotPassword: async ({ input: { body } }) => ({
      status: 202,
      body: await emailLinks.forgotPassword(body.email),
    }),
    resetPassword: async ({ input: { body }, requestId }) => {
      await emailLinks.resetPassword(body, write(requestId));
      return { status: 204, body: undefined };
    },
    socialSignIn: async ({ input: { params, body }, http, requestId }) => ({
      status: 200,
      body: delivered(http, await social.signIn(params.provider, body, write(requestId))),
    }),
    listAuthProviders: () => Promise.resolve({ status: 200, body: { items: [...providers] } }),
    startGuestSession: async ({ input: { body }, http }) => ({
      status: 201,
      body: delivered(http, await signIn.startGuest(body.token_delivery)),
    }),

    getMe: async ({ caller }) => {
      const { user, etag } = await profiles.me(caller);
      return { status: 200, body: user, headers: { ETag: etag } };
    },
    updateMe: async ({ input: { body, headers }, caller, requestId }) => {
      const { user, etag } = await profiles.update(caller, body, write(requestId, headers['if-match']));
      return { status: 200, body: user, headers: { ETag: etag } };
    },
    deleteMe: async ({ input: { body }, caller, requestId }) => {
      await profiles.delete(caller, body.password, write(requestId));
      return { status: 204, body: undefined };
    },
    changePassword: async ({ input: { body }, caller, requestId }) => {
      await profiles.changePassword(caller, body, write(requestId));
      return { status: 204, body: undefined };
    },
    enableTwoFactor: async ({ input: { body }, caller }) => ({
      status: 200,
      body: await profiles.startTwoFactor(caller, body.password),
    }),
    verifyTwoFactor: async ({ input: { body }, caller, requestId }) => ({
      status: 200,
      body: await profiles.confirmTwoFactor(caller, body.code, write(requestId)),
    }),
    getPreferences: async ({ caller }) => ({ status: 200, body: await profiles.preferences(caller) }),
    updatePreferences: async ({ input: { body }, caller, requestId }) => ({
      status: 200,
      body: await profiles.updatePreferences(caller, body, write(requestId)),
    }),

    listAddresses: async ({ caller }) => ({ status: 200, body: { items: await addresses.list(caller) } }),
    createAddress: async ({ input: { body }, caller }) => ({ status: 201, body: await addresses.create(caller, body) }),
    updateAddress: async ({ input: { params, body }, caller }) => ({
      status: 200,
      body: await addresses.update(caller, params.id, body),
    }),
    deleteAddress: async ({ input: { params }, caller }) => {
      await addresses.delete(caller, params.id);
      return { status: 204, body: undefined };
    },
    setDefaultAddress: async ({ input: { params }, caller }) => ({
      status: 200,
      body: await addresses.setDefault(caller, params.id),
    }),
    validateAddress: ({ input: { body } }) => {
      const check = checkAddress(body);
      return Promise.resolve({
        status: 200,
        body: check.valid
          ? { valid: true, normalized: check.normalized, issues: [] }
          : { valid: false, normalized: null, issues: check.issues },
      });
    },

    listPaymentMethods: async ({ caller }) => ({ status: 200, body: { items: await paymentMethods.list(caller) } }),
    createPaymentMethod: async ({ input: { body }, caller }) => ({
      status: 201,
      body: await paymentMethods.create(caller, body),
    }),
    deletePaymentMethod: async ({ input: { params }, caller }) => {
      await paymentMethods.delete(caller, params.id);
      return { status: 204, body: undefined };
    },

    adminListUsers: async ({ input: { query } }) => ({ status: 200, body: await admin.list(query) }),
    adminCreateUser: async ({ input: { body }, caller, http, requestId }) => ({
      status: 201,
      body: await admin.create(body, { caller, client: http, requestId }),
    }),
    adminChangeUserRole: async ({ input: { params, body }, caller, http, requestId }) => ({
      status: 200,
      body: await admin.changeRole(params.id, body.role, { caller, client: http, requestId }),
    }),
    adminDeleteUser: async ({ input: { params }, caller, http, requestId }) => {
      await admin.delete(params.id, { caller, client: http, requestId });
      return { status: 204, body: undefined };
    },
  };
}
