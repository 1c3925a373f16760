import * as z from 'zod';
import { MoneySchema } from '../common/money.ts';
import { fromMinor } from '../common/minor-units.ts';

/*
 * Shipping: one rate table and one rule for delivery dates, for the server, the mocks and clients.
 * Rates are by the destination's zone and the service level; standard shipping is free inside the
 * US from a subtotal of 100 USD. Delivery dates are `now` plus business days (Monday to Friday,
 * UTC), so every implementation answers the same dates at the same instant.
 */

export const SHIPPING_CURRENCY = 'USD';
/** Standard shipping inside the US is free from this subtotal (minor units): 100.00 USD. */
export const FREE_STANDARD_SHIPPING_MINOR = 10_000;

export const ShippingServiceLevelSchema = z
  .enum(['standard', 'express', 'overnight'])
  .meta({ id: 'ShippingServiceLevel', description: 'Also the option id.' });
export type ShippingServiceLevel = z.infer<typeof ShippingServiceLevelSchema>;

interface Rate {
  carrier: string;
  /** Price in minor units (USD). */
  price: number;
  /** Business days from now: the earliest and the latest delivery. */
  days: [number, number];
}

type Zone = 'domestic' | 'north_america' | 'europe';

/** The zone of each country shipped to (ISO 3166-1 alpha-2). */
export const SHIPPING_ZONES: Readonly<Record<string, Zone>> = {
  US: 'domestic',
  CA: 'north_america',
  MX: 'north_america',
  GB: 'europe',
  DE: 'europe',
  FR: 'europe',
};

/** The rate table: per zone, the service levels offered. Overnight is domestic only. */
export const SHIPPING_RATES: Readonly<Record<Zone, Partial<Record<ShippingServiceLevel, Rate>>>> = {
  domestic: {
    standard: { carrier: 'USPS', price: 599, days: [3, 5] },
    express: { carrier: 'UPS', price: 1499, days: [2, 3] },
    overnight: { carrier: 'FedEx', price: 2999, days: [1, 1] },
  },
  north_america: {
    standard: { carrier: 'USPS', price: 1499, days: [5, 8] },
    express: { carrier: 'UPS', price: 2999, days: [3, 4] },
  },
  europe: {
    standard: { carrier: 'DHL', price: 1999, days: [7, 12] },
    express: { carrier: 'DHL', price: 3999, days: [3, 5] },
  },
};

const IsoDate = z.iso.date();

export const ShippingOptionSchema = z
  .strictObject({
    id: ShippingServiceLevelSchema,
    carrier: z.string().meta({ example: 'UPS' }),
    service_level: ShippingServiceLevelSchema,
    price: MoneySchema.meta({ description: 'What this option costs for your cart now (0 when free).' }),
    estimated_delivery: z
      .strictObject({ earliest: IsoDate, latest: IsoDate })
      .meta({ description: 'Delivery dates (UTC), from now plus business days (Monday to Friday).' }),
  })
  .meta({ id: 'ShippingOption' });
export type ShippingOption = z.infer<typeof ShippingOptionSchema>;

export const ShippingCountrySchema = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code')
  .meta({ description: 'ISO 3166-1 alpha-2 country code (any case).', example: 'US' });
export const ShippingPostalCodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/, 'a postal code: 2–12 letters, digits, spaces or hyphens')
  .meta({ example: '94102' });

/** `days` business days (Monday to Friday, UTC) after `now`, as a date. */
export function addBusinessDays(now: Date, days: number): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return date.toISOString().slice(0, 10);
}

/** One option priced in minor units, with its shown form. */
export interface ShippingQuote {
  option: ShippingOption;
  /** The option's price in minor units. */
  priceMinor: number;
}

/**
 * The options for a destination country and a cart subtotal (minor units, USD) at `now`, cheapest
 * first; undefined when the country is not shipped to.
 */
export function shippingQuotes(country: string, subtotalMinor: number, now: Date): ShippingQuote[] | undefined {
  const zone = SHIPPING_ZONES[country.toUpperCase()];
  if (zone === undefined) return undefined;
  const levels = ShippingServiceLevelSchema.options;
  return levels.flatMap((level) => {
    const rate = SHIPPING_RATES[zone][level];
    if (!rate) return [];
    const free = zone === 'domestic' && level === 'standard' && subtotalMinor >= FREE_STANDARD_SHIPPING_MINOR;
    const priceMinor = free ? 0 : rate.price;
    const option: ShippingOption = {
      id: level,
      carrier: rate.carrier,
      service_level: level,
      price: { amount: fromMinor(priceMinor), currency: SHIPPING_CURRENCY },
      estimated_delivery: { earliest: addBusinessDays(now, rate.days[0]), latest: addBusinessDays(now, rate.days[1]) },
    };
    return [{ option, priceMinor }];
  });
}

export const ShippingDestinationSchema = z
  .strictObject({ country: ShippingCountrySchema, postal_code: ShippingPostalCodeSchema })
  .meta({ id: 'ShippingDestination' });

export const ShippingOptionListSchema = z
  .strictObject({
    country: z.string().meta({ description: 'The country, upper-case.', example: 'US' }),
    postal_code: ShippingPostalCodeSchema,
    options: z.array(ShippingOptionSchema).meta({ description: 'Cheapest first.' }),
  })
  .meta({ id: 'ShippingOptionList' });

export const ShippingChoiceSchema = z
  .strictObject({
    country: ShippingCountrySchema,
    postal_code: ShippingPostalCodeSchema,
    option_id: ShippingServiceLevelSchema,
  })
  .meta({ id: 'ShippingChoice', description: 'The destination and the option chosen for it.' });

export const CartShippingSchema = z
  .strictObject({
    country: z.string().meta({ example: 'US' }),
    postal_code: ShippingPostalCodeSchema,
    option: ShippingOptionSchema.meta({ description: 'The option chosen, priced for the cart now.' }),
  })
  .meta({ id: 'CartShipping' });
export type CartShipping = z.infer<typeof CartShippingSchema>;
export type ShippingChoice = z.infer<typeof ShippingChoiceSchema>;
export type ShippingOptionList = z.infer<typeof ShippingOptionListSchema>;
