/** Length of the id's random-looking part: 20 characters of [a-z0-9] (≈ 103 bits). */
const ID_LENGTH = 20;

/**
 * The id of the order placed from one version of one owner's cart: `ord_` and 20 characters of
 * [a-z0-9] from the SHA-256 of `${userId}|${cartEtag}`. Two placements of one cart version (a
 * double click, two tabs, a retry with another key) name the same order, so creating its document
 * is the lock: one completion path per cart version.
 */
export async function orderIdOf(userId: string, cartEtag: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${userId}|${cartEtag}`));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `ord_${BigInt(`0x${hex}`).toString(36).padStart(ID_LENGTH, '0').slice(-ID_LENGTH)}`;
}

/**
 * The provider's idempotency key of an order's payment intent: one per placement attempt (each
 * draws a new number). A retry of the same attempt's call gets its intent back; a later attempt of
 * the same cart version gets a new intent, not the one a failed attempt cancelled (the provider
 * replays a key's first answer, so a shared key would hand it that dead intent), nor a refusal
 * because the email or the total changed since.
 */
export const intentKeyOf = (order: { id: string; order_number: string }): string =>
  `order:${order.id}:${order.order_number}`;

/**
 * The largest number a year's order numbers hold: six digits as a rule, up to nine in a year
 * busier than a million orders (the contract's pattern allows them), never a refusal to sell.
 */
export const MAX_ORDER_NUMBER = 999_999_999;

/** The number the shopper sees: `HPH-YYYY-NNNNNN` (more digits past 999,999). */
export function formatOrderNumber(year: number, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > MAX_ORDER_NUMBER) {
    throw new RangeError(`order number ${sequence} of ${year} is outside 1..${MAX_ORDER_NUMBER}`);
  }
  return `HPH-${year}-${String(sequence).padStart(6, '0')}`;
}

/** Whether a path's order reference is an id (`ord_…`) rather than a number (`HPH-…`). */
export const isOrderId = (ref: string): boolean => ref.startsWith('ord_');
