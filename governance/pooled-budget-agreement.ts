import { holidayCalendar, type HolidayAdjustments, type Region } from './bank-holidays';
import type { CivilDate } from './civil-date';
import { formatGbp } from './money';
import { addWorkingDays } from './working-days';

/**
 * After the section 75 review, both parent bodies agree the next year's contributions (P6,
 * southampton-2017 ¶24, bath-nes-2012 ¶3.3). Each scheme's contributions are per partner; a scheme's
 * budget for the year is their sum.
 */

/** Each scheme's contributions for a year: scheme id → partner id → pounds. */
export type SchemeContributions = Record<string, Record<string, number>>;

export function schemeTotalGbp(contributions: Readonly<Record<string, number>>): number {
  return Math.round(Object.values(contributions).reduce((t, c) => t + c * 100, 0)) / 100;
}

/**
 * The year's contributions once a body's agreement is applied to the current ones: each scheme it names
 * takes the amounts it gives (the scheme's whole set), the others stay as they are.
 */
export function agreedContributions(
  current: Readonly<SchemeContributions>,
  agreed: Readonly<SchemeContributions>,
): SchemeContributions {
  return Object.fromEntries(
    Object.keys(current).map((scheme) => [scheme, { ...(agreed[scheme] ?? current[scheme]) }]),
  );
}

/**
 * Where two bodies' agreements differ, if they do: the first scheme whose contributions are not the same,
 * named with both sets so the clerks can see what to reconcile.
 */
export function contributionsDifference(
  ours: Readonly<SchemeContributions>,
  theirs: Readonly<SchemeContributions>,
): string | undefined {
  const text = (c: Readonly<Record<string, number>> = {}) =>
    Object.keys(c)
      .sort()
      .map((p) => `${p} ${formatGbp(c[p]!)}`)
      .join(', ') || 'none';
  for (const scheme of [...new Set([...Object.keys(ours), ...Object.keys(theirs)])].sort())
    if (text(ours[scheme]) !== text(theirs[scheme]))
      return `${scheme}: ${text(ours[scheme])} here, ${text(theirs[scheme])} as the other body agreed`;
  return undefined;
}

/**
 * The day the parent bodies are chased if they have not agreed: `workingDays` working days after the
 * review was sent, in the board's nation.
 */
export function agreementDueOn(
  reviewedOn: CivilDate,
  workingDays: number,
  holidays: { region: Region; adjustments?: HolidayAdjustments },
): CivilDate {
  return addWorkingDays(reviewedOn, workingDays, holidayCalendar(holidays.region, holidays.adjustments));
}
