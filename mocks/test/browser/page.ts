// The page of mocks/test/browser.test.ts, bundled by esbuild: an app as a UI developer would write it against the
// mocks — MSW's worker over `createMockApi` with the state kept in localStorage, and the SDK with a browser (cookie)
// session — exposing a few calls on `window.hph` for the test to drive.
import { createMockApi, DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/mocks';
import {
  createAddress,
  createBrowserSession,
  createHolidayPeakClient,
  createTokenSession,
  enableTwoFactor,
  getMe,
  isHolidayPeakApiError,
  listAddresses,
  listProducts,
  signIn,
  type AddressInput,
} from '@holiday-peak-hub/sdk';
import { setupWorker } from 'msw/browser';

/** What a call answered, in a form `page.evaluate` can hand back to the test. */
export type Outcome<T> =
  | { ok: true; status: number; data: T }
  | {
      ok: false;
      status: number;
      /** The error is a `HolidayPeakApiError`, as the SDK documents. */
      sdkError: boolean;
      code: string | undefined;
      requestId: string | undefined;
      fromEnvelope: boolean | undefined;
      /** The envelope body, as the API sent it. */
      body: unknown;
      retryAfter: string | null;
    };

async function outcome<T>(call: Promise<{ data?: T; error?: unknown; response?: Response }>): Promise<Outcome<T>> {
  const { data, error, response } = await call;
  if (error === undefined) return { ok: true, status: response?.status ?? 0, data: data as T };
  const sdkError = isHolidayPeakApiError(error);
  return {
    ok: false,
    status: sdkError ? error.status : (response?.status ?? 0),
    sdkError,
    code: sdkError ? error.code : undefined,
    requestId: sdkError ? error.requestId : undefined,
    fromEnvelope: sdkError ? error.fromEnvelope : undefined,
    body: sdkError ? { error: error.error } : error,
    retryAfter: response?.headers.get('retry-after') ?? null,
  };
}

const api = createMockApi({ persist: { storage: localStorage } });
const worker = setupWorker(...api.handlers);
const started = worker.start({
  onUnhandledFrame: 'bypass',
  quiet: true,
  serviceWorker: { url: '/mockServiceWorker.js' },
});

/** Every request the SDK's clients sent, as `METHOD /path STATUS`. */
const sent: string[] = [];
const logged =
  (label: string): typeof fetch =>
  async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const response = await fetch(request);
    sent.push(`${label} ${request.method} ${new URL(request.url).pathname} ${response.status}`);
    return response;
  };

/** The SDK as its README has a browser app use it: cookies, and the CSRF token in memory. */
const client = createHolidayPeakClient({
  baseUrl: location.origin,
  session: createBrowserSession(),
  fetch: logged('cookie'),
});

/** A bearer-token client keeping its tokens in localStorage (the README's partner and native-app mode). */
const tokenClient = createHolidayPeakClient({
  baseUrl: location.origin,
  session: createTokenSession({ storage: localStorage }),
  fetch: logged('token'),
});

const accountOf = (role: string) => {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`no demo ${role}`);
  return account;
};

type Mode = 'cookie' | 'token';
const clientOf = (mode: Mode) => (mode === 'cookie' ? client : tokenClient);

const pageApi = {
  /** The worker's state once `start()` resolved, and whether it controls this page. */
  ready: async () => {
    const registration = await started;
    return { worker: registration?.active?.state, controlled: navigator.serviceWorker.controller !== null };
  },
  demo: () => ({ customer: accountOf('customer').email, staff: accountOf('staff').email, password: DEMO_PASSWORD }),
  signIn: async (mode: Mode, role: string) => {
    const result = await signIn(clientOf(mode), { email: accountOf(role).email, password: DEMO_PASSWORD });
    return result.status === 'authenticated'
      ? { status: result.status, role: result.role, email: result.user?.email }
      : { status: result.status };
  },
  me: async (mode: Mode) => {
    const me = await outcome(getMe({ client: clientOf(mode) }));
    return me.ok ? { ok: true, email: me.data.email, role: me.data.role } : me;
  },
  products: async (mode: Mode) => {
    const page = await outcome(listProducts({ client: clientOf(mode), query: { limit: 5 } }));
    return page.ok ? { ok: true as const, count: page.data.items.length, first: page.data.items[0]?.name } : page;
  },
  addAddress: (mode: Mode, address: AddressInput) => outcome(createAddress({ client: clientOf(mode), body: address })),
  addresses: (mode: Mode) => outcome(listAddresses({ client: clientOf(mode) })),
  enableTwoFactor: async (mode: Mode) => {
    const enrolment = await outcome(enableTwoFactor({ client: clientOf(mode), body: { password: DEMO_PASSWORD } }));
    return enrolment.ok ? { ok: true, status: enrolment.status, qr: enrolment.data.qr_code.slice(0, 26) } : enrolment;
  },
  fail: (operationId: 'listProducts', code: 'SERVICE_UNAVAILABLE') => api.scenarios.fail(operationId, { code }),
  clearFailures: () => api.scenarios.clearFailures(),
  sent: () => [...sent],
  saved: () => ({
    state: localStorage.getItem('holiday-peak-hub-mocks') !== null,
    tokens: localStorage.getItem('holiday-peak-hub.tokens') !== null,
  }),
};

export type PageApi = typeof pageApi;

(window as unknown as { hph: PageApi }).hph = pageApi;
