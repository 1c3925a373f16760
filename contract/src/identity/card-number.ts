/**
 * Card numbers must never reach the API: payment methods are saved as provider tokens only
 * (PCI DSS keeps raw PANs off our systems). A request whose body carries anything that looks like
 * a card number (13–19 digits, optionally grouped by spaces or dashes, passing the Luhn check) is
 * refused before it is stored or logged.
 */
const CANDIDATE = /(?:\d[ -]?){12,18}\d/g;

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** True when the text contains a Luhn-valid 13–19 digit number. */
export function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return true;
  }
  return false;
}

/** Paths of every string or number in a JSON value that carries a card number. */
export function cardNumberPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string' || typeof value === 'number') {
    return containsCardNumber(String(value)) ? [path.join('.')] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => cardNumberPaths(item, [...path, String(i)]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => cardNumberPaths(item, [...path, key]));
  }
  return [];
}
