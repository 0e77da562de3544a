import type { BaselineShape } from './baseline-workflow';

/**
 * The decision's happy path on the time-skipping server (test/workflows/decision.time-skipping.test.ts),
 * as the baseline's phases: 5 activities, 4 timers (3 fire, 1 is cancelled by the last vote), 6 Updates.
 * A stage's register entries and mail travel as one activity (workflows/kit/effects.ts), and the votes
 * with the entries of the count. The item joins its meeting's agenda (the bench's activities list it), so
 * the meeting, not the item, publishes the agenda.
 * bench/history.ts checks these counts against the decision's real history on every run.
 */
export const HAPPY_PATH_SHAPE: BaselineShape = {
  phases: [
    { kind: 'activities', count: 3 }, // the registration check; classified + forward-plan-published; listed
    { kind: 'sleep', ms: 3_600_000 }, // until the agenda's day (its meeting publishes it)
    { kind: 'sleep', ms: 3_600_000 }, // until the meeting day opens
    { kind: 'updates', count: 6, activityPerUpdate: false, timer: true }, // six votes, each answered, held for the count
    { kind: 'activities', count: 1 }, // the votes, meeting-held, consensus-reached, decision-published, call-in-window-open
    { kind: 'sleep', ms: 3_600_000 }, // the call-in window closes without a call-in
    { kind: 'activities', count: 1 }, // call-in-window-closed; implemented: record + notify
  ],
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A decision of the board simulation (bench/history.ts, boardDecade) as the bare baseline, for the
 * simulation's floor: the happy path's phases, with each timer firing when the decision's does. Started
 * at `startedAt` (40 days before its meeting, or later for the first, started as the board is proposed),
 * it sleeps until the agenda's day (00:00 six days before the meeting) and the meeting day's start; the
 * six votes arrive together at 10:00 (`meetingAt`); the call-in window closes at 01:00 eight days later.
 */
export function simulatedDecisionShape(startedAt: number, meetingAt: number): BaselineShape {
  const agendaDay = meetingAt - 6 * DAY - 10 * HOUR;
  const meetingDay = meetingAt - 10 * HOUR;
  const callInCloses = meetingAt + 8 * DAY - 9 * HOUR;
  return {
    phases: [
      { kind: 'activities', count: 3 },
      { kind: 'sleep', ms: Math.max(1, agendaDay - startedAt) },
      { kind: 'sleep', ms: meetingDay - agendaDay },
      { kind: 'updates', count: 6, activityPerUpdate: false, timer: true },
      { kind: 'activities', count: 1 },
      { kind: 'sleep', ms: callInCloses - meetingAt },
      { kind: 'activities', count: 1 },
    ],
  };
}

/**
 * What is driven on the dev server, where real time passes (so no statutory wait can be sat out):
 * a decision below the key-decision threshold whose meeting is today. Its notice and agenda waits are
 * already past, so it records `classified`, publishes the agenda and opens voting at once; six votes
 * (each answered at once and held for the count); the meeting is held, consensus reached, the decision
 * published and the call-in window opened; five O&S members call it in; O&S takes no further action; it
 * is implemented. Every wait on that path (voting, call-in window, scrutiny) is a timer started and then
 * cancelled by an Update, so the workflow never sits out real time. A stage's entries and mail travel as
 * one activity. 5 activities, 3 timers (all cancelled), 8 Updates; bench/overhead.ts checks them on
 * every run.
 */
export const DEV_PATH_SHAPE: BaselineShape = {
  phases: [
    { kind: 'activities', count: 2 }, // the registration check; classified + agenda-published: record + notify
    { kind: 'updates', count: 6, activityPerUpdate: false, timer: true }, // six votes, each answered, held for the count
    { kind: 'activities', count: 1 }, // the votes, meeting-held, consensus-reached, decision-published, call-in-window-open
    { kind: 'updates', count: 1, activityPerUpdate: false, timer: true }, // lodgeCallIn, behind the window's timer
    { kind: 'activities', count: 1 }, // call-in-lodged: record + notify O&S
    { kind: 'updates', count: 1, activityPerUpdate: false, timer: true }, // recordScrutinyOutcome, behind its deadline
    { kind: 'activities', count: 1 }, // scrutiny-outcome; implemented: record + notify
  ],
};

export function shapeCounts(shape: BaselineShape): { activities: number; updates: number; timers: number } {
  let activities = 0;
  let updates = 0;
  let timers = 0;
  for (const p of shape.phases) {
    if (p.kind === 'activities') activities += p.count;
    else if (p.kind === 'sleep') timers += 1;
    else {
      updates += p.count;
      if (p.activityPerUpdate) activities += p.count;
      if (p.timer) timers += 1;
    }
  }
  return { activities, updates, timers };
}

/** Where a decision's history and its baseline's differ in the counts the comparison rests on. */
export function shapeDifferences(
  decision: { activities: number; updates: number; timers: number },
  baseline: { activities: number; updates: number; timers: number },
  shape: BaselineShape,
): string[] {
  const differences: string[] = [];
  const expected = shapeCounts(shape);
  for (const key of ['activities', 'updates', 'timers'] as const) {
    if (decision[key] !== baseline[key])
      differences.push(`${key}: decision ${decision[key]}, baseline ${baseline[key]}`);
    if (decision[key] !== expected[key])
      differences.push(`${key}: decision ${decision[key]}, shape ${expected[key]}`);
  }
  return differences;
}
