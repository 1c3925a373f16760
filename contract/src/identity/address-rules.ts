import type * as z from 'zod';
import type { AddressFieldsSchema } from './schemas/address.ts';

/**
 * Postal address rules per country, shared by the server and the mocks: what a valid address looks
 * like, and its normalised form (upper-case state and country codes, canonical postal code).
 * Countries without specific rules need the common fields only.
 */
export type AddressFields = z.output<typeof AddressFieldsSchema>;

export interface AddressIssue {
  field: keyof AddressFields;
  message: string;
}

export type AddressCheck = { valid: true; normalized: AddressFields } | { valid: false; issues: AddressIssue[] };

/** USPS codes of the states, DC, the territories and the armed forces addresses. */
export const US_STATES = new Set(
  (
    'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK ' +
    'OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP AA AE AP'
  ).split(' '),
);
export const CA_PROVINCES = new Set('AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' '));

interface CountryRule {
  /** The subdivision (state, province) is required and must be one of these codes. */
  states?: ReadonlySet<string>;
  stateLabel?: string;
  postal: RegExp;
  postalExample: string;
  /** The canonical way to write a postal code that matched `postal`. */
  formatPostal(code: string): string;
}

const compact = (code: string) => code.replace(/\s+/g, '').toUpperCase();

const RULES: Readonly<Record<string, CountryRule>> = {
  US: {
    states: US_STATES,
    stateLabel: 'a US state code (e.g. CA)',
    postal: /^\d{5}(?:-?\d{4})?$/,
    postalExample: '94102 or 94102-1234',
    formatPostal: (code) => {
      const digits = code.replace(/\D/g, '');
      return digits.length === 9 ? `${digits.slice(0, 5)}-${digits.slice(5)}` : digits;
    },
  },
  CA: {
    states: CA_PROVINCES,
    stateLabel: 'a Canadian province or territory code (e.g. ON)',
    postal: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i,
    postalExample: 'K1A 0B1',
    formatPostal: (code) => {
      const c = compact(code);
      return `${c.slice(0, 3)} ${c.slice(3)}`;
    },
  },
  GB: {
    postal: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i,
    postalExample: 'SW1A 1AA',
    formatPostal: (code) => {
      const c = compact(code);
      return `${c.slice(0, -3)} ${c.slice(-3)}`;
    },
  },
  DE: { postal: /^\d{5}$/, postalExample: '10115', formatPostal: compact },
  FR: { postal: /^\d{5}$/, postalExample: '75001', formatPostal: compact },
};

/** Countries with specific rules; any other ISO 3166-1 alpha-2 code gets the common checks only. */
export const ADDRESS_RULE_COUNTRIES = Object.keys(RULES);

const collapse = (text: string) => text.trim().replace(/\s+/g, ' ');
const PHONE = /^\+[1-9]\d{6,14}$/;

/** Checks an address against its country's rules; the normalised form when it passes. */
export function checkAddress(input: AddressFields): AddressCheck {
  const issues: AddressIssue[] = [];
  const country = input.country.trim().toUpperCase();
  const rule = RULES[country];
  const state = input.state === null ? null : collapse(input.state).toUpperCase();
  const postal = collapse(input.postal_code);

  if (!/^[A-Z]{2}$/.test(country)) issues.push({ field: 'country', message: 'an ISO 3166-1 alpha-2 country code' });
  if (rule?.states) {
    if (state === null || state === '') issues.push({ field: 'state', message: `required: ${rule.stateLabel}` });
    else if (!rule.states.has(state)) issues.push({ field: 'state', message: `not ${rule.stateLabel}` });
  }
  if (rule && !rule.postal.test(postal)) {
    issues.push({ field: 'postal_code', message: `not a ${country} postal code (e.g. ${rule.postalExample})` });
  }
  const phone = input.phone === null ? null : input.phone.replace(/[\s().-]/g, '');
  if (phone !== null && !PHONE.test(phone)) {
    issues.push({ field: 'phone', message: 'an international number: + then 7–15 digits' });
  }
  if (issues.length > 0) return { valid: false, issues };

  const line2 = input.line2 === null ? null : collapse(input.line2);
  return {
    valid: true,
    normalized: {
      name: collapse(input.name),
      line1: collapse(input.line1),
      line2: line2 === '' ? null : line2,
      city: collapse(input.city),
      state: state === '' ? null : state,
      postal_code: rule ? rule.formatPostal(postal) : postal.toUpperCase(),
      country,
      phone,
    },
  };
}
