import { MAX_PAYMENT_METHODS, type PaymentMethod } from '@holiday-peak-hub/contract';
import { MockHttpError, notFound } from '../http/mock-error.ts';
import { stripeTestCard } from '@holiday-peak-hub/contract/fixtures';
import { accountOf, defaultFirst, paymentMethodOr404, promoteLatest } from './identity-lookups.ts';
import type { ResolversFor } from './types.ts';

type PaymentMethodOps = 'listPaymentMethods' | 'createPaymentMethod' | 'deletePaymentMethod';

export const paymentMethodResolvers: ResolversFor<PaymentMethodOps> = {
  listPaymentMethods: ({ store, userId }) => ({
    status: 200,
    body: { items: defaultFirst(accountOf(store, userId).paymentMethods) },
  }),

  createPaymentMethod: ({ input: { body }, store, userId }) => {
    const account = accountOf(store, userId);
    const billing = body.billing_address_id;
    if (billing !== null && !account.addresses.some((address) => address.id === billing)) {
      throw notFound('Billing address', { billing_address_id: billing });
    }
    if (account.paymentMethods.length >= MAX_PAYMENT_METHODS) {
      throw new MockHttpError('UNPROCESSABLE_ENTITY', `At most ${MAX_PAYMENT_METHODS} saved cards`, {
        limit: MAX_PAYMENT_METHODS,
      });
    }
    const card = stripeTestCard(body.provider_token, store.now());
    if (!card) {
      throw new MockHttpError('UNPROCESSABLE_ENTITY', 'The payment provider does not know this payment method', {
        field: 'provider_token',
      });
    }
    const method: PaymentMethod = {
      id: store.identity.nextId('pmt'),
      type: 'card',
      ...card,
      billing_address_id: billing,
      is_default: false,
      created_at: store.now().toISOString(),
    };
    account.paymentMethods.push(method);
    if (body.is_default || account.paymentMethods.length === 1) {
      for (const other of account.paymentMethods) other.is_default = other === method;
    }
    return { status: 201, body: method };
  },

  deletePaymentMethod: ({ input: { params }, store, userId }) => {
    const account = accountOf(store, userId);
    const method = paymentMethodOr404(account, params.id);
    account.paymentMethods = account.paymentMethods.filter((other) => other !== method);
    promoteLatest(account.paymentMethods);
    return { status: 204, body: undefined };
  },
};
