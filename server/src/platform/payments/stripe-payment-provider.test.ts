import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripePaymentProvider } from './stripe-payment-provider.ts';

/** The one Stripe endpoint the provider uses, as Stripe answers it. */
let fake: Server;
let base: string;
const seen: IncomingMessage[] = [];

beforeAll(async () => {
  fake = createServer((req, res) => {
    seen.push(req);
    const json = (status: number, body: object) =>
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_fake' }).end(JSON.stringify(body));
    if (req.url === '/v1/payment_methods/pm_card_visa') {
      json(200, {
        id: 'pm_card_visa',
        object: 'payment_method',
        type: 'card',
        card: { brand: 'visa', last4: '4242', exp_month: 8, exp_year: 2031, country: 'US', funding: 'credit' },
      });
    } else if (req.url === '/v1/payment_methods/pm_bank') {
      json(200, { id: 'pm_bank', object: 'payment_method', type: 'us_bank_account', card: null });
    } else if (req.url === '/v1/payment_methods/pm_down') {
      json(500, { error: { type: 'api_error', message: 'down' } });
    } else {
      json(404, {
        error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such PaymentMethod' },
      });
    }
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => fake.close(() => resolve())));

describe('Stripe payment provider', () => {
  it('reads brand, last four and expiry of a card, authenticated with the secret key', async () => {
    const provider = createStripePaymentProvider({ secretKey: 'sk_test_fake', apiBase: base });
    expect(await provider.describeCard('pm_card_visa')).toEqual({
      brand: 'visa',
      last4: '4242',
      exp_month: 8,
      exp_year: 2031,
    });
    expect(seen.at(-1)?.headers.authorization).toBe('Bearer sk_test_fake');
  });

  it('reads an unknown payment method, or one that is not a card, as undefined', async () => {
    const provider = createStripePaymentProvider({ secretKey: 'sk_test_fake', apiBase: base });
    expect(await provider.describeCard('pm_unknown')).toBeUndefined();
    expect(await provider.describeCard('pm_bank')).toBeUndefined();
  });

  it('lets a Stripe outage fail the call rather than save anything', async () => {
    const provider = createStripePaymentProvider({ secretKey: 'sk_test_fake', apiBase: base });
    await expect(provider.describeCard('pm_down')).rejects.toThrow();
  });
});
