import { checkAddress, MAX_ADDRESSES, type Address, type AddressFields } from '@holiday-peak-hub/contract';
import { MockHttpError } from '../http/mock-error.ts';
import type { MockAccount } from '../store/identity-store.ts';
import { accountOf, addressOr404, defaultFirst, promoteLatest } from './identity-lookups.ts';
import type { ResolversFor } from './types.ts';

type AddressOps =
  'listAddresses' | 'createAddress' | 'updateAddress' | 'deleteAddress' | 'setDefaultAddress' | 'validateAddress';

/** The address normalised by the contract's country rules, or 422 naming each bad field. */
function normalized(fields: AddressFields): AddressFields {
  const check = checkAddress(fields);
  if (!check.valid) {
    throw new MockHttpError('UNPROCESSABLE_ENTITY', "The address does not pass its country's rules", {
      issues: check.issues,
    });
  }
  return check.normalized;
}

function fieldsOf(body: AddressFields): AddressFields {
  const { name, line1, line2, city, state, postal_code, country, phone } = body;
  return { name, line1, line2, city, state, postal_code, country, phone };
}

/** Makes `address` the only default of the account. */
function makeDefault(account: MockAccount, address: Address): void {
  for (const other of account.addresses) other.is_default = other === address;
}

export const addressResolvers: ResolversFor<AddressOps> = {
  listAddresses: ({ store, userId }) => ({
    status: 200,
    body: { items: defaultFirst(accountOf(store, userId).addresses) },
  }),

  createAddress: ({ input: { body }, store, userId }) => {
    const account = accountOf(store, userId);
    const fields = normalized(fieldsOf(body));
    if (account.addresses.length >= MAX_ADDRESSES) {
      throw new MockHttpError('UNPROCESSABLE_ENTITY', `At most ${MAX_ADDRESSES} addresses: delete one first`, {
        limit: MAX_ADDRESSES,
      });
    }
    const at = store.now().toISOString();
    const address: Address = {
      ...fields,
      id: store.identity.nextId('adr'),
      type: body.type,
      is_default: false,
      created_at: at,
      updated_at: at,
    };
    account.addresses.push(address);
    if (body.is_default || account.addresses.length === 1) makeDefault(account, address);
    return { status: 201, body: address };
  },

  updateAddress: ({ input: { params, body }, store, userId }) => {
    const account = accountOf(store, userId);
    const current = addressOr404(account, params.id);
    // The default stays the default until another address is made the default.
    Object.assign(current, normalized(fieldsOf(body)), { type: body.type, updated_at: store.now().toISOString() });
    if (body.is_default) makeDefault(account, current);
    return { status: 200, body: current };
  },

  deleteAddress: ({ input: { params }, store, userId }) => {
    const account = accountOf(store, userId);
    const address = addressOr404(account, params.id);
    account.addresses = account.addresses.filter((other) => other !== address);
    promoteLatest(account.addresses);
    // A card billed to the deleted address keeps working, without a billing address.
    for (const method of account.paymentMethods) {
      if (method.billing_address_id === address.id) method.billing_address_id = null;
    }
    return { status: 204, body: undefined };
  },

  setDefaultAddress: ({ input: { params }, store, userId }) => {
    const account = accountOf(store, userId);
    const address = addressOr404(account, params.id);
    if (!address.is_default) {
      makeDefault(account, address);
      address.updated_at = store.now().toISOString();
    }
    return { status: 200, body: address };
  },

  validateAddress: ({ input: { body } }) => {
    const check = checkAddress(body);
    return check.valid
      ? { status: 200, body: { valid: true, normalized: check.normalized, issues: [] } }
      : { status: 200, body: { valid: false, normalized: null, issues: check.issues } };
  },
};
