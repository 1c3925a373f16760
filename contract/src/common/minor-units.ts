/**
 * Money in integer minor units (cents). The API shows amounts in major units with at most two
 * decimals (`AmountSchema`); every computation converts them once, here, and works on integers.
 * Written once, for the server, the mocks and every client.
 */

/** Minor units per major unit of the currencies the catalog sells in (all have two decimals). */
export const MINOR_PER_MAJOR = 100;

/** Tax rates are taken to parts per million: 0.0825 → 82_500. */
export const RATE_SCALE = 1_000_000;

/**
 * The minor units of an amount of at most two decimals, exactly: 1199.99 → 119999. The binary
 * double nearest to such an amount is within far less than half a cent of it below 10^13 cents,
 * so rounding the scaled value recovers the decimal the amount was written as.
 */
export function toMinor(amount: number): number {
  const minor = Math.round(amount * MINOR_PER_MAJOR);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an amount: ${amount}`);
  return minor;
}

/** The amount in major units of a number of minor units (the JSON number shows at most two decimals). */
export function fromMinor(minor: number): number {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not a number of minor units: ${minor}`);
  return minor / MINOR_PER_MAJOR;
}

/** A rate in [0, 1] as parts per million, rounded to the nearest. */
export function toRatePpm(rate: number): number {
  return Math.round(rate * RATE_SCALE);
}

/**
 * `minor × ppm / 10^6`, rounded half up, in exact integer arithmetic (BigInt: the product
 * exceeds 2^53 for large lines).
 */
export function applyRate(minor: number, ppm: number): number {
  const product = BigInt(minor) * BigInt(ppm);
  const scale = BigInt(RATE_SCALE);
  return Number((product * 2n + scale) / (scale * 2n));
}
