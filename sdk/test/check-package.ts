// Packs the built SDK, installs the tarball in a fresh consumer outside the repo, then typechecks and runs an import.
// Run after `npm run build -w @holiday-peak-hub/sdk`: `npm run check:package -w @holiday-peak-hub/sdk`.
import { fileURLToPath } from 'node:url';
import { createConsumerProject, repoModule } from '../../scripts/package-consumer.ts';

const sdkDir = fileURLToPath(new URL('..', import.meta.url));

const consumerCode = `import {
  createBrowserSession,
  createHolidayPeakClient,
  createTokenSession,
  getProduct,
  HolidayPeakApiError,
  isEventOf,
  listProducts,
  signIn,
  unwrap,
  type DomainEvent,
  type ErrorCode,
  type LoginResult,
  type Product,
  type ProductPage,
} from '@holiday-peak-hub/sdk';
import { getProductOptions, listProductsInfiniteOptions } from '@holiday-peak-hub/sdk/query';

const client = createHolidayPeakClient({ baseUrl: 'http://127.0.0.1:9', getToken: () => 'token' });
const product: Promise<Product> = unwrap(getProduct({ client, path: { id: 'p1' } }));
const page: Promise<ProductPage> = unwrap(listProducts({ client, query: { brand: ['Acme'], limit: 5 } }));
const key: unknown = getProductOptions({ client, path: { id: 'p1' } }).queryKey;
const infinite: unknown = listProductsInfiniteOptions({ client, query: { limit: 5 } });
const failure = await product.then(() => undefined, (error: unknown) => error);
if (!(failure instanceof HolidayPeakApiError)) throw new Error('expected a HolidayPeakApiError');
const code: ErrorCode = failure.code;
void page.catch(() => undefined);
const browser = createHolidayPeakClient({ baseUrl: 'http://127.0.0.1:9', session: createBrowserSession() });
const storage = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
const native = createHolidayPeakClient({ baseUrl: 'http://127.0.0.1:9', session: createTokenSession({ storage }) });
const signedIn: Promise<LoginResult> = signIn(browser, { email: 'jane@example.com', password: 'pw' });
const signInFailure = await signedIn.then(() => undefined, (error: unknown) => error);
if (!(signInFailure instanceof HolidayPeakApiError)) throw new Error('expected a HolidayPeakApiError from signIn');
void native;
const event = JSON.parse('{"event_type":"UserDeleted","data":{"user_id":"usr_1","role":"customer"}}') as DomainEvent;
const erased: string | undefined = event.event_type === 'UserDeleted' ? event.data.user_id : undefined;
if (!isEventOf(event, 'UserDeleted', 'UserUpdated')) throw new Error('expected isEventOf to match');
console.log(JSON.stringify({ code, status: failure.status, key: Boolean(key), infinite: Boolean(infinite), erased }));
`;

const REACT_STUB = `declare module 'react' {
  export type ReactNode = unknown;
  export type ReactElement = unknown;
  export type Provider<T> = (props: { value: T }) => unknown;
  export type Context<T> = { Provider: Provider<T> };
  export namespace JSX {
    type Element = unknown;
  }
}
`;

const project = createConsumerProject('sdk');
try {
  const tarball = project.pack(sdkDir);
  project.install([tarball, repoModule('@tanstack/react-query')], { offline: true });
  // A React app brings @types/react; this consumer has no React, so TanStack's own .d.ts get a stub.
  const output = project.typecheckAndRun(consumerCode, {
    files: { 'react-stub.d.ts': REACT_STUB },
    lib: ['es2022', 'dom'],
  });
  const result = JSON.parse(output) as { code: string; status: number; erased?: string };
  if (result.code !== 'SERVICE_UNAVAILABLE' || result.status !== 0 || result.erased !== 'usr_1') {
    throw new Error(`unexpected result ${output}`);
  }
  console.log(`package ok: installed ${tarball.split('/').pop()}, typechecked (skipLibCheck false) and ran: ${output}`);
} finally {
  project.dispose();
}
