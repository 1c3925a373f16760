import type { Cart, CartShipping, OrderPlace } from '@holiday-peak-hub/contract';
import { AppError, UnprocessableError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import type { RedeemRefusal } from '../promotions/ports.ts';
import { REFUSAL_CODES } from '../promotions/refusals.ts';

/* What refuses a placement before anything is taken: the cart as priced now, the address, the email. */

/** A cart that can be placed: lines, all priced, and a shipping option chosen. */
export type PlaceableCart = Cart & { shipping: CartShipping };

const postalKey = (code: string) => code.replace(/\s+/g, '').toLowerCase();

/**
 * 422 with `details.reason` when the cart cannot be placed as it is now: `cart_empty`,
 * `cart_has_issues` (with the lines), `shipping_not_chosen`, `shipping_address_mismatch` (the
 * address is not where the option was chosen for: country, postal code ignoring case and spaces).
 */
export function checkPlaceable(cart: Cart, body: OrderPlace): PlaceableCart {
  if (cart.items.length === 0) throw new UnprocessableError('Your cart is empty', { reason: 'cart_empty' });
  // A line only short of stock goes on to the reservation, which answers 409 INSUFFICIENT_STOCK with the units left
  // (the stock may have come back since the cart was priced); a line that cannot be bought at all is refused here.
  const issues = cart.items.filter((line) => line.issues.some((issue) => issue !== 'insufficient_stock'));
  if (issues.length > 0) {
    throw new UnprocessableError('Some lines of your cart cannot be bought as they are', {
      reason: 'cart_has_issues',
      lines: issues.map((line) => ({
        id: line.id,
        product_id: line.product_id,
        variant_id: line.variant_id,
        issues: line.issues,
        available_quantity: line.available_quantity,
      })),
    });
  }
  const { shipping } = cart;
  if (shipping === null) {
    throw new UnprocessableError('Choose a shipping option first (PUT /api/checkout/shipping)', {
      reason: 'shipping_not_chosen',
    });
  }
  const address = body.shipping_address;
  if (
    address.country.toUpperCase() !== shipping.country.toUpperCase() ||
    postalKey(address.postal_code) !== postalKey(shipping.postal_code)
  ) {
    throw new UnprocessableError('The shipping address is not where the shipping option was chosen for', {
      field: 'shipping_address',
      reason: 'shipping_address_mismatch',
      chosen: { country: shipping.country, postal_code: shipping.postal_code },
    });
  }
  return { ...cart, shipping };
}

/** The applied code evaluated again as the cart was read: its refusal now is that `PROMO_*` 422. */
export function checkPromo(cart: Cart): void {
  if (cart.promo_code !== null && cart.promo_issue !== null) {
    throw new AppError(cart.promo_issue, 'The promo code on your cart does not apply now', {
      code: cart.promo_code,
    });
  }
}

/** The order's email: the account's for customers (else the one sent), the one sent for guests (422 without). */
export function orderEmailOf(caller: Caller, body: OrderPlace): string {
  const email = (caller.role === 'guest' ? null : caller.email) ?? body.email;
  if (email === undefined) {
    throw new UnprocessableError('Send the email the receipt and tracking go to', {
      field: 'email',
      reason: 'email_required',
    });
  }
  return email;
}

/**
 * Whose uses of a code an order counts in the ledger: the account, or a guest's email — as a
 * SHA-256 digest (`email:<hex>`), so neither the ledger nor the order keeps the address itself
 * (an erased account's orders lose it; the count of uses stays).
 */
export async function promoCustomerKeyOf(customerId: string | null, email: string): Promise<string> {
  if (customerId !== null) return customerId;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(email.toLowerCase()));
  return `email:${Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

const REDEEM_MESSAGES: Record<RedeemRefusal, string> = {
  unknown_or_inactive: 'This promo code does not exist or is no longer active',
  not_yet_valid: 'This promo code is not valid yet',
  expired: 'This promo code has expired',
  total_limit_reached: 'This promo code has been used as many times as it may be',
  customer_limit_reached: 'You have already used this promo code as many times as a customer may',
};

/** The `PROMO_*` 422 of a use the ledger refused, with the code the cart gives for the same reason. */
export function redeemRefusalError(code: string, reason: RedeemRefusal): AppError {
  return new AppError(REFUSAL_CODES[reason], REDEEM_MESSAGES[reason], { code, reason });
}
