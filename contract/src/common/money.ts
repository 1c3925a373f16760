import * as z from 'zod';

export const CurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .meta({ id: 'Currency', description: 'ISO 4217 currency code.', example: 'USD' });

/** An amount in major units with at most two decimals (1199.00 = $1,199.00), as in the design document. */
export const AmountSchema = z
  .number()
  .min(0)
  .max(10_000_000)
  .multipleOf(0.01)
  .meta({ description: 'Amount in major currency units, two decimals at most.', example: 1199 });

/** An amount in a currency, as the catalog's prices carry them (`{ amount, currency }`). */
export const MoneySchema = z
  .strictObject({ amount: AmountSchema, currency: CurrencySchema })
  .meta({ id: 'Money', example: { amount: 10, currency: 'USD' } });

export type Money = z.infer<typeof MoneySchema>;
