import * as z from 'zod';
import { AddressIdSchema } from '../ids.ts';
import { ADDRESS_RULE_COUNTRIES } from '../address-rules.ts';
import { lineText, shortText } from '../../common/text.ts';
import { Timestamp } from './fields.ts';

const AddressText = shortText;

/** The fields of a postal address, as sent; rules per country are checked by `checkAddress`. */
const addressFieldShape = {
  name: AddressText(100),
  line1: AddressText(200),
  line2: z.union([lineText(200), z.null()]).default(null),
  city: AddressText(100),
  state: z
    .union([lineText(50), z.null()])
    .default(null)
    .meta({
      description: 'State, province or region; required (as a code) in the US and Canada.',
    }),
  postal_code: AddressText(20),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code')
    .meta({
      description: `ISO 3166-1 alpha-2. Specific state and postal-code rules for ${ADDRESS_RULE_COUNTRIES.join(', ')}.`,
      example: 'US',
    }),
  phone: z.union([lineText(32), z.null()]).default(null),
};

const ADDRESS_EXAMPLE = {
  name: 'Jane Doe',
  line1: '123 Main St',
  line2: 'Apt 4B',
  city: 'San Francisco',
  state: 'CA',
  postal_code: '94102',
  country: 'US',
  phone: '+14155550123',
};

export const AddressFieldsSchema = z
  .strictObject(addressFieldShape)
  .meta({ id: 'AddressFields', example: ADDRESS_EXAMPLE });

export const AddressTypeSchema = z.enum(['shipping', 'billing']).meta({ id: 'AddressType' });

export const AddressInputSchema = z
  .strictObject({
    ...addressFieldShape,
    type: AddressTypeSchema.default('shipping'),
    is_default: z.boolean().default(false),
  })
  .meta({ id: 'AddressInput', example: { ...ADDRESS_EXAMPLE, type: 'shipping', is_default: true } });

const NormalizedAddress = z.strictObject({
  name: z.string(),
  line1: z.string(),
  line2: z.union([z.string(), z.null()]),
  city: z.string(),
  state: z.union([z.string(), z.null()]),
  postal_code: z.string(),
  country: z.string(),
  phone: z.union([z.string(), z.null()]),
});

export const AddressSchema = NormalizedAddress.extend({
  id: AddressIdSchema,
  type: AddressTypeSchema,
  is_default: z.boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
}).meta({ id: 'Address' });

export const AddressListSchema = z.strictObject({ items: z.array(AddressSchema) }).meta({ id: 'AddressList' });

export const AddressIssueSchema = z
  .strictObject({ field: z.string(), message: z.string() })
  .meta({ id: 'AddressIssue' });

export const AddressValidationSchema = z
  .strictObject({
    valid: z.boolean(),
    normalized: z.union([NormalizedAddress, z.null()]).meta({
      description: 'The address as it will be stored (codes upper-cased, postal code canonical); `null` when invalid.',
    }),
    issues: z.array(AddressIssueSchema),
  })
  .meta({ id: 'AddressValidation' });

export const MAX_ADDRESSES = 20;

export type Address = z.infer<typeof AddressSchema>;
