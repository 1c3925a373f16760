import * as z from 'zod';

/*
 * The one rule for free text (names, titles, descriptions, address lines, search words): no C0 or
 * C1 control characters (a multi-line field may hold tab, line feed and carriage return) and no
 * lone UTF-16 surrogates, which are not text and break JSON encoders, databases and mail headers.
 */

/** C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F). */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
/** The same, except tab, line feed and carriage return. */
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` is well-formed UTF-16 (`String.prototype.isWellFormed`, also on older browsers). */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

export interface TextRuleOptions {
  /** Tab, line feed and carriage return are allowed (long descriptions). */
  multiline?: boolean;
}

/** Why `text` is not acceptable free text, or `null` when it is. */
export function textProblem(text: string, options: TextRuleOptions = {}): string | null {
  if (!isWellFormedText(text)) return 'must not contain unpaired UTF-16 surrogates';
  if ((options.multiline ? CONTROL_BUT_LINES : CONTROL).test(text)) {
    return options.multiline
      ? 'must not contain control characters (tab and line breaks are allowed)'
      : 'must not contain control characters or line breaks';
  }
  return null;
}

/** Adds the free-text rule to a string schema (it stays a `ZodString`, so `.min`/`.max` still chain). */
export function safeText(schema: z.ZodString = z.string(), options: TextRuleOptions = {}): z.ZodString {
  return schema.superRefine((text, ctx) => {
    const problem = textProblem(text, options);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: text });
  });
}

/** A required single-line text: trimmed, 1 to `max` characters, free-text rule. */
export const shortText = (max: number) => safeText(z.string().trim()).min(1).max(max);

/** An optional single-line text (may be empty): trimmed, at most `max` characters, free-text rule. */
export const lineText = (max: number) => safeText(z.string().trim()).max(max);

/** A multi-line text (tab and line breaks allowed): at most `max` characters, free-text rule. */
export const longText = (max: number) => safeText(z.string(), { multiline: true }).max(max);
