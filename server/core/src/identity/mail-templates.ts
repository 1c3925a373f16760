import type { MailMessage } from '../platform/mail/mailer.ts';

/**
 * The emails of the identity flows. Links point at the storefront (`APP_URL`), which reads the
 * token from the URL and calls the API. Security notices say what happened and what to do if it
 * was not you; none of them carries a password or a code.
 */
export interface MailLinks {
  appUrl: string;
}

const link = (links: MailLinks, path: string, token: string) =>
  `${links.appUrl.replace(/\/+$/, '')}${path}?token=${encodeURIComponent(token)}`;

const signature = '\n\n— Holiday Peak Hub';

export const mails = {
  verifyEmail: (to: string, name: string, token: string, links: MailLinks): MailMessage => ({
    to,
    subject: 'Confirm your email address',
    text: `Hi ${name},\n\nConfirm your email address with this link (valid 24 hours):\n${link(links, '/auth/verify-email', token)}\n\nIf you did not create an account, ignore this email.${signature}`,
  }),
  alreadyRegistered: (to: string, links: MailLinks): MailMessage => ({
    to,
    subject: 'You already have an account',
    text: `Someone (hopefully you) tried to create an account with this email address, which already has one.\n\nSign in at ${links.appUrl.replace(/\/+$/, '')}/auth/login, or reset your password there if you forgot it.${signature}`,
  }),
  resetPassword: (to: string, token: string, links: MailLinks): MailMessage => ({
    to,
    subject: 'Reset your password',
    text: `Set a new password with this link (valid 1 hour, single use):\n${link(links, '/auth/reset-password', token)}\n\nIf you did not ask for it, ignore this email: your password stays as it is.${signature}`,
  }),
  invitation: (to: string, name: string, role: string, token: string, links: MailLinks): MailMessage => ({
    to,
    subject: 'Your Holiday Peak Hub account',
    text: `Hi ${name},\n\nAn administrator created a ${role} account for you. Set your password with this link (valid 7 days):\n${link(links, '/auth/reset-password', token)}${signature}`,
  }),
  passwordChanged: (to: string): MailMessage => ({
    to,
    subject: 'Your password was changed',
    text: `The password of your account was just changed and your other sessions were signed out.\n\nIf this was not you, reset your password now and contact support.${signature}`,
  }),
  emailChanged: (to: string, newEmail: string): MailMessage => ({
    to,
    subject: 'Your email address was changed',
    text: `The email address of your account was changed to ${newEmail}.\n\nIf this was not you, contact support at once.${signature}`,
  }),
  emailChangeAttempt: (to: string, links: MailLinks): MailMessage => ({
    to,
    subject: 'Someone tried to use your email address',
    text: `Someone tried to change the email address of another Holiday Peak Hub account to this one, which already has an account. Nothing was changed: this address stays with your account.\n\nIf you forgot your password, reset it at ${links.appUrl.replace(/\/+$/, '')}/auth/forgot-password.${signature}`,
  }),
  twoFactorEnabled: (to: string): MailMessage => ({
    to,
    subject: 'Two-factor authentication is on',
    text: `Two-factor authentication was turned on for your account. Keep your recovery codes somewhere safe.\n\nIf this was not you, contact support at once.${signature}`,
  }),
  accountDeleted: (to: string): MailMessage => ({
    to,
    subject: 'Your account was deleted',
    text: `Your Holiday Peak Hub account and its personal data were deleted.${signature}`,
  }),
};
