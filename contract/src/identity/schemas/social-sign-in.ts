import * as z from 'zod';
import { TokenDeliverySchema } from './session.ts';

/* Sign-in with a Microsoft or Google ID token. */

export const SOCIAL_PROVIDERS = ['microsoft', 'google'] as const;
export const SocialProviderSchema = z.enum(SOCIAL_PROVIDERS).meta({ id: 'SocialProvider' });

export const SocialSignInSchema = z
  .strictObject({
    id_token: z.string().min(20).max(8192).meta({
      description:
        "The provider's OpenID Connect ID token for this app (MSAL's `idToken`, Google Identity Services' `credential`).",
    }),
    token_delivery: TokenDeliverySchema,
  })
  .meta({ id: 'SocialSignIn' });

export const AuthProviderSchema = z
  .strictObject({
    provider: SocialProviderSchema,
    issuer: z.string().meta({ description: 'The OpenID Connect issuer (authority) to sign in with.' }),
    client_id: z.string().meta({ description: 'The client id ID tokens must be issued to.' }),
    scopes: z.array(z.string()).meta({ example: ['openid', 'profile', 'email'] }),
  })
  .meta({ id: 'AuthProvider' });

export const AuthProviderListSchema = z.strictObject({ items: z.array(AuthProviderSchema) }).meta({
  id: 'AuthProviderList',
  description: 'The sign-in providers this deployment accepts, with what a client needs to use them.',
});

export type SocialProvider = z.infer<typeof SocialProviderSchema>;
export type AuthProvider = z.infer<typeof AuthProviderSchema>;
