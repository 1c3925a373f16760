import {
  checkAddress,
  MAX_ADDRESSES,
  type Address,
  type InputOf,
  type OperationById,
} from '@holiday-peak-hub/contract';
import { NotFoundError, UnprocessableError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import { randomToken } from '../platform/random.ts';
import type { AddressDocument } from './documents.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { ItemBook, type Shown } from './item-book.ts';
import type { ProfileService } from './profile-service.ts';

type AddressInput = InputOf<OperationById<'createAddress'>>['body'];

function toAddress(doc: Shown<AddressDocument>): Address {
  const { id, type, is_default, created_at, updated_at, name, line1, line2, city, state, postal_code, country, phone } =
    doc;
  return { id, name, line1, line2, city, state, postal_code, country, phone, type, is_default, created_at, updated_at };
}

/** 422 naming every bad field, else the address as it will be stored. */
function normalized(input: AddressInput) {
  const check = checkAddress(input);
  if (!check.valid)
    throw new UnprocessableError("The address does not pass its country's rules", { issues: check.issues });
  return check.normalized;
}

const tooMany = () =>
  new UnprocessableError(`An address book holds at most ${MAX_ADDRESSES} addresses`, { limit: MAX_ADDRESSES });

const notFound = (addressId: string) => () => new NotFoundError('Address', { address_id: addressId });

/**
 * The address book: at most MAX_ADDRESSES a user, exactly one default while there is any. Both
 * rules hold under concurrent requests: they are checked and kept on the owner's roster, written
 * conditionally (`ItemBook`).
 */
export class AddressService {
  readonly #deps: IdentityDeps;
  readonly #profiles: ProfileService;
  readonly #book: ItemBook<AddressDocument>;

  constructor(deps: IdentityDeps, profiles: ProfileService) {
    this.#deps = deps;
    this.#profiles = profiles;
    this.#book = new ItemBook(deps.addresses);
  }

  async list(caller: Caller): Promise<Address[]> {
    const { id } = await this.#profiles.account(caller);
    return (await this.#book.list(id)).map(toAddress);
  }

  async create(caller: Caller, input: AddressInput): Promise<Address> {
    const { id: userId } = await this.#profiles.account(caller);
    const fields = normalized(input);
    const rules = { makeDefault: input.is_default, limit: MAX_ADDRESSES, refuse: tooMany };
    const created = await this.#book.add(userId, rules, () => {
      const now = this.#deps.clock().toISOString();
      const id = `adr_${randomToken(16)}`;
      return {
        id,
        address_id: id,
        user_id: userId,
        ...fields,
        type: input.type,
        created_at: now,
        updated_at: now,
      };
    });
    return toAddress(created);
  }

  /** Replaces the fields; `is_default: true` also makes it the default (false never takes that away). */
  async update(caller: Caller, addressId: string, input: AddressInput): Promise<Address> {
    const { is_default: wasDefault, ...current } = await this.#get(caller, addressId);
    const fields = normalized(input);
    const now = this.#deps.clock().toISOString();
    const doc: AddressDocument = { ...current, ...fields, type: input.type, updated_at: now };
    await this.#deps.addresses.replace(doc);
    if (input.is_default) return toAddress(await this.#book.makeDefault(doc, now, notFound(addressId)));
    return toAddress({ ...doc, is_default: wasDefault });
  }

  async setDefault(caller: Caller, addressId: string): Promise<Address> {
    const current = await this.#get(caller, addressId);
    const now = this.#deps.clock().toISOString();
    return toAddress(await this.#book.makeDefault(current, now, notFound(addressId)));
  }

  /**
   * Deleting the default makes the newest remaining address the default; saved cards billed to the
   * deleted address keep no billing address (no id pointing at nothing).
   */
  async delete(caller: Caller, addressId: string): Promise<void> {
    const current = await this.#get(caller, addressId);
    const now = this.#deps.clock().toISOString();
    await this.#book.remove(current.user_id, addressId, now, notFound(addressId));
    for (const card of await this.#deps.paymentMethods.list(current.user_id)) {
      if (card.billing_address_id === addressId) {
        await this.#deps.paymentMethods.replace({ ...card, billing_address_id: null, updated_at: now });
      }
    }
  }

  async #get(caller: Caller, addressId: string): Promise<Shown<AddressDocument>> {
    const { id: userId } = await this.#profiles.account(caller);
    const doc = await this.#book.get(userId, addressId);
    if (!doc) throw notFound(addressId)();
    return doc;
  }
}
