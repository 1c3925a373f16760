import { AddressService } from './address-service.ts';
import { AdminUserService } from './admin-user-service.ts';
import { AuthService } from './auth-service.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { PaymentMethodService } from './payment-method-service.ts';
import { ProfileService } from './profile-service.ts';

export interface IdentityServices {
  auth: AuthService;
  profiles: ProfileService;
  addresses: AddressService;
  paymentMethods: PaymentMethodService;
  admin: AdminUserService;
}

export function createIdentityServices(deps: IdentityDeps): IdentityServices {
  const auth = new AuthService(deps);
  const profiles = new ProfileService(deps);
  return {
    auth,
    profiles,
    addresses: new AddressService(deps, profiles),
    paymentMethods: new PaymentMethodService(deps, profiles),
    admin: new AdminUserService(deps, auth),
  };
}
