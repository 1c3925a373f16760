import { defineDomain } from '../domain.ts';
import { promotionOperations } from './operations/promotion-operations.ts';

export const promotionsDomain = defineDomain({
  name: 'promotions',
  tags: [
    {
      name: 'Promotions',
      description:
        'Staff: promo codes (percent, fixed amount, free shipping) with a validity window, a minimum subtotal, usage limits and category restrictions. Checkout applies them.',
    },
  ],
  operations: promotionOperations,
});
