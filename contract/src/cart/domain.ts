import { defineDomain } from '../domain.ts';
import { cartOperations } from './operations.ts';

export const cartDomain = defineDomain({
  name: 'cart',
  tags: [
    {
      name: 'Cart',
      description:
        "A guest's or a customer's cart (page 7), priced from the catalog at every read, merged into the customer's on sign-in.",
    },
    {
      name: 'Checkout',
      description:
        "Checkout steps on the caller's cart (page 7): a promo code evaluated against the cart as priced now, shown in the cart's totals.",
    },
  ],
  operations: cartOperations,
});
