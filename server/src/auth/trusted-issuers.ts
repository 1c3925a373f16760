import type { AccountRole } from '@holiday-peak-hub/contract';
import {
  ownRoleClaim,
  publishedKeys,
  roleClaim,
  type RoleMapping,
  type SigningKey,
  type TrustedIssuer,
} from '@holiday-peak-hub/core';
import type { Config } from '../config.ts';

/** Entra ID app roles (`roles` claim) of the API's app registration; a signed-in user without one is a customer. */
export const ENTRA_APP_ROLES: Readonly<Record<string, AccountRole>> = {
  'HolidayPeakHub.Admin': 'admin',
  'HolidayPeakHub.Staff': 'staff',
};

export const entraRoles: RoleMapping = (claims) => {
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  const mapped = roles.map((r) => (typeof r === 'string' ? ENTRA_APP_ROLES[r] : undefined));
  if (mapped.includes('admin')) return 'admin';
  if (mapped.includes('staff')) return 'staff';
  return 'customer';
};

/** Every issuer whose tokens this API accepts, from configuration. */
export function trustedIssuers(config: Config['jwt'], ownKey: SigningKey): TrustedIssuer[] {
  const list: TrustedIssuer[] = [
    {
      issuer: config.issuer,
      audience: config.audience,
      jwksUri: new URL('/.well-known/jwks.json', config.issuer).href,
      localKeys: publishedKeys(ownKey),
      own: true,
      roleOf: ownRoleClaim,
    },
  ];
  if (config.entra) {
    const base = `https://login.microsoftonline.com/${config.entra.tenantId}`;
    list.push({
      issuer: `${base}/v2.0`,
      audience: config.entra.audience,
      jwksUri: `${base}/discovery/v2.0/keys`,
      roleOf: entraRoles,
    });
  }
  for (const extra of config.trustedIssuers) list.push({ ...extra, roleOf: roleClaim });
  return list;
}
