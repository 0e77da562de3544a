/**
 * Text a person types (titles, names, reasons, Terms of Reference) is checked once, here, wherever it enters:
 * the CLI, files, process inputs and Updates all parse with these schemas. Text that no store can hold (a NUL
 * byte, a lone surrogate), that breaks a feed or a terminal (control characters, escape sequences) or that
 * looks empty is refused with the rule it broke. Pure: zod only, safe inside workflows.
 */
import { z } from 'zod';
import { isCivilDate } from './civil-date';

/** Single-line text (titles, names) allows no line breaks and no tabs; multi-line text allows both. */
export type TextKind = 'line' | 'text';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** ESC (which starts ANSI sequences) and the one-byte C1 CSI: what repaints a terminal. */
const TERMINAL_ESCAPE = /[\u001B\u009B]/;
const LINE_BREAK = /[\n\r\u2028\u2029\u0085]/;
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F]/;
/** Whitespace and the invisible formatting characters that make text look empty (zero-width space, BOM...). */
const INVISIBLE = /[\s\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/gu;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The rule the text breaks, or undefined when it may be stored. */
export function personTextProblem(text: string, kind: TextKind): string | undefined {
  if (text.includes('\u0000')) return 'must not contain a NUL byte';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (it has a lone surrogate)';
  if (TERMINAL_ESCAPE.test(text)) return 'must not contain a terminal escape sequence';
  if (kind === 'line' && LINE_BREAK.test(text)) return 'must be one line (no line breaks)';
  const control = (kind === 'line' ? CONTROL_IN_LINE : CONTROL_IN_TEXT).exec(text);
  if (control) return `must not contain the control character ${codePoint(control[0])}`;
  return undefined;
}

/** True when nothing would be seen: only whitespace and zero-width characters. */
export function looksEmpty(text: string): boolean {
  return text.replace(INVISIBLE, '') === '';
}

function checked(kind: TextKind, allowEmpty: boolean) {
  return z
    .string()
    .trim()
    .normalize('NFC')
    .superRefine((text, ctx) => {
      const problem = personTextProblem(text, kind);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true });
      else if (!allowEmpty && looksEmpty(text))
        ctx.addIssue({ code: 'custom', message: 'must not be empty' });
    });
}

/** A title or name: one line, trimmed, NFC, not empty. */
export const personLine = (max: number) =>
  checked('line', false).max(max, `must be at most ${max} characters`);

/** Reasons, summaries, comments: line breaks and tabs allowed, trimmed, NFC, not empty. */
export const personText = (max: number) =>
  checked('text', false).max(max, `must be at most ${max} characters`);

/** Optional comments: as {@link personText}, but may be left empty (defaults to ''). */
export const optionalPersonText = (max: number) =>
  checked('text', true).max(max, `must be at most ${max} characters`).default('');

/**
 * A document kept exactly as given (a Terms of Reference is hashed byte for byte): checked, never changed.
 * Empty means nothing visible.
 */
export const personDocument = (max: number, maxLabel: string) =>
  z
    .string()
    .max(max, `must be at most ${maxLabel} characters`)
    .superRefine((text, ctx) => {
      const problem = personTextProblem(text, 'text');
      if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true });
      else if (looksEmpty(text)) ctx.addIssue({ code: 'custom', message: 'must not be empty' });
    });

/**
 * The years a governance date may fall in. Boards, meetings and reviews are of this century and the next;
 * a year outside is a typo (0001, 9999), and would push deadline arithmetic (months and years added to it)
 * past the calendar's range inside a running workflow.
 */
export const GOVERNANCE_YEARS = { first: 2000, last: 2200 } as const;

export function isGovernanceYear(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return year >= GOVERNANCE_YEARS.first && year <= GOVERNANCE_YEARS.last;
}

/** A real calendar date YYYY-MM-DD within {@link GOVERNANCE_YEARS}. */
export const governanceDate = (realDateMessage: string) =>
  z
    .string()
    .refine(isCivilDate, { message: realDateMessage, abort: true })
    .refine(isGovernanceYear, {
      message: `must be in the years ${GOVERNANCE_YEARS.first} to ${GOVERNANCE_YEARS.last}`,
    });

/** Pounds as a person writes them: digits, optionally with pence (800000, 1250.50). No sign, exponent or hex. */
export const POUNDS = /^\d{1,12}(\.\d{1,2})?$/;
