/** One well-formed request per contract operation, for the role matrix, the fuzzer and the SDK tests. */
import { expressPath, operations, type Operation, type OperationId } from '@holiday-peak-hub/contract';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';

export interface SampleIds {
  productId: string;
  variantId: string;
  categorySlug: string;
  bannerId: string;
}

export interface SampleRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A password zxcvbn rates 4. */
export const STRONG_PASSWORD = 'Velvet-Harbor-Quietly-93';

export const ADDRESS = {
  name: 'Jane Doe',
  line1: '123 Main St',
  line2: null,
  city: 'San Francisco',
  state: 'CA',
  postal_code: '94102',
  country: 'US',
  phone: null,
};

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export const productBody = (categorySlug: string) => {
  const u = unique();
  return {
    sku: `TEST-${u}`.toUpperCase(),
    name: `Test product ${u}`,
    slug: `test-product-${u}`,
    category_slug: categorySlug,
    description: 'A product made by a test.',
    brand: 'Testbrand',
    price: { amount: 19.99, currency: 'USD', compare_at: null, tax_rate: 0.08 },
    variants: [
      {
        variant_id: 'var_default',
        sku: `TEST-${u}-D`.toUpperCase(),
        attributes: { color: 'Red' },
        price_adjustment: 0,
        stock: 5,
      },
    ],
  };
};

const bannerBody = () => ({
  title: `Test banner ${unique()}`,
  image_url: 'https://cdn.holidaypeakhub.com/banners/test.jpg',
  link_url: '/category/test',
  placement: 'home-hero',
  starts_at: '2026-01-01T00:00:00Z',
});

/** An order id no order has. */
export const MISSING_ORDER = 'ord_zzzzzzzzzzzzzzzzzzzz';

export function sampleRequests(ids: SampleIds): Record<OperationId, () => SampleRequest> {
  const product = { id: ids.productId };
  return {
    getHealth: () => ({}),
    getReadiness: () => ({}),
    getJwks: () => ({}),
    getOpenIdConfiguration: () => ({}),
    listProducts: () => ({ query: { category: ids.categorySlug, limit: '5', sort: 'price', order: 'asc' } }),
    searchProducts: () => ({ query: { q: 'the', limit: '5' } }),
    listFeaturedProducts: () => ({ query: { limit: '5' } }),
    getProductFilters: () => ({ query: { category: ids.categorySlug } }),
    getProduct: () => ({ params: product }),
    getProductInventory: () => ({ params: product }),
    getRelatedProducts: () => ({ params: product, query: { limit: '4' } }),
    listCategories: () => ({ query: { limit: '10' } }),
    getCategory: () => ({ params: { slug: ids.categorySlug } }),
    listActiveBanners: () => ({}),
    staffListProducts: () => ({ query: { limit: '5', status: 'active' } }),
    staffGetProduct: () => ({ params: product }),
    createProduct: () => ({ body: productBody(ids.categorySlug) }),
    updateProduct: () => ({ params: product, body: { description: `Updated by a test ${unique()}.` } }),
    publishProduct: () => ({ params: product }),
    archiveProduct: () => ({ params: { id: ids.productId.replace(/\.[a-z0-9]{12}$/, '.zzzzzzzzzzzz') } }),
    deleteProduct: () => ({ params: { id: ids.productId.replace(/\.[a-z0-9]{12}$/, '.zzzzzzzzzzzz') } }),
    setVariantStock: () => ({ params: { ...product, variant_id: ids.variantId }, body: { stock: 7 } }),
    createCategory: () => ({ body: { slug: `test-category-${unique()}`, name: 'Test category' } }),
    updateCategory: () => ({ params: { slug: ids.categorySlug }, body: { description: `Updated ${unique()}` } }),
    deleteCategory: () => ({ params: { slug: 'no-such-category' } }),
    staffListBanners: () => ({}),
    staffGetBanner: () => ({ params: { id: ids.bannerId } }),
    createBanner: () => ({ body: bannerBody() }),
    updateBanner: () => ({ params: { id: ids.bannerId }, body: { priority: 3 } }),
    deleteBanner: () => ({ params: { id: 'bnr_zzzzzzzzzzzz' } }),
    staffListPromotions: () => ({ query: { limit: '5', active: 'true' } }),
    createPromotion: () => ({
      body: {
        code: `SAMPLE${unique()}`,
        kind: 'fixed_amount',
        amount_off: { amount: 5, currency: 'USD' },
        minimum_subtotal: { amount: 25, currency: 'USD' },
        starts_at: '2026-01-01T00:00:00Z',
      },
    }),
    staffGetPromotion: () => ({ params: { code: 'holiday10' } }),
    updatePromotion: () => ({ params: { code: 'HOLIDAY10' }, body: { description: `Updated by a test ${unique()}` } }),
    deactivatePromotion: () => ({ params: { code: 'NOSUCHCODE' } }),

    signup: () => ({
      body: { name: 'Test Shopper', email: `shopper-${unique()}@example.com`, password: STRONG_PASSWORD },
    }),
    login: () => ({ body: { email: DEMO_ACCOUNTS[0]!.email, password: DEMO_PASSWORD, token_delivery: 'body' } }),
    loginTwoFactor: () => ({ body: { challenge_token: 'not-a-challenge', code: '123456', token_delivery: 'body' } }),
    logout: () => ({}),
    refreshSession: () => ({
      body: { refresh_token: 'ses_00000000-0000-4000-8000-000000000000.notavalidsecretatallxx' },
    }),
    verifyEmail: () => ({ body: { token: 'usr_zzzzzzzzzzzzzzzz.notavalidsecretatallxx' } }),
    resendVerification: () => ({ body: { email: `nobody-${unique()}@example.com` } }),
    forgotPassword: () => ({ body: { email: `nobody-${unique()}@example.com` } }),
    resetPassword: () => ({
      body: { token: 'usr_zzzzzzzzzzzzzzzz.notavalidsecretatallxx', new_password: STRONG_PASSWORD },
    }),
    socialSignIn: () => ({
      params: { provider: 'google' },
      body: { id_token: 'not.a.valid-google-id-token', token_delivery: 'body' },
    }),
    listAuthProviders: () => ({}),
    startGuestSession: () => ({ body: { token_delivery: 'body' } }),
    getMe: () => ({}),
    updateMe: () => ({
      headers: { 'if-match': '"stale"' },
      body: {
        name: 'Renamed',
        email: 'renamed@example.com',
        phone: null,
        date_of_birth: null,
        newsletter_opt_in: false,
      },
    }),
    deleteMe: () => ({ body: { password: 'not-the-password' } }),
    changePassword: () => ({ body: { current_password: 'not-the-password', new_password: STRONG_PASSWORD } }),
    enableTwoFactor: () => ({ body: { password: 'not-the-password' } }),
    verifyTwoFactor: () => ({ body: { code: '000000' } }),
    getPreferences: () => ({}),
    updatePreferences: () => ({
      body: {
        language: 'en',
        currency: 'USD',
        notifications: { email_marketing: false, email_orders: true, sms_shipping: false },
      },
    }),
    listAddresses: () => ({}),
    createAddress: () => ({ body: { ...ADDRESS, type: 'shipping', is_default: false } }),
    updateAddress: () => ({ params: { id: 'adr_zzzzzzzzzzzzzzzz' }, body: { ...ADDRESS, type: 'billing' } }),
    deleteAddress: () => ({ params: { id: 'adr_zzzzzzzzzzzzzzzz' } }),
    setDefaultAddress: () => ({ params: { id: 'adr_zzzzzzzzzzzzzzzz' } }),
    validateAddress: () => ({ body: ADDRESS }),
    listPaymentMethods: () => ({}),
    createPaymentMethod: () => ({ body: { provider_token: 'pm_card_unknown' } }),
    deletePaymentMethod: () => ({ params: { id: 'pmt_zzzzzzzzzzzzzzzz' } }),
    adminListUsers: () => ({ query: { role: 'staff', limit: '5' } }),
    adminCreateUser: () => ({ body: { email: `staff-${unique()}@example.com`, name: 'New Staff', role: 'staff' } }),
    adminChangeUserRole: () => ({ params: { id: 'usr_zzzzzzzzzzzzzzzz' }, body: { role: 'staff' } }),
    adminDeleteUser: () => ({ params: { id: 'usr_zzzzzzzzzzzzzzzz' } }),
    getCart: () => ({}),
    addCartItem: () => ({ body: { product_id: ids.productId, variant_id: ids.variantId, quantity: 1 } }),
    updateCartItem: () => ({ params: { id: 'cli_zzzzzzzzzzzzzzzz' }, body: { quantity: 2 } }),
    removeCartItem: () => ({ params: { id: 'cli_zzzzzzzzzzzzzzzz' } }),
    clearCart: () => ({}),
    mergeCart: () => ({ body: { guest_token: 'not.a-guest.token' } }),
    applyPromoCode: () => ({ body: { code: 'holiday10' } }),
    removePromoCode: () => ({}),
    listShippingOptions: () => ({ query: { country: 'US', postal_code: '94102' } }),
    chooseShipping: () => ({ body: { country: 'us', postal_code: '94102', option_id: 'express' } }),
    placeOrder: () => ({
      headers: { 'idempotency-key': `sample-${unique()}` },
      body: { email: `buyer-${unique()}@example.com`, shipping_address: ADDRESS },
    }),
    getOrder: () => ({ params: { id: MISSING_ORDER } }),
    getOrderTracking: () => ({ params: { id: 'HPH-2026-999999' }, query: { email: 'nobody@example.com' } }),
    cancelOrder: () => ({ params: { id: MISSING_ORDER }, body: { reason: 'Changed my mind' } }),
    listMyOrders: () => ({ query: { limit: '5', status: 'pending_payment' } }),
    staffListOrders: () => ({ query: { limit: '5', status: 'processing', email: 'nobody@example.com' } }),
    recordShipmentEvent: () => ({
      params: { id: MISSING_ORDER },
      body: { status: 'picked_up', description: 'Picked up by the carrier', location: 'Oakland, CA' },
    }),
    createPaymentIntent: () => ({ body: { order_id: MISSING_ORDER } }),
    confirmPayment: () => ({ body: { order_id: MISSING_ORDER, payment_method: 'pm_card_visa' } }),
    refundPayment: () => ({
      headers: { 'idempotency-key': `sample-${unique()}` },
      body: { order_id: MISSING_ORDER, amount: 5, reason: 'Damaged in transit' },
    }),
    receivePaymentWebhook: () => ({
      headers: {
        'stripe-signature': 't=1700000000,v1=0000000000000000000000000000000000000000000000000000000000000000',
      },
      body: { id: 'evt_sample', type: 'payment_intent.amount_capturable_updated' },
    }),
  };
}

/** The URL path of an operation with its params filled in. */
export function fillPath(op: Operation, params: Record<string, string> = {}): string {
  return expressPath(op.path).replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) =>
    encodeURIComponent(params[name] ?? ''),
  );
}

/** Finds ids that exist in a running server's catalog. */
export async function discoverIds(baseUrl: string, staffToken: string): Promise<SampleIds> {
  const get = async <T>(path: string, token?: string): Promise<T> => {
    const res = await fetch(baseUrl + path, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    return (await res.json()) as T;
  };
  const page = await get<{ items: { id: string; category_slug: string }[] }>('/api/products?limit=1');
  const first = page.items[0];
  if (!first) throw new Error('the test catalog has no active product');
  const product = await get<{ variants: { variant_id: string }[] }>(`/api/products/${first.id}`);
  const banners = await get<{ items: { id: string }[] }>('/api/staff/banners', staffToken);
  const variant = product.variants[0];
  const banner = banners.items[0];
  if (!variant || !banner) throw new Error('the test catalog lacks a variant or a banner');
  return { productId: first.id, variantId: variant.variant_id, categorySlug: first.category_slug, bannerId: banner.id };
}

export const operationById = new Map<string, Operation>(operations.map((op) => [op.operationId, op]));
