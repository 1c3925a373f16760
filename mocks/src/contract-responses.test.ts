import { operations, type OperationId, type SuccessStatus } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import { sendLink } from './identity/email-links.ts';
import { startSession } from './identity/sessions.ts';
import { mockIdToken } from './identity/id-token.ts';
import { DEMO_PASSWORD } from './store/demo-accounts.ts';
import type { MockStore } from './store/mock-store.ts';
import { call, demoAccount, seedAddress, seedCard, useMockApi } from './test-support.ts';

type Sample = {
  path: string;
  token?: 'guest' | 'customer' | 'staff' | 'admin';
  body?: unknown;
  headers?: Record<string, string>;
};

const { store } = useMockApi();

const activeProduct = (s: MockStore) => {
  const product = [...s.products.values()].find((p) => p.status === 'active');
  if (!product) throw new Error('no active product in the demo catalog');
  return product;
};
const anyBanner = (s: MockStore) => [...s.banners.values()][0]?.id ?? '';
const CUSTOMER = demoAccount('customer');
const CUSTOMER_ID = CUSTOMER.id;
const customer = (s: MockStore) => s.identity.accounts.get(CUSTOMER_ID) ?? never();
const STRONG = 'correct-horse-battery-staple';
const ADDRESS = {
  name: 'Jane Doe',
  line1: '123 Main St',
  city: 'San Francisco',
  state: 'ca',
  postal_code: '941021234',
  country: 'us',
};

/** A sensible valid request for every operation (a Record, so a new operation fails to compile here). */
const samples: Record<OperationId, (s: MockStore) => Sample> = {
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
  deleteCategory: (s) => {
    s.categories.set('empty-aisle', {
      ...(s.categories.get('electronics') ?? never()),
      slug: 'empty-aisle',
      parent_slug: null,
    });
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
  signup: () => ({
    path: '/api/auth/signup',
    body: { name: 'Jane Doe', email: 'Jane@Example.com', password: STRONG },
  }),
  login: () => ({
    path: '/api/auth/login',
    body: { email: CUSTOMER.email, password: DEMO_PASSWORD, token_delivery: 'body' },
  }),
  loginTwoFactor: (s) => {
    customer(s).twoFactor.enabled = true;
    s.identity.challenges.set('mock.challenge.sample', { userId: CUSTOMER_ID, expiresAt: s.now().getTime() + 60_000 });
    return { path: '/api/auth/login/2fa', body: { challenge_token: 'mock.challenge.sample', code: '000000' } };
  },
  logout: () => ({ path: '/api/auth/logout', token: 'customer' }),
  refreshSession: (s) => {
    const session = startSession(s, { role: 'customer', userId: CUSTOMER_ID, subject: CUSTOMER_ID });
    return { path: '/api/auth/refresh', body: { refresh_token: session.refreshToken } };
  },
  verifyEmail: (s) => ({ path: '/api/auth/verify-email', body: { token: sendLink(s, customer(s), 'verify-email') } }),
  resendVerification: () => ({ path: '/api/auth/resend-verification', body: { email: 'nobody@example.com' } }),
  forgotPassword: () => ({ path: '/api/auth/forgot-password', body: { email: CUSTOMER.email } }),
  resetPassword: (s) => ({
    path: '/api/auth/reset-password',
    body: { token: sendLink(s, customer(s), 'reset-password'), new_password: STRONG },
  }),
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
  verifyTwoFactor: (s) => {
    customer(s).twoFactor.pendingSecret = 'GEZDGNBVGY3TQOJQ';
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
  listAddresses: (s) => {
    seedAddress(s, CUSTOMER_ID);
    return { path: '/api/users/me/addresses', token: 'customer' };
  },
  createAddress: () => ({ path: '/api/users/me/addresses', token: 'customer', body: ADDRESS }),
  updateAddress: (s) => ({
    path: `/api/users/me/addresses/${seedAddress(s, CUSTOMER_ID).id}`,
    token: 'customer',
    body: { ...ADDRESS, type: 'billing' },
  }),
  deleteAddress: (s) => ({ path: `/api/users/me/addresses/${seedAddress(s, CUSTOMER_ID).id}`, token: 'customer' }),
  setDefaultAddress: (s) => ({
    path: `/api/users/me/addresses/${seedAddress(s, CUSTOMER_ID).id}/default`,
    token: 'customer',
  }),
  validateAddress: () => ({ path: '/api/addresses/validate', body: ADDRESS }),
  listPaymentMethods: (s) => {
    seedCard(s, CUSTOMER_ID);
    return { path: '/api/users/me/payment-methods', token: 'customer' };
  },
  createPaymentMethod: (s) => ({
    path: '/api/users/me/payment-methods',
    token: 'customer',
    body: { provider_token: 'pm_card_amex', billing_address_id: seedAddress(s, CUSTOMER_ID).id },
  }),
  deletePaymentMethod: (s) => ({
    path: `/api/users/me/payment-methods/${seedCard(s, CUSTOMER_ID).id}`,
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
};

function never(): never {
  throw new Error('unreachable');
}

describe('every mock response matches the contract', () => {
  it.each(operations.map((op) => [op.operationId, op] as const))('%s', async (_id, op) => {
    const sample = samples[op.operationId](store);
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
