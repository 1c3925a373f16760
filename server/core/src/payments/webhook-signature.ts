import { constantTimeEqual } from '../platform/random.ts';
import { WebhookSignatureError } from './errors.ts';

/** Stripe's default: a signature older (or newer) than five minutes is refused, against replays. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A `Stripe-Signature` header for a body: `t=<seconds>,v1=<HMAC-SHA256 of "t.body">`, Stripe's scheme. */
export async function signWebhookPayload(payload: string, secret: string, timestampSeconds: number): Promise<string> {
  return `t=${timestampSeconds},v1=${await hmacHex(secret, `${timestampSeconds}.${payload}`)}`;
}

/**
 * Checks a `Stripe-Signature` header as Stripe's libraries do (Web Crypto, so it runs in browsers
 * too): one of its `v1` signatures matches the body and its timestamp is within the tolerance.
 */
export async function verifyWebhookSignature(
  payload: string,
  header: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): Promise<void> {
  const pairs = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(pairs.find(([name]) => name === 't')?.[1] ?? Number.NaN);
  const signatures = pairs.filter(([name, value]) => name === 'v1' && value).map(([, value]) => value ?? '');
  if (!Number.isInteger(timestamp) || signatures.length === 0) {
    throw new WebhookSignatureError('The Stripe-Signature header has no timestamp or v1 signature');
  }
  const expected = await hmacHex(secret, `${timestamp}.${payload}`);
  if (!signatures.some((signature) => constantTimeEqual(signature, expected))) {
    throw new WebhookSignatureError('The webhook signature does not match its body');
  }
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    throw new WebhookSignatureError('The webhook signature is outside the tolerance window');
  }
}
