import * as z from 'zod';

const token = (prefix: string) => new RegExp(`^${prefix}_[a-z0-9]{16}$`);

export const USER_ID_PATTERN = token('usr');
export const GUEST_ID_PATTERN = token('gst');

export const UserIdSchema = z
  .string()
  .regex(USER_ID_PATTERN, 'not a user id (expected usr_ and 16 lower-case letters or digits)')
  .meta({ id: 'UserId', example: 'usr_4k2m9q7x1w3e5r8t' });

export const AddressIdSchema = z
  .string()
  .regex(token('adr'), 'not an address id (expected adr_ and 16 lower-case letters or digits)')
  .meta({ id: 'AddressId', example: 'adr_7h3k9m2q4x8w1e5r' });

export const PaymentMethodIdSchema = z
  .string()
  .regex(token('pmt'), 'not a payment method id (expected pmt_ and 16 lower-case letters or digits)')
  .meta({ id: 'PaymentMethodId', example: 'pmt_2x8w1e5r7h3k9m4q' });
