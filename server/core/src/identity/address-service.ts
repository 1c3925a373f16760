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
import { byDefaultThenNewest } from './default-first.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { ProfileService } from './profile-service.ts';

type AddressInput = InputOf<OperationById<'createAddress'>>['body'];

function toAddress(doc: AddressDocument): Address {
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

/**
 * The address book: at most MAX_ADDRESSES a user, one default. Changing the default writes the
 * new default first, then clears the others, so a failure in between leaves two defaults (and the
 * listing shows the newest), never none.
 */
export class AddressService {
  readonly #deps: IdentityDeps;
  readonly #profiles: ProfileService;

  constructor(deps: IdentityDeps, profiles: ProfileService) {
    this.#deps = deps;
    this.#profiles = profiles;
  }

  async list(caller: Caller): Promise<Address[]> {
    const { id } = await this.#profiles.account(caller);
    return (await this.#deps.addresses.list(id)).sort(byDefaultThenNewest).map(toAddress);
  }

  async create(caller: Caller, input: AddressInput): Promise<Address> {
    const { id: userId } = await this.#profiles.account(caller);
    const fields = normalized(input);
    const existing = await this.#deps.addresses.list(userId);
    if (existing.length >= MAX_ADDRESSES) {
      throw new UnprocessableError(`An address book holds at most ${MAX_ADDRESSES} addresses`, {
        limit: MAX_ADDRESSES,
      });
    }
    const now = this.#deps.clock().toISOString();
    const id = `adr_${randomToken(16)}`;
    const doc: AddressDocument = {
      id,
      address_id: id,
      user_id: userId,
      ...fields,
      type: input.type,
      is_default: input.is_default || existing.length === 0,
      created_at: now,
      updated_at: now,
    };
    await this.#deps.addresses.create(doc);
    if (doc.is_default) await this.#clearOtherDefaults(existing, id, now);
    return toAddress(doc);
  }

  async update(caller: Caller, addressId: string, input: AddressInput): Promise<Address> {
    const current = await this.#get(caller, addressId);
    const fields = normalized(input);
    const now = this.#deps.clock().toISOString();
    const doc: AddressDocument = {
      ...current,
      ...fields,
      type: input.type,
      is_default: current.is_default || input.is_default,
      updated_at: now,
    };
    await this.#deps.addresses.replace(doc);
    if (doc.is_default && !current.is_default) {
      await this.#clearOtherDefaults(await this.#deps.addresses.list(current.user_id), addressId, now);
    }
    return toAddress(doc);
  }

  async setDefault(caller: Caller, addressId: string): Promise<Address> {
    const current = await this.#get(caller, addressId);
    const now = this.#deps.clock().toISOString();
    const doc = current.is_default ? current : { ...current, is_default: true, updated_at: now };
    if (!current.is_default) await this.#deps.addresses.replace(doc);
    await this.#clearOtherDefaults(await this.#deps.addresses.list(current.user_id), addressId, now);
    return toAddress(doc);
  }

  /**
   * Deleting the default makes the newest remaining address the default; saved cards billed to the
   * deleted address keep no billing address (no id pointing at nothing).
   */
  async delete(caller: Caller, addressId: string): Promise<void> {
    const current = await this.#get(caller, addressId);
    await this.#deps.addresses.delete(current.user_id, addressId);
    const now = this.#deps.clock().toISOString();
    for (const card of await this.#deps.paymentMethods.list(current.user_id)) {
      if (card.billing_address_id === addressId) {
        await this.#deps.paymentMethods.replace({ ...card, billing_address_id: null, updated_at: now });
      }
    }
    if (!current.is_default) return;
    const [next] = (await this.#deps.addresses.list(current.user_id)).sort(byDefaultThenNewest);
    if (next && !next.is_default) await this.#deps.addresses.replace({ ...next, is_default: true, updated_at: now });
  }

  async #get(caller: Caller, addressId: string): Promise<AddressDocument> {
    const { id: userId } = await this.#profiles.account(caller);
    const doc = await this.#deps.addresses.get(userId, addressId);
    if (!doc) throw new NotFoundError('Address', { address_id: addressId });
    return doc;
  }

  async #clearOtherDefaults(items: readonly AddressDocument[], keepId: string, now: string): Promise<void> {
    for (const item of items) {
      if (item.id !== keepId && item.is_default) {
        await this.#deps.addresses.replace({ ...item, is_default: false, updated_at: now });
      }
    }
  }
}
