import { AddressService } from './address-service.ts';
import { AdminUserService } from './admin-user-service.ts';
import { EmailLinkService } from './email-link-service.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { PaymentMethodService } from './payment-method-service.ts';
import { ProfileService } from './profile-service.ts';
import { SignInService } from './sign-in-service.ts';
import { SignUpService } from './sign-up-service.ts';
import { SocialSignInService } from './social-sign-in-service.ts';

export interface IdentityServices {
  signUp: SignUpService;
  signIn: SignInService;
  social: SocialSignInService;
  emailLinks: EmailLinkService;
  profiles: ProfileService;
  addresses: AddressService;
  paymentMethods: PaymentMethodService;
  admin: AdminUserService;
}

export function createIdentityServices(deps: IdentityDeps): IdentityServices {
  const profiles = new ProfileService(deps);
  return {
    signUp: new SignUpService(deps),
    signIn: new SignInService(deps),
    social: new SocialSignInService(deps),
    emailLinks: new EmailLinkService(deps),
    profiles,
    addresses: new AddressService(deps, profiles),
    paymentMethods: new PaymentMethodService(deps, profiles),
    admin: new AdminUserService(deps),
  };
}
