import { JSON_MEDIA_TYPE, receivePaymentWebhook, confirmPayment, type Operation } from '@holiday-peak-hub/contract';
import {
  silentLogger,
  type Caller,
  type Handler,
  type HandlerContext,
  type PipelineDeps,
} from '@holiday-peak-hub/core';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { keepRawBody, mountOperation } from './mount-operation.ts';

/** The raw body reaches only the operations that verify a signature over it, byte for byte. */

const staff: Caller = { role: 'staff', userId: 'usr_s', email: null, issuer: 'test', sessionId: 's' };
const pipeline: PipelineDeps = {
  authenticate: () => Promise.resolve(staff),
  logger: silentLogger,
  clock: () => new Date(),
  validateResponses: false,
  limitByIp: () => Promise.resolve({ allowed: true }),
};

function appWith(op: Operation, seen: (rawBody: string | undefined) => void) {
  const app = express();
  const router = express.Router();
  const handler = (({ http }: HandlerContext<Operation>) => {
    seen(http.rawBody);
    return Promise.resolve({ status: 200, body: {} });
  }) as unknown as Handler<Operation>;
  const jsonBody = express.json({ limit: '100kb', strict: true, type: [JSON_MEDIA_TYPE], verify: keepRawBody });
  mountOperation(router, op, handler, { pipeline, jsonBody });
  app.use(router);
  return app;
}

describe('raw bodies', () => {
  it('hands receivePaymentWebhook the body exactly as sent (spacing, key order, unicode)', async () => {
    let raw: string | undefined;
    const body = '{ "type":"payment_intent.succeeded",  "id":"evt_1", "note":"café ✓" }\n';
    const answer = await request(appWith(receivePaymentWebhook as Operation, (r) => (raw = r)))
      .post('/api/payments/webhook')
      .set('Content-Type', 'application/json; charset=utf-8')
      .set('Stripe-Signature', 't=1,v1=00')
      .send(body);
    expect(answer.status).toBe(200);
    expect(raw).toBe(body);
  });

  it('keeps no raw body for other operations', async () => {
    let raw: string | undefined = 'unset';
    await request(appWith(confirmPayment as Operation, (r) => (raw = r)))
      .post('/api/payments/confirm')
      .set('Content-Type', 'application/json')
      .send('{"order_id":"ord_00000000000000000000","payment_method":"pm_card_visa"}');
    expect(raw).toBeUndefined();
  });
});
