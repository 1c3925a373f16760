import { MAX_PAYMENT_METHODS, type InputOf, type OperationById, type PaymentMethod } from '@holiday-peak-hub/contract';
import { NotFoundError, UnprocessableError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import { randomToken } from '../platform/random.ts';
import type { PaymentMethodDocument } from './documents.ts';
import { byDefaultThenNewest } from './default-first.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { ProfileService } from './profile-service.ts';

type PaymentMethodInput = InputOf<OperationById<'createPaymentMethod'>>['body'];

function toPaymentMethod(doc: PaymentMethodDocument): PaymentMethod {
  const { id, type, brand, last4, exp_month, exp_year, billing_address_id, is_default, created_at } = doc;
  return { id, type, brand, last4, exp_month, exp_year, billing_address_id, is_default, created_at };
}

/**
 * Saved cards, kept as the provider's PaymentMethod id plus what the provider says about the card
 * (brand, last four, expiry). The contract refuses any body carrying a card number before this runs.
 */
export class PaymentMethodService {
  readonly #deps: IdentityDeps;
  readonly #profiles: ProfileService;

  constructor(deps: IdentityDeps, profiles: ProfileService) {
    this.#deps = deps;
    this.#profiles = profiles;
  }

  async list(caller: Caller): Promise<PaymentMethod[]> {
    const { id } = await this.#profiles.account(caller);
    return (await this.#deps.paymentMethods.list(id)).sort(byDefaultThenNewest).map(toPaymentMethod);
  }

  async create(caller: Caller, input: PaymentMethodInput): Promise<PaymentMethod> {
    const deps = this.#deps;
    const { id: userId } = await this.#profiles.account(caller);
    if (input.billing_address_id !== null && !(await deps.addresses.get(userId, input.billing_address_id))) {
      throw new NotFoundError('Billing address', { billing_address_id: input.billing_address_id });
    }
    const existing = await deps.paymentMethods.list(userId);
    if (existing.length >= MAX_PAYMENT_METHODS) {
      throw new UnprocessableError(`At most ${MAX_PAYMENT_METHODS} saved cards`, { limit: MAX_PAYMENT_METHODS });
    }
    const card = await deps.payments.describeCard(input.provider_token);
    if (!card) {
      throw new UnprocessableError('The payment provider does not know this payment method', {
        field: 'provider_token',
      });
    }
    const now = deps.clock().toISOString();
    const id = `pmt_${randomToken(16)}`;
    const doc: PaymentMethodDocument = {
      id,
      payment_method_id: id,
      user_id: userId,
      type: 'card',
      stripe_payment_method_id: input.provider_token,
      ...card,
      billing_address_id: input.billing_address_id,
      is_default: input.is_default || existing.length === 0,
      created_at: now,
      updated_at: now,
    };
    await deps.paymentMethods.create(doc);
    if (doc.is_default) {
      for (const other of existing) {
        if (other.is_default) await deps.paymentMethods.replace({ ...other, is_default: false, updated_at: now });
      }
    }
    return toPaymentMethod(doc);
  }

  /** Deleting the default makes the newest remaining card the default. */
  async delete(caller: Caller, paymentMethodId: string): Promise<void> {
    const deps = this.#deps;
    const { id: userId } = await this.#profiles.account(caller);
    const current = await deps.paymentMethods.get(userId, paymentMethodId);
    if (!current) throw new NotFoundError('Payment method', { payment_method_id: paymentMethodId });
    await deps.paymentMethods.delete(userId, paymentMethodId);
    if (!current.is_default) return;
    const [next] = (await deps.paymentMethods.list(userId)).sort(byDefaultThenNewest);
    if (next && !next.is_default) {
      await deps.paymentMethods.replace({ ...next, is_default: true, updated_at: deps.clock().toISOString() });
    }
  }
}
