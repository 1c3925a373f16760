import type { OperationId } from '@holiday-peak-hub/contract';
import { addressResolvers } from './addresses.ts';
import { adminUserResolvers } from './admin-users.ts';
import { emailLinkResolvers } from './auth-email-links.ts';
import { signInResolvers } from './auth-sign-in.ts';
import { socialResolvers } from './auth-social.ts';
import { bannerResolvers } from './banners.ts';
import { categoryResolvers } from './categories.ts';
import { paymentMethodResolvers } from './payment-methods.ts';
import { publicProductResolvers } from './products-public.ts';
import { staffProductResolvers } from './products-staff.ts';
import { profileResolvers } from './profile.ts';
import { systemResolvers } from './system.ts';
import type { ResolversFor } from './types.ts';

/** A resolver for every operation of the contract: the type fails to check when one is missing. */
export const resolvers: ResolversFor<OperationId> = {
  ...systemResolvers,
  ...publicProductResolvers,
  ...staffProductResolvers,
  ...categoryResolvers,
  ...bannerResolvers,
  ...signInResolvers,
  ...socialResolvers,
  ...emailLinkResolvers,
  ...profileResolvers,
  ...addressResolvers,
  ...paymentMethodResolvers,
  ...adminUserResolvers,
};
