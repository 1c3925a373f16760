import * as z from 'zod';
import { defineOperation, type Operation } from '../operation.ts';
import type { IdentityEventType } from '../events/identity.ts';
import { ACCOUNT_HOLDERS } from '../common/roles.ts';
import { ETAG_HEADER, IfMatchHeadersSchema } from '../common/headers.ts';
import { AddressIdSchema, PaymentMethodIdSchema } from './ids.ts';
import {
  AccountDeletionSchema,
  AddressFieldsSchema,
  AddressInputSchema,
  AddressListSchema,
  AddressSchema,
  AddressValidationSchema,
  ChangePasswordSchema,
  PasswordConfirmationSchema,
  PaymentMethodCreateSchema,
  PaymentMethodListSchema,
  PaymentMethodSchema,
  PreferencesSchema,
  ProfileUpdateSchema,
  TwoFactorEnabledSchema,
  TwoFactorEnrolmentSchema,
  TwoFactorVerifySchema,
  UserSchema,
  MAX_ADDRESSES,
  MAX_PAYMENT_METHODS,
} from './schemas/index.ts';

const ME = ACCOUNT_HOLDERS;
const versioned = { ETag: ETAG_HEADER };
const addressParams = z.strictObject({ id: AddressIdSchema });

export const getMe = defineOperation({
  operationId: 'getMe',
  method: 'get',
  path: '/api/users/me',
  tags: ['Profile'],
  summary: 'Your account',
  description: 'The signed-in account. Guests have none (403).',
  access: ME,
  responses: { 200: { description: 'The account.', schema: UserSchema, headers: versioned } },
  errors: ['RESOURCE_NOT_FOUND'],
});

export const updateMe = defineOperation({
  operationId: 'updateMe',
  method: 'put',
  path: '/api/users/me',
  tags: ['Profile'],
  summary: 'Update your profile',
  description:
    'Replaces the editable profile fields. Changing the email needs the current password; the new address is unverified until its emailed link is used, the old address is told of the change, and a pending password-reset link stops working. As with sign-up, the answer never tells whether another account uses an address: when one does, the other fields are saved, the account keeps its email, and that address is told by email that someone tried to use it.',
  access: ME,
  request: { headers: IfMatchHeadersSchema, body: ProfileUpdateSchema },
  responses: { 200: { description: 'The updated account.', schema: UserSchema, headers: versioned } },
  errors: ['RESOURCE_NOT_FOUND', 'PRECONDITION_FAILED', 'UNPROCESSABLE_ENTITY'],
  concurrency: 'if-match',
  rateLimited: true,
  publishes: ['UserUpdated'],
});

export const deleteMe = defineOperation({
  operationId: 'deleteMe',
  method: 'delete',
  path: '/api/users/me',
  tags: ['Profile'],
  summary: 'Delete your account',
  description:
    'Erases the account and its personal data (addresses, payment methods, preferences) and signs every session out. Orders are kept for accounting, without personal data.',
  access: ME,
  request: { body: AccountDeletionSchema },
  responses: { 204: { description: 'Deleted.' } },
  errors: ['RESOURCE_NOT_FOUND', 'UNPROCESSABLE_ENTITY'],
  rateLimited: true,
  publishes: ['UserDeleted'],
});

export const changePassword = defineOperation({
  operationId: 'changePassword',
  method: 'put',
  path: '/api/users/me/password',
  tags: ['Profile'],
  summary: 'Change your password',
  description: 'Needs the current password. Every other session of the account is signed out.',
  access: ME,
  request: { body: ChangePasswordSchema },
  responses: { 204: { description: 'Changed.' } },
  errors: ['RESOURCE_NOT_FOUND', 'UNPROCESSABLE_ENTITY'],
  rateLimited: true,
  publishes: ['UserUpdated'],
});

export const enableTwoFactor = defineOperation({
  operationId: 'enableTwoFactor',
  method: 'post',
  path: '/api/users/me/2fa/enable',
  tags: ['Profile'],
  summary: 'Start two-factor enrolment',
  description:
    'Makes a new authenticator secret (needs the current password). Two-factor is on only once `POST /api/users/me/2fa/verify` confirms a first code.',
  access: ME,
  request: { body: PasswordConfirmationSchema },
  responses: { 200: { description: 'Scan the QR code.', schema: TwoFactorEnrolmentSchema } },
  errors: ['RESOURCE_NOT_FOUND', 'CONFLICT', 'UNPROCESSABLE_ENTITY'],
  rateLimited: true,
});

export const verifyTwoFactor = defineOperation({
  operationId: 'verifyTwoFactor',
  method: 'post',
  path: '/api/users/me/2fa/verify',
  tags: ['Profile'],
  summary: 'Confirm two-factor enrolment',
  description: 'Turns two-factor on with a first code, and answers the recovery codes (shown once).',
  access: ME,
  request: { body: TwoFactorVerifySchema },
  responses: { 200: { description: 'Two-factor is on.', schema: TwoFactorEnabledSchema } },
  errors: ['RESOURCE_NOT_FOUND', 'CONFLICT', 'UNPROCESSABLE_ENTITY'],
  rateLimited: true,
  publishes: ['UserUpdated'],
});

export const getPreferences = defineOperation({
  operationId: 'getPreferences',
  method: 'get',
  path: '/api/users/me/preferences',
  tags: ['Profile'],
  summary: 'Your preferences',
  description: 'Language, currency and notification choices.',
  access: ME,
  responses: { 200: { description: 'The preferences.', schema: PreferencesSchema } },
  errors: ['RESOURCE_NOT_FOUND'],
});

export const updatePreferences = defineOperation({
  operationId: 'updatePreferences',
  method: 'put',
  path: '/api/users/me/preferences',
  tags: ['Profile'],
  summary: 'Update your preferences',
  description: 'Replaces the preferences.',
  access: ME,
  request: { body: PreferencesSchema },
  responses: { 200: { description: 'The preferences.', schema: PreferencesSchema } },
  errors: ['RESOURCE_NOT_FOUND'],
  publishes: ['UserUpdated'],
});

export const listAddresses = defineOperation({
  operationId: 'listAddresses',
  method: 'get',
  path: '/api/users/me/addresses',
  tags: ['Addresses'],
  summary: 'Your address book',
  description: `Every saved address (at most ${MAX_ADDRESSES}), the default first.`,
  access: ME,
  responses: { 200: { description: 'The addresses.', schema: AddressListSchema } },
  errors: ['RESOURCE_NOT_FOUND'],
});

export const createAddress = defineOperation({
  operationId: 'createAddress',
  method: 'post',
  path: '/api/users/me/addresses',
  tags: ['Addresses'],
  summary: 'Save an address',
  description: `Checks the address against its country's rules (422 naming each bad field) and saves it normalised. Your first address becomes the default. At most ${MAX_ADDRESSES}.`,
  access: ME,
  request: { body: AddressInputSchema },
  responses: { 201: { description: 'Saved.', schema: AddressSchema } },
  errors: ['RESOURCE_NOT_FOUND', 'UNPROCESSABLE_ENTITY'],
});

export const updateAddress = defineOperation({
  operationId: 'updateAddress',
  method: 'put',
  path: '/api/users/me/addresses/{id}',
  tags: ['Addresses'],
  summary: 'Replace an address',
  description: 'Replaces one of your addresses, with the same checks as saving one.',
  access: ME,
  request: { params: addressParams, body: AddressInputSchema },
  responses: { 200: { description: 'Saved.', schema: AddressSchema } },
  errors: ['RESOURCE_NOT_FOUND', 'UNPROCESSABLE_ENTITY'],
});

export const deleteAddress = defineOperation({
  operationId: 'deleteAddress',
  method: 'delete',
  path: '/api/users/me/addresses/{id}',
  tags: ['Addresses'],
  summary: 'Delete an address',
  description: 'Deleting the default makes the most recent remaining address the default.',
  access: ME,
  request: { params: addressParams },
  responses: { 204: { description: 'Deleted.' } },
  errors: ['RESOURCE_NOT_FOUND'],
});

export const setDefaultAddress = defineOperation({
  operationId: 'setDefaultAddress',
  method: 'put',
  path: '/api/users/me/addresses/{id}/default',
  tags: ['Addresses'],
  summary: 'Make an address the default',
  description: 'The former default stops being one.',
  access: ME,
  request: { params: addressParams },
  responses: { 200: { description: 'The new default.', schema: AddressSchema } },
  errors: ['RESOURCE_NOT_FOUND'],
});

export const validateAddress = defineOperation({
  operationId: 'validateAddress',
  method: 'post',
  path: '/api/addresses/validate',
  tags: ['Addresses'],
  summary: 'Check an address',
  description:
    "Checks an address against its country's rules without saving it (checkout, guests included) and answers its normalised form or the bad fields.",
  access: 'public',
  request: { body: AddressFieldsSchema },
  responses: { 200: { description: 'The verdict.', schema: AddressValidationSchema } },
  errors: [],
});

export const listPaymentMethods = defineOperation({
  operationId: 'listPaymentMethods',
  method: 'get',
  path: '/api/users/me/payment-methods',
  tags: ['Payment methods'],
  summary: 'Your saved cards',
  description: `Brand, last four digits and expiry of each saved card (at most ${MAX_PAYMENT_METHODS}), the default first.`,
  access: ME,
  responses: { 200: { description: 'The cards.', schema: PaymentMethodListSchema } },
  errors: ['RESOURCE_NOT_FOUND'],
});

export const createPaymentMethod = defineOperation({
  operationId: 'createPaymentMethod',
  method: 'post',
  path: '/api/users/me/payment-methods',
  tags: ['Payment methods'],
  summary: 'Save a card',
  description:
    'Saves a card by its Stripe PaymentMethod token; brand, last four and expiry come from Stripe. A body carrying a card number is refused (400) and never stored.',
  access: ME,
  request: { body: PaymentMethodCreateSchema },
  responses: { 201: { description: 'Saved.', schema: PaymentMethodSchema } },
  errors: ['RESOURCE_NOT_FOUND', 'UNPROCESSABLE_ENTITY'],
});

export const deletePaymentMethod = defineOperation({
  operationId: 'deletePaymentMethod',
  method: 'delete',
  path: '/api/users/me/payment-methods/{id}',
  tags: ['Payment methods'],
  summary: 'Delete a saved card',
  description: 'Deleting the default makes the most recent remaining card the default.',
  access: ME,
  request: { params: z.strictObject({ id: PaymentMethodIdSchema }) },
  responses: { 204: { description: 'Deleted.' } },
  errors: ['RESOURCE_NOT_FOUND'],
});

export const profileOperations = [
  getMe,
  updateMe,
  deleteMe,
  changePassword,
  enableTwoFactor,
  verifyTwoFactor,
  getPreferences,
  updatePreferences,
  listAddresses,
  createAddress,
  updateAddress,
  deleteAddress,
  setDefaultAddress,
  validateAddress,
  listPaymentMethods,
  createPaymentMethod,
  deletePaymentMethod,
] as const satisfies readonly Operation<IdentityEventType>[];
