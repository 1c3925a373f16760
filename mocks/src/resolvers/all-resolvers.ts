import type { OperationId } from '@holiday-peak-hub/contract';
import { bannerResolvers } from './banners.ts';
import { categoryResolvers } from './categories.ts';
import { publicProductResolvers } from './products-public.ts';
import { staffProductResolvers } from './products-staff.ts';
import { systemResolvers } from './system.ts';
import type { ResolversFor } from './types.ts';

/** A resolver for every operation of the contract: the type fails to check when one is missing. */
export const resolvers: ResolversFor<OperationId> = {
  ...systemResolvers,
  ...publicProductResolvers,
  ...staffProductResolvers,
  ...categoryResolvers,
  ...bannerResolvers,
};
