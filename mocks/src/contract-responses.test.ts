import { operations, type OperationId, type SuccessStatus } from '@holiday-peak-hub/contract';
import { DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import { describe, expect, it } from 'vitest';
import { mockIdToken, mockTokens } from './index.ts';
import { fillCart, placedOrder, processingOrder, SHIPPING_ADDRESS, stockedVariant } from './checkout-support.ts';
import { call, demoAccount, json, seedAddress, seedCard, seedTwoFactor, useMockApi } from './test-support.ts';
import { latestMockLink } from './wiring/mailbox.ts';
import type { MockStore } from './wiring/mock-store.ts';

type Sample = {
  path: string;
  token?: 'guest' | 'customer' | 'staff' | 'admin';
  body?: unknown;
  headers?: Record<string, string>;
};

const { store } = useMockApi();

/** The seeded catalog (`store.catalog` is what the tables start from; every test starts from it). */
const activeProduct = (s: MockStore) => {
  const product = s.catalog.products.find((p) => p.status === 'active');
  if (!product) throw new Error('no active product in the demo catalog');
  return product;
};
const anyBanner = (s: MockStore) => s.catalog.banners[0]?.id ?? never();
const CUSTOMER = demoAccount('customer');
const CUSTOMER_ID = CUSTOMER.id;
const STRONG = 'correct-horse-battery-staple';
const ADDRESS = {
  name: 'Jane Doe',
  line1: '123 Main St',
  city: 'San Francisco',
  state: 'ca',
  postal_code: '941021234',
  country: 'us',
};

/** Signs the demo customer in with body delivery: the session's answer, or the two-factor challenge. */
async function customerSignIn(): Promise<{ tokens?: { refresh_token: string }; challenge_token?: string }> {
  const response = await call('post', '/api/auth/login', {
    body: { email: CUSTOMER.email, password: DEMO_PASSWORD, token_delivery: 'body' },
  });
  if (response.status !== 200) throw new Error(`sign-in: ${response.status} ${await response.text()}`);
  return json(response);
}

/** The token of the newest link of a kind mailed to an address; fails when none was sent. */
function mailedLink(to: string, kind: 'verify-email' | 'reset-password'): string {
  const token = latestMockLink(store, to, kind);
  if (token === undefined) throw new Error(`no ${kind} link mailed to ${to}`);
  return token;
}

/** A sensible valid request for every operation (a Record, so a new operation fails to compile here). */
const samples: Record<OperationId, (s: MockStore) => Sample | Promise<Sample>> = {
  getHealth: () => ({ path: '/healthz' }),
  getReadiness: () => ({ path: '/readyz' }),
  getJwks: () => ({ path: '/.well-known/jwks.json' }),
  getOpenIdConfiguration: () => ({ path: '/.well-known/openid-configuration' }),
  listProducts: () => ({ path: '/api/products?category=electronics-laptops&sort=price&order=asc&limit=5' }),
  searchProducts: (s) => ({ path: `/api/products/search?q=${encodeURIComponent(activeProduct(s).brand)}` }),
  listFeaturedProducts: () => ({ path: '/api/products/featured?limit=4' }),
  getProductFilters: () => ({ path: '/api/products/filters?category=electronics-laptops' }),
  getProduct: (s) => ({ path: `/api/products/${activeProduct(s).id}` }),
  getProductInventory: (s) => ({ path: `/api/products/${activeProduct(s).id}/inventory` }),
  getRelatedProducts: (s) => ({ path: `/api/products/${activeProduct(s).id}/related?limit=3` }),
  listCategories: () => ({ path: '/api/categories?parent=electronics' }),
  getCategory: () => ({ path: '/api/categories/electronics-laptops' }),
  listActiveBanners: () => ({ path: '/api/banners/active?placement=home-hero' }),
  staffListProducts: () => ({ path: '/api/staff/products?status=draft', token: 'staff' }),
  staffGetProduct: (s) => ({ path: `/api/staff/products/${activeProduct(s).id}`, token: 'staff' }),
  createProduct: () => ({
    path: '/api/staff/products',
    token: 'staff',
    body: {
      sku: 'NEW-SKU-1',
      name: 'Snowflake Mug',
      slug: 'snowflake-mug',
      description: 'A mug.',
      brand: 'Hearth & Hand',
      price: { amount: 12.5, currency: 'USD', compare_at: null, tax_rate: 0.0825 },
      variants: [
        { variant_id: 'var_white', sku: 'NEW-SKU-1-W', attributes: { color: 'White' }, price_adjustment: 0, stock: 3 },
      ],
      category_slug: 'home-kitchen-decor',
    },
  }),
  updateProduct: (s) => ({
    path: `/api/staff/products/${activeProduct(s).id}`,
    token: 'admin',
    body: { featured: true },
  }),
  publishProduct: (s) => ({ path: `/api/staff/products/${activeProduct(s).id}/publish`, token: 'staff' }),
  archiveProduct: (s) => ({ path: `/api/staff/products/${activeProduct(s).id}/archive`, token: 'staff' }),
  deleteProduct: (s) => ({ path: `/api/staff/products/${activeProduct(s).id}`, token: 'staff' }),
  setVariantStock: (s) => {
    const product = activeProduct(s);
    return {
      path: `/api/staff/products/${product.id}/variants/${product.variants[0]?.variant_id ?? ''}/stock`,
      token: 'staff',
      body: { stock: 4 },
    };
  },
  createCategory: () => ({
    path: '/api/staff/categories',
    token: 'staff',
    body: { slug: 'electronics-cameras', name: 'Cameras', parent_slug: 'electronics' },
  }),
  updateCategory: () => ({ path: '/api/staff/categories/electronics', token: 'staff', body: { sort_order: 5 } }),
  deleteCategory: async () => {
    const created = await call('post', '/api/staff/categories', {
      token: 'staff',
      body: { slug: 'empty-aisle', name: 'Empty Aisle' },
    });
    if (created.status !== 201) throw new Error(`createCategory: ${created.status}`);
    return { path: '/api/staff/categories/empty-aisle', token: 'staff' };
  },
  staffListBanners: () => ({ path: '/api/staff/banners', token: 'staff' }),
  staffGetBanner: (s) => ({ path: `/api/staff/banners/${anyBanner(s)}`, token: 'staff' }),
  createBanner: () => ({
    path: '/api/staff/banners',
    token: 'staff',
    body: {
      title: 'New Year Sale',
      image_url: 'https://cdn.holidaypeakhub.com/banners/new-year.jpg',
      link_url: '/deals/new-year',
      placement: 'home-hero',
      starts_at: '2026-12-26T00:00:00Z',
      ends_at: '2027-01-02T00:00:00Z',
    },
  }),
  updateBanner: (s) => ({ path: `/api/staff/banners/${anyBanner(s)}`, token: 'staff', body: { priority: 1 } }),
  deleteBanner: (s) => ({ path: `/api/staff/banners/${anyBanner(s)}`, token: 'staff' }),
  staffListPromotions: () => ({ path: '/api/staff/promotions?active=true&limit=2', token: 'staff' }),
  createPromotion: () => ({
    path: '/api/staff/promotions',
    token: 'staff',
    body: {
      code: 'newyear25',
      kind: 'percent',
      percent_off: 25,
      starts_at: '2026-12-26T00:00:00Z',
      ends_at: '2027-01-02T00:00:00Z',
      category_slugs: ['electronics-laptops'],
    },
  }),
  staffGetPromotion: () => ({ path: '/api/staff/promotions/holiday10', token: 'staff' }),
  updatePromotion: () => ({ path: '/api/staff/promotions/HOLIDAY10', token: 'admin', body: { percent_off: 12 } }),
  deactivatePromotion: () => ({ path: '/api/staff/promotions/FREESHIP/deactivate', token: 'staff' }),
  signup: () => ({
    path: '/api/auth/signup',
    body: { name: 'Jane Doe', email: 'Jane@Example.com', password: STRONG },
  }),
  login: () => ({
    path: '/api/auth/login',
    body: { email: CUSTOMER.email, password: DEMO_PASSWORD, token_delivery: 'body' },
  }),
  loginTwoFactor: async () => {
    await seedTwoFactor('customer');
    const { challenge_token } = await customerSignIn();
    return { path: '/api/auth/login/2fa', body: { challenge_token, code: '000000' } };
  },
  logout: () => ({ path: '/api/auth/logout', token: 'customer' }),
  refreshSession: async () => {
    const { tokens } = await customerSignIn();
    return { path: '/api/auth/refresh', body: { refresh_token: tokens?.refresh_token } };
  },
  verifyEmail: async () => {
    const email = 'new.shopper@example.com';
    await call('post', '/api/auth/signup', { body: { name: 'New Shopper', email, password: STRONG } });
    return { path: '/api/auth/verify-email', body: { token: mailedLink(email, 'verify-email') } };
  },
  resendVerification: () => ({ path: '/api/auth/resend-verification', body: { email: 'nobody@example.com' } }),
  forgotPassword: () => ({ path: '/api/auth/forgot-password', body: { email: CUSTOMER.email } }),
  resetPassword: async () => {
    await call('post', '/api/auth/forgot-password', { body: { email: CUSTOMER.email } });
    return {
      path: '/api/auth/reset-password',
      body: { token: mailedLink(CUSTOMER.email, 'reset-password'), new_password: STRONG },
    };
  },
  startGuestSession: () => ({ path: '/api/auth/guest', body: {} }),
  socialSignIn: () => ({
    path: '/api/auth/social/google',
    body: { id_token: mockIdToken({ sub: 'g-123', email: 'sam@example.com', email_verified: true, name: 'Sam' }) },
  }),
  listAuthProviders: () => ({ path: '/api/auth/providers' }),
  getMe: () => ({ path: '/api/users/me', token: 'customer' }),
  updateMe: () => ({
    path: '/api/users/me',
    token: 'customer',
    body: {
      name: 'Casey Q. Customer',
      email: 'casey@example.com',
      phone: '+14155550123',
      date_of_birth: '1990-04-01',
      newsletter_opt_in: true,
      current_password: DEMO_PASSWORD,
    },
  }),
  deleteMe: () => ({ path: '/api/users/me', token: 'customer', body: { password: DEMO_PASSWORD } }),
  changePassword: () => ({
    path: '/api/users/me/password',
    token: 'customer',
    body: { current_password: DEMO_PASSWORD, new_password: STRONG },
  }),
  enableTwoFactor: () => ({ path: '/api/users/me/2fa/enable', token: 'customer', body: { password: DEMO_PASSWORD } }),
  verifyTwoFactor: async () => {
    await call('post', '/api/users/me/2fa/enable', { token: 'customer', body: { password: DEMO_PASSWORD } });
    return { path: '/api/users/me/2fa/verify', token: 'customer', body: { code: '000000' } };
  },
  getPreferences: () => ({ path: '/api/users/me/preferences', token: 'staff' }),
  updatePreferences: () => ({
    path: '/api/users/me/preferences',
    token: 'customer',
    body: {
      language: 'fr',
      currency: 'EUR',
      notifications: { email_marketing: true, email_orders: true, sms_shipping: true },
    },
  }),
  listAddresses: async () => {
    await seedAddress('customer');
    return { path: '/api/users/me/addresses', token: 'customer' };
  },
  createAddress: () => ({ path: '/api/users/me/addresses', token: 'customer', body: ADDRESS }),
  updateAddress: async () => ({
    path: `/api/users/me/addresses/${(await seedAddress('customer')).id}`,
    token: 'customer',
    body: { ...ADDRESS, type: 'billing' },
  }),
  deleteAddress: async () => ({
    path: `/api/users/me/addresses/${(await seedAddress('customer')).id}`,
    token: 'customer',
  }),
  setDefaultAddress: async () => ({
    path: `/api/users/me/addresses/${(await seedAddress('customer')).id}/default`,
    token: 'customer',
  }),
  validateAddress: () => ({ path: '/api/addresses/validate', body: ADDRESS }),
  listPaymentMethods: async () => {
    await seedCard('customer');
    return { path: '/api/users/me/payment-methods', token: 'customer' };
  },
  createPaymentMethod: async () => ({
    path: '/api/users/me/payment-methods',
    token: 'customer',
    body: { provider_token: 'pm_card_amex', billing_address_id: (await seedAddress('customer')).id },
  }),
  deletePaymentMethod: async () => ({
    path: `/api/users/me/payment-methods/${(await seedCard('customer')).id}`,
    token: 'customer',
  }),
  adminListUsers: () => ({ path: '/api/admin/users?role=customer&limit=5', token: 'admin' }),
  adminCreateUser: () => ({
    path: '/api/admin/users',
    token: 'admin',
    body: { email: 'new.staff@holidaypeakhub.dev', name: 'New Staff', role: 'staff' },
  }),
  adminChangeUserRole: () => ({
    path: `/api/admin/users/${CUSTOMER_ID}/role`,
    token: 'admin',
    body: { role: 'staff' },
  }),
  adminDeleteUser: () => ({ path: `/api/admin/users/${CUSTOMER_ID}`, token: 'admin' }),
  getCart: () => ({ path: '/api/cart', token: 'guest' }),
  addCartItem: (s) => ({ path: '/api/cart/items', token: 'guest', body: cartItem(s) }),
  updateCartItem: async (s) => ({
    path: `/api/cart/items/${await seedCartLine(s)}`,
    token: 'customer',
    body: { quantity: 2 },
  }),
  removeCartItem: async (s) => ({ path: `/api/cart/items/${await seedCartLine(s)}`, token: 'customer' }),
  clearCart: async (s) => {
    await seedCartLine(s);
    return { path: '/api/cart', token: 'customer' };
  },
  mergeCart: async (s) => {
    await call('post', '/api/cart/items', { token: 'guest', body: cartItem(s) });
    return { path: '/api/cart/merge', token: 'customer', body: { guest_token: mockTokens.guest } };
  },
  applyPromoCode: async (s) => {
    await seedCartLine(s);
    return { path: '/api/checkout/promo', token: 'customer', body: { code: 'holiday10' } };
  },
  removePromoCode: async (s) => {
    await seedCartLine(s);
    await call('post', '/api/checkout/promo', { token: 'customer', body: { code: 'HOLIDAY10' } });
    return { path: '/api/checkout/promo', token: 'customer' };
  },
  listShippingOptions: () => ({
    path: '/api/checkout/shipping-options?country=ca&postal_code=K1A%200B1',
    token: 'guest',
  }),
  chooseShipping: async (s) => {
    await seedCartLine(s);
    return {
      path: '/api/checkout/shipping',
      token: 'customer',
      body: { country: 'US', postal_code: '94102', option_id: 'overnight' },
    };
  },
  placeOrder: async (s) => {
    await fillCart('guest', stockedVariant(s), 2);
    return {
      path: '/api/orders',
      token: 'guest',
      headers: { 'Idempotency-Key': 'sample-place' },
      body: { email: 'Guest@Example.com', shipping_address: SHIPPING_ADDRESS },
    };
  },
  getOrder: async (s) => ({ path: `/api/orders/${(await placedOrder(s)).order.id}`, token: 'customer' }),
  getOrderTracking: async (s) => {
    const { order } = await placedOrder(s, 'guest');
    return { path: `/api/orders/${order.order_number}/tracking?email=guest%40example.com` };
  },
  cancelOrder: async (s) => ({
    path: `/api/orders/${(await placedOrder(s)).order.id}/cancel`,
    token: 'customer',
    body: { reason: 'Ordered the wrong size' },
  }),
  listMyOrders: async (s) => {
    await placedOrder(s);
    return { path: '/api/users/me/orders?status=pending_payment&limit=5', token: 'customer' };
  },
  staffListOrders: async (s) => {
    await placedOrder(s, 'guest');
    return { path: '/api/staff/orders?email=guest%40example.com', token: 'staff' };
  },
  recordShipmentEvent: async (s) => ({
    path: `/api/staff/orders/${(await processingOrder(s)).id}/shipment-events`,
    token: 'staff',
    body: { status: 'picked_up', description: 'Picked up by the carrier', location: 'San Francisco, CA' },
  }),
  createPaymentIntent: async (s) => ({
    path: '/api/payments/create-intent',
    token: 'customer',
    body: { order_id: (await placedOrder(s)).order.id },
  }),
  confirmPayment: async (s) => ({
    path: '/api/payments/confirm',
    token: 'guest',
    body: { order_id: (await placedOrder(s, 'guest')).order.id, payment_method: 'pm_card_authenticationRequired' },
  }),
  refundPayment: async (s) => ({
    path: '/api/payments/refund',
    token: 'staff',
    headers: { 'Idempotency-Key': 'sample-refund' },
    body: { order_id: (await processingOrder(s)).id, amount: 5, reason: 'A damaged box' },
  }),
  receivePaymentWebhook: async (s) => {
    await placedOrder(s);
    const { body, signature } = await s.payments.signedWebhook(s.payments.events().at(-1) ?? never());
    return {
      path: '/api/payments/webhook',
      body: JSON.parse(body) as unknown,
      headers: { 'Stripe-Signature': signature },
    };
  },
};

/** One unit of the first variant of an active product in stock. */
function cartItem(s: MockStore) {
  const product = s.catalog.products.find((p) => p.status === 'active' && p.variants.some((v) => v.stock > 2));
  const variant = product?.variants.find((v) => v.stock > 2);
  if (!product || !variant) throw new Error('no active product in stock in the demo catalog');
  return { product_id: product.id, variant_id: variant.variant_id, quantity: 1 };
}

/** A line in the demo customer's cart: its id. */
async function seedCartLine(s: MockStore): Promise<string> {
  const response = await call('post', '/api/cart/items', { token: 'customer', body: cartItem(s) });
  if (response.status !== 200) throw new Error(`addCartItem: ${response.status}`);
  return (await json<{ items: { id: string }[] }>(response)).items[0]!.id;
}

function never(): never {
  throw new Error('unreachable');
}

describe('every mock response matches the contract', () => {
  it.each(operations.map((op) => [op.operationId, op] as const))('%s', async (_id, op) => {
    const sample = await samples[op.operationId](store);
    const response = await call(op.method, sample.path, sample);
    const status = response.status as SuccessStatus;
    const spec = op.responses[status as keyof typeof op.responses] as
      { schema?: { parse(v: unknown): unknown } } | undefined;
    expect(
      spec,
      `${op.operationId} answered undeclared status ${status}: ${await response.clone().text()}`,
    ).toBeDefined();
    expect(response.headers.get('x-request-id')).toMatch(/^req_mock_/);
    if (spec?.schema) spec.schema.parse(await response.json());
    else expect(await response.text()).toBe('');
  });
});
