import { MAX_PAYMENT_METHODS, type InputOf, type OperationById, type PaymentMethod } from '@holiday-peak-hub/contract';
import { NotFoundError, UnprocessableError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import { randomToken } from '../platform/random.ts';
import type { AddressDocument, PaymentMethodDocument } from './documents.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { ItemBook, type Shown } from './item-book.ts';
import type { ProfileService } from './profile-service.ts';

type PaymentMethodInput = InputOf<OperationById<'createPaymentMethod'>>['body'];

function toPaymentMethod(doc: Shown<PaymentMethodDocument>): PaymentMethod {
  const { id, type, brand, last4, exp_month, exp_year, billing_address_id, is_default, created_at } = doc;
  return { id, type, brand, last4, exp_month, exp_year, billing_address_id, is_default, created_at };
}

const tooMany = () =>
  new UnprocessableError(`At most ${MAX_PAYMENT_METHODS} saved cards`, { limit: MAX_PAYMENT_METHODS });

/**
 * Saved cards, kept as the provider's PaymentMethod id plus what the provider says about the card
 * (brand, last four, expiry). The contract refuses any body carrying a card number before this runs.
 * At most MAX_PAYMENT_METHODS a user and exactly one default while there is any, under concurrent
 * requests too (the owner's roster, written conditionally: `ItemBook`).
 */
export class PaymentMethodService {
  readonly #deps: IdentityDeps;
  readonly #profiles: ProfileService;
  readonly #cards: ItemBook<PaymentMethodDocument>;
  readonly #addresses: ItemBook<AddressDocument>;

  constructor(deps: IdentityDeps, profiles: ProfileService) {
    this.#deps = deps;
    this.#profiles = profiles;
    this.#cards = new ItemBook(deps.paymentMethods);
    this.#addresses = new ItemBook(deps.addresses);
  }

  async list(caller: Caller): Promise<PaymentMethod[]> {
    const { id } = await this.#profiles.account(caller);
    return (await this.#cards.list(id)).map(toPaymentMethod);
  }

  async create(caller: Caller, input: PaymentMethodInput): Promise<PaymentMethod> {
    const deps = this.#deps;
    const { id: userId } = await this.#profiles.account(caller);
    if (input.billing_address_id !== null && !(await this.#addresses.get(userId, input.billing_address_id))) {
      throw new NotFoundError('Billing address', { billing_address_id: input.billing_address_id });
    }
    const rules = { makeDefault: input.is_default, limit: MAX_PAYMENT_METHODS, refuse: tooMany };
    const created = await this.#cards.add(userId, rules, async () => {
      const card = await deps.payments.describeCard(input.provider_token);
      if (!card) {
        throw new UnprocessableError('The payment provider does not know this payment method', {
          field: 'provider_token',
        });
      }
      const now = deps.clock().toISOString();
      const id = `pmt_${randomToken(16)}`;
      return {
        id,
        payment_method_id: id,
        user_id: userId,
        type: 'card' as const,
        stripe_payment_method_id: input.provider_token,
        ...card,
        billing_address_id: input.billing_address_id,
        created_at: now,
        updated_at: now,
      };
    });
    return toPaymentMethod(created);
  }

  /** Deleting the default makes the newest remaining card the default. */
  async delete(caller: Caller, paymentMethodId: string): Promise<void> {
    const deps = this.#deps;
    const { id: userId } = await this.#profiles.account(caller);
    const notFound = () => new NotFoundError('Payment method', { payment_method_id: paymentMethodId });
    if (!(await this.#cards.get(userId, paymentMethodId))) throw notFound();
    await this.#cards.remove(userId, paymentMethodId, deps.clock().toISOString(), notFound);
  }
}
