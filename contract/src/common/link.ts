import * as z from 'zod';
import { isWellFormedText } from './text.ts';

/*
 * Links and image URLs we show on the storefront: an absolute https URL, or a path on this site.
 * Protocol-relative forms (`//evil.example/x`, `/\evil.example`, `https:///evil.example`) are
 * refused: browsers resolve them to another host. Backslashes, whitespace and control characters
 * are refused anywhere (browsers read `\` as `/` in http URLs).
 */
const LINK = /^(?:https:\/\/[^/\\\s\u0000-\u001F\u007F-\u009F]|\/(?![/\\]))[^\\\s\u0000-\u001F\u007F-\u009F]*$/;

/** Whether `url` is an https URL with a host, or a site-relative path that cannot leave the site. */
export function isSafeLink(url: string): boolean {
  return isWellFormedText(url) && LINK.test(url);
}

export const SafeLinkSchema = z
  .string()
  .max(2048)
  .regex(LINK, 'an https URL or a site-relative path (not protocol-relative)')
  .refine(isWellFormedText, 'must not contain unpaired UTF-16 surrogates');
