/**
 * Bad input, table-driven: malformed input at every door govflow has — the CLI (calendar, review start,
 * status, search-attributes, simulate and the environment), standing-orders files (YAML and JSON), scenario
 * files, the process start helpers, and Updates to running workflows on the dev server. Wrong types,
 * impossible dates, meetings in the past, unknown and duplicate members, duplicate ids, oversized text,
 * injection strings in names. Each one is refused with a message naming the field (exit 2 for the CLI, a
 * UserError for the helpers, a rejected Update for a workflow); nothing is started or written, and nothing
 * crashes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { UserError } from '../../definitions/errors';
import { proposeBoard } from '../../client/processes/board';
import { startDecision } from '../../client/processes/decision';
import { startEffectivenessReview } from '../../client/processes/effectiveness-review';
import { startRecommendation } from '../../client/processes/recommendation';
import { loadStandingOrders } from '../../client/standing-orders-file';
import {
  callInUpdate,
  decisionStatusQuery,
  declareInterestUpdate,
  escalationResolutionUpdate,
  reconsiderationUpdate,
  recommendationStatusQuery,
  recordParentDecisionUpdate,
  scrutinyOutcomeUpdate,
  urgencyConsentUpdate,
  voteUpdate,
  withdrawUpdate,
  type DecisionInput,
  type RecommendationInput,
  type ReconsiderationUpdate,
} from '../../definitions';
import { addMonths } from '../../governance/civil-date';
import { PRESETS } from '../../governance/standing-orders';
import { addDays, anchorDay, firstDay, presetFrom } from '../support/dates';
import { govflow, projectRoot } from '../support/processes';
import { recordingActivities } from '../support/recording-activities';
import { uniqueTaskQueue, withWorker } from '../support/temporal';
import {
  awayFromLondonMidnight,
  MIDNIGHT_WAIT_MS,
  itemToday,
  southampton,
  startItem,
} from '../reliability/support/harness';
import { NativeConnection } from '@temporalio/worker';

/** Democratic services of the Southampton preset: records scrutiny outcomes, reconsiderations and escalations. */
const OFFICER = 'democratic.services@southampton.example.org';

/** A free-form document (standing orders, a scenario) that each case changes in place. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

const tmp = mkdtempSync(path.join(tmpdir(), 'govflow-bad-input-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, content: string) => {
  const p = path.join(tmp, name);
  writeFileSync(p, content);
  return p;
};
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const preset = () => clone(PRESETS['southampton-jcb']) as unknown as Doc;
const long = (n: number) => 'x'.repeat(n);
const INJECTIONS = [
  "'; DROP TABLE audit_log;--",
  '<script>alert(1)</script>',
  // Deep enough to reach /etc/passwd from wherever the clone lives, so the file exists on every machine.
  `${'../'.repeat(16)}etc/passwd`,
  'cllr-ada-shaw\u0000',
];

// --- Standing-orders files: YAML and JSON, through the CLI's reader. -----------------------------------
function soFile(name: string, change: (so: Doc) => void, format: 'yaml' | 'json' = 'yaml'): string {
  const so = preset();
  change(so);
  return file(`${name}.${format}`, format === 'json' ? JSON.stringify(so, null, 2) : toYaml(so));
}
const STANDING_ORDERS: [string, () => string, RegExp][] = [
  [
    'duplicate member id (YAML)',
    () => soFile('dup-member', (so) => so.members.push({ ...so.members[0] })),
    /members\.6\.id: duplicate member id "cllr-ada-shaw"/,
  ],
  [
    'member of an unknown partner (JSON)',
    () => soFile('unknown-partner', (so) => (so.members[0].partner = 'treasury'), 'json'),
    /members\.0\.partner/,
  ],
  [
    'chair who is not a member',
    () => soFile('chair', (so) => (so.chair = 'cllr-nobody')),
    /chair: "cllr-nobody" is not a member id/,
  ],
  [
    'quorum above the voting members',
    () => soFile('quorum', (so) => (so.quorum = { council: 9, nhs: 2 })),
    /quorum\.council: quorum 9 is more than/,
  ],
  [
    'impossible meeting date 2027-02-30',
    () => soFile('date', (so) => (so.meetings = ['2027-02-30'])),
    /meetings\.0: must be a real calendar date/,
  ],
  [
    'duplicate meeting date (JSON)',
    () => soFile('dup-date', (so) => (so.meetings = ['2027-03-11', '2027-03-11']), 'json'),
    /meetings\.1: duplicate meeting date/,
  ],
  [
    'negative key-decision threshold',
    () => soFile('threshold', (so) => (so.keyDecision = { thresholdGbp: -1 })),
    /keyDecision\.thresholdGbp/,
  ],
  [
    'cut-off time 25:00',
    () => soFile('cutoff', (so) => (so.publication = { cutOffTime: '25:00' })),
    /publication\.cutOffTime: must be a 24-hour time/,
  ],
  [
    'duplicate pooled budget scheme id',
    () => soFile('dup-scheme', (so) => so.pooledBudgets.push({ ...so.pooledBudgets[0] })),
    /pooledBudgets\.\d+\.id: duplicate scheme id/,
  ],
  [
    'unknown bank-holiday region',
    () => soFile('region', (so) => (so.holidays = { region: 'wales' })),
    /holidays\.region: must be one of/,
  ],
  [
    'board id with an SQL injection string',
    () => soFile('inject', (so) => (so.board.id = INJECTIONS[0])),
    /board\.id: must be a lowercase slug/,
  ],
  [
    'member email that is not an address',
    () => soFile('email', (so) => (so.members[1].email = '<script>@x')),
    /members\.1\.email: must be an email address/,
  ],
  ['a YAML list instead of a mapping', () => file('list.yaml', '- a\n- b\n'), /\(input\)|expected object/],
  ['broken YAML', () => file('broken.yaml', 'board: {id: x\n  partners: ['), /not valid YAML/],
  ['JSON with a trailing comma', () => file('trailing.json', '{"board": {"id": "x",}}'), /not valid JSON/],
  [
    'wrong type: callIn window "five"',
    () => soFile('type', (so) => (so.callIn = { windowWorkingDays: 'five' }), 'json'),
    /callIn\.windowWorkingDays/,
  ],
];

// --- Scenario files for `govflow simulate`. -----------------------------------------------------------
// The scenario's dates are in 2027; once that is past, move every year on so `start` is still in the future
// (simulate would move it itself, and its refusals would then name the moved dates).
const yearsOn = Math.max(0, new Date().getUTCFullYear() + 1 - 2027);
const happy = parseYaml(
  readFileSync(path.join(projectRoot, 'scenarios', 'southampton-happy-path.yaml'), 'utf8').replace(
    /\b(20\d\d)-/g,
    (_, y: string) => `${Number(y) + yearsOn}-`,
  ),
) as Doc;
function scenario(name: string, change: (s: Doc) => void): string {
  const s = clone(happy);
  change(s);
  return file(`${name}.yaml`, toYaml(s));
}

// --- The CLI: exit 2, one line on stderr naming the option or field, nothing on stdout. ---------------
type Cli = [string, () => string[], RegExp, NodeJS.ProcessEnv?];
const review = (...extra: string[]) => [
  'review',
  'start',
  '--board',
  'southampton-jcb',
  '--name',
  'Southampton JCB',
  '--from',
  '2027-01-04',
  '--notify',
  'ds@southampton.example.org',
  ...extra,
];
const CLI: Cli[] = [
  [
    'calendar holidays --year abc',
    () => ['calendar', 'holidays', '--year', 'abc'],
    /--year: "abc" must be a year/,
  ],
  [
    'calendar holidays --year 1800',
    () => ['calendar', 'holidays', '--year', '1800'],
    /--year: "1800" must be a year/,
  ],
  ['calendar holidays without --year', () => ['calendar', 'holidays'], /--year/],
  [
    'calendar holidays --region mars',
    () => ['calendar', 'holidays', '--year', '2027', '--region', 'mars'],
    /--region: unknown region "mars"/,
  ],
  [
    'calendar holidays --bogus',
    () => ['calendar', 'holidays', '--year', '2027', '--bogus'],
    /unknown option '--bogus'/,
  ],
  [
    'calendar deadlines --meeting 2027-02-30',
    () => ['calendar', 'deadlines', '--meeting', '2027-02-30'],
    /--meeting: "2027-02-30" is not a possible calendar date/,
  ],
  [
    'calendar deadlines --meeting "next tuesday"',
    () => ['calendar', 'deadlines', '--meeting', 'next tuesday'],
    /--meeting: "next tuesday" is not a date/,
  ],
  [
    'calendar call-in --published 2027-13-01',
    () => ['calendar', 'call-in', '--published', '2027-13-01'],
    /--published/,
  ],
  [
    'calendar deadlines with a missing standing-orders file',
    () => [
      'calendar',
      'deadlines',
      '--meeting',
      '2027-03-11',
      '--standing-orders',
      path.join(tmp, 'missing.yaml'),
    ],
    /--standing-orders: ".*missing\.yaml" is neither a preset/,
  ],
  [
    'calendar deadlines with invalid standing orders',
    () => ['calendar', 'deadlines', '--meeting', '2027-03-11', '--standing-orders', STANDING_ORDERS[3]![1]()],
    /--standing-orders .*quorum\.council/,
  ],
  [
    'calendar holidays with a path-traversal standing-orders name (read, not a board: refused)',
    () => ['calendar', 'holidays', '--year', '2027', '--standing-orders', INJECTIONS[2]!],
    /--standing-orders (\.\.\/){16}etc\/passwd: \(input\): .*expected object/,
  ],
  [
    'review start --board "Not A Slug"',
    () => review('--board', 'Not A Slug'),
    /boardId: must be lower-case letters/,
  ],
  [
    'review start --board with an SQL injection string',
    () => review('--board', INJECTIONS[0]!),
    /boardId: must be lower-case letters/,
  ],
  [
    'review start --from 2027-02-29 (not a leap year)',
    () => review('--from', '2027-02-29'),
    /from: must be a real date/,
  ],
  ['review start --interval 0', () => review('--interval', '0'), /intervalMonths/],
  ['review start --interval abc', () => review('--interval', 'abc'), /intervalMonths/],
  ['review start --reminders 400', () => review('--reminders', '400'), /reminderDaysBefore\.0/],
  ['review start --cycle -1', () => review('--cycle', '-1'), /cycle/],
  ['review start --notify not-an-email', () => review('--notify', 'not-an-email'), /recipients\.\d+\.email/],
  ['review start --name of 201 characters', () => review('--name', long(201)), /boardName/],
  ['review start without --from', () => ['review', 'start', '--board', 'x', '--name', 'x'], /--from/],
  ['status with no workflow id', () => ['status'], /workflowId/],
  [
    'status of a process that does not exist',
    () => ['status', `decision/southampton-jcb/${INJECTIONS[1]}`],
    /no process/,
  ],
  [
    'search-attributes register --namespace (not an option)',
    () => ['search-attributes', 'register', '--namespace', 'x'],
    /unknown option '--namespace'/,
  ],
  ['an unknown command', () => ['sudo', 'rm'], /unknown command 'sudo'/],
  [
    'GOVFLOW_TEMPORAL_PORT=99999',
    () => ['status', 'review/x/1'],
    /GOVFLOW_TEMPORAL_PORT/,
    { TEMPORAL_ADDRESS: '', GOVFLOW_TEMPORAL_PORT: '99999' },
  ],
  [
    'GOVFLOW_ENCRYPTION_KEY too short',
    () => ['status', 'review/x/1'],
    /GOVFLOW_ENCRYPTION_KEY \(entry 1\): a key must be 32 bytes/,
    { GOVFLOW_ENCRYPTION_KEY: 'k1:abc' },
  ],
  [
    'simulate a scenario file that does not exist',
    () => ['simulate', path.join(tmp, 'none.yaml')],
    /no such scenario file/,
  ],
  [
    'simulate broken YAML',
    () => ['simulate', file('broken-scenario.yaml', 'process: [decision\n')],
    /not valid YAML/,
  ],
  [
    'simulate an unknown process',
    () => ['simulate', scenario('process', (s) => (s.process = 'coronation'))],
    /process: must be "decision", "board", .*"consultation"/,
  ],
  [
    'simulate an unknown field',
    () => ['simulate', scenario('field', (s) => (s.colour = 'blue'))],
    /colour|Unrecognized key/,
  ],
  // A scenario whose start has passed is moved forward, not refused; a move to a day that has passed is.
  [
    'simulate --start-on a day that has passed',
    () => ['simulate', scenario('start-on', () => undefined), '--start-on', '2020-01-06'],
    /--start-on: 2020-01-06 is not after today/,
  ],
  [
    'simulate events out of order',
    () => ['simulate', scenario('order', (s) => s.events.reverse())],
    /events\.1\.at: .* is before the event above it/,
  ],
  [
    'simulate a vote by an unknown member',
    () => ['simulate', scenario('stranger', (s) => (s.events[0].member = 'cllr-zed-unknown'))],
    /events\.0.*member|cllr-zed-unknown/,
  ],
  [
    'simulate a vote by <script>',
    () => ['simulate', scenario('script', (s) => (s.events[1].member = INJECTIONS[1]))],
    /events\.1\.member/,
  ],
  [
    'simulate a duplicate meeting date',
    () => ['simulate', scenario('dup-meeting', (s) => (s.meetings = [s.meetings[0], s.meetings[0]]))],
    new RegExp(`meetings\\.1: ${happy.meetings[0]} is listed twice`),
  ],
  [
    'simulate an impossible meeting date',
    () => ['simulate', scenario('feb30', (s) => (s.input.meetingDate = '2027-02-30'))],
    /meetingDate/,
  ],
  [
    'simulate an oversized title',
    () => ['simulate', scenario('title', (s) => (s.input.title = long(301)))],
    /title: must be at most 300/,
  ],
];

// --- The start helpers (what the CLI and any client call): a UserError naming the field, nothing started.
// Each input is good but for the one field of its case: its dates are in the future of whatever day the
// tests run (the recommendation below really runs, on the dev server's real time). MEETING is Southampton's
// first meeting at least 8 weeks after the anchor day.
const MEETING = firstDay(addDays(anchorDay(), 56), (d) => presetFrom('southampton-jcb').meetings.includes(d));
const decision = (o: Record<string, unknown>) =>
  ({ ...itemToday('2031-bad', { meetingDate: MEETING }), ...o }) as DecisionInput;
const wiltshire: RecommendationInput = {
  boardId: 'wiltshire-adult-jcb',
  ref: '2031-001',
  title: 'Joint carers strategy',
  recommendation: 'Adopt it.',
  parentBodies: [
    {
      partner: 'council',
      body: 'Cabinet',
      clerk: { name: 'Clerk', email: 'clerk@wiltshire.example.org' },
      meetingDate: MEETING,
      deadline: addDays(MEETING, 7),
    },
    {
      partner: 'nhs',
      body: 'PCT Board',
      clerk: { name: 'Secretary', email: 'sec@nhs.example.org' },
      meetingDate: addDays(MEETING, 1),
      deadline: addDays(MEETING, 8),
    },
  ],
};
type Start = [string, (client: Client, taskQueue: string) => Promise<unknown>, RegExp];
const STARTS: Start[] = [
  [
    'decision: meeting in the past',
    (c, q) => startDecision(c, q, decision({ meetingDate: '2020-01-09' })),
    /meetingDate: 2020-01-09 is not after today/,
  ],
  [
    'decision: meeting today',
    (c, q) => startDecision(c, q, itemToday('2031-today')),
    /meetingDate: .* is not after today/,
  ],
  [
    'decision: impossible date 2031-02-29',
    (c, q) => startDecision(c, q, decision({ meetingDate: '2031-02-29' })),
    /meetingDate: must be a real date/,
  ],
  [
    'decision: meeting date as a number',
    (c, q) => startDecision(c, q, decision({ meetingDate: 20310313 })),
    /meetingDate/,
  ],
  [
    'decision: ref with an SQL injection string',
    (c, q) => startDecision(c, q, decision({ ref: INJECTIONS[0] })),
    /ref: must be letters, digits and hyphens/,
  ],
  [
    'decision: ref with <script>',
    (c, q) => startDecision(c, q, decision({ ref: INJECTIONS[1] })),
    /ref: must be letters/,
  ],
  [
    'decision: proposedBy not an email',
    (c, q) => startDecision(c, q, decision({ proposedBy: 'commissioning lead' })),
    /proposedBy/,
  ],
  [
    'decision: title of 301 characters',
    (c, q) => startDecision(c, q, decision({ title: long(301) })),
    /title: must be at most 300 characters/,
  ],
  [
    'decision: summary of 5,001 characters',
    (c, q) => startDecision(c, q, decision({ summary: long(5001) })),
    /summary: must be at most 5000 characters/,
  ],
  [
    'decision: blank title',
    (c, q) => startDecision(c, q, decision({ title: '   ' })),
    /title: must not be empty/,
  ],
  [
    'decision: negative amount',
    (c, q) => startDecision(c, q, decision({ amountGbp: -5 })),
    /amountGbp: must be an amount in GBP >= 0/,
  ],
  ['decision: amount as text', (c, q) => startDecision(c, q, decision({ amountGbp: '90000' })), /amountGbp/],
  [
    'decision: exempt paragraph 8',
    (c, q) => startDecision(c, q, decision({ exemptParagraph: 8 })),
    /exemptParagraph: must be a Schedule 12A paragraph 1-7/,
  ],
  [
    'decision: unknown pooled budget scheme',
    (c, q) => startDecision(c, q, decision({ schemeId: 'no-such-scheme' })),
    /schemeId: "no-such-scheme" is not a pooled budget scheme/,
  ],
  [
    'decision: wards affected -2',
    (c, q) => startDecision(c, q, decision({ wardsAffected: -2 })),
    /wardsAffected/,
  ],
  [
    'decision: standing orders with a duplicate member',
    (c, q) =>
      startDecision(
        c,
        q,
        decision({
          standingOrders: { ...southampton, members: [...southampton.members, southampton.members[0]] },
        }),
      ),
    /standingOrders\.members\.6\.id: duplicate member id/,
  ],
  [
    'recommendation: one parent body',
    (c, q) => startRecommendation(c, q, { ...wiltshire, parentBodies: wiltshire.parentBodies.slice(0, 1) }),
    /parentBodies: needs both partners/,
  ],
  [
    'recommendation: the same partner twice',
    (c, q) =>
      startRecommendation(c, q, {
        ...wiltshire,
        parentBodies: [wiltshire.parentBodies[0]!, wiltshire.parentBodies[0]!],
      }),
    /parentBodies\.1\.partner: "council" is listed twice/,
  ],
  [
    'recommendation: deadline before the meeting',
    (c, q) =>
      startRecommendation(c, q, {
        ...wiltshire,
        parentBodies: [
          { ...wiltshire.parentBodies[0]!, deadline: addDays(MEETING, -12) },
          wiltshire.parentBodies[1]!,
        ],
      }),
    /parentBodies\.0\.deadline: must not be before the meeting/,
  ],
  [
    'recommendation: clerk email with <script>',
    (c, q) =>
      startRecommendation(c, q, {
        ...wiltshire,
        parentBodies: [
          { ...wiltshire.parentBodies[0]!, clerk: { name: 'x', email: '<script>alert(1)</script>' } },
          wiltshire.parentBodies[1]!,
        ],
      }),
    /parentBodies\.0\.clerk\.email/,
  ],
  [
    'recommendation: board id with <script>',
    (c, q) => startRecommendation(c, q, { ...wiltshire, boardId: INJECTIONS[1]! }),
    /boardId: must be lower-case letters/,
  ],
  [
    'board: unknown preset',
    (c, q) =>
      proposeBoard(c, q, {
        standingOrders: 'nowhere-jcb',
        termsOfReference: 'ToR',
        firstMeeting: MEETING,
      }),
    /standingOrders/,
  ],
  [
    'board: empty Terms of Reference',
    (c, q) =>
      proposeBoard(c, q, {
        standingOrders: 'southampton-jcb',
        termsOfReference: '  \n',
        firstMeeting: MEETING,
      }),
    /termsOfReference: must not be empty/,
  ],
  [
    'board: Terms of Reference over 200,000 characters',
    (c, q) =>
      proposeBoard(c, q, {
        standingOrders: 'southampton-jcb',
        termsOfReference: long(200_001),
        firstMeeting: MEETING,
      }),
    /termsOfReference: must be at most 200,000 characters/,
  ],
  [
    'board: first meeting before the proposal',
    (c, q) =>
      proposeBoard(c, q, {
        standingOrders: 'southampton-jcb',
        termsOfReference: 'ToR',
        proposedOn: MEETING,
        firstMeeting: addDays(MEETING, -12),
      }),
    /firstMeeting: must not be before the proposal/,
  ],
  [
    'board: first meeting after the approval deadline',
    (c, q) =>
      proposeBoard(c, q, {
        standingOrders: 'southampton-jcb',
        termsOfReference: 'ToR',
        proposedOn: MEETING,
        // Five months on: after the three-month approval deadline.
        firstMeeting: addMonths(MEETING, 5),
      }),
    /firstMeeting: must be by the approval deadline/,
  ],
  [
    'review: interval of 61 months',
    (c, q) =>
      startEffectivenessReview(c, q, {
        boardId: 'b',
        boardName: 'B',
        from: anchorDay(),
        intervalMonths: 61,
        recipients: [{ role: 'officer', name: 'x', email: 'x@example.org' }],
      }),
    /intervalMonths/,
  ],
  [
    'review: recipient with an unknown role',
    (c, q) =>
      startEffectivenessReview(c, q, {
        boardId: 'b',
        boardName: 'B',
        from: anchorDay(),
        recipients: [{ role: 'king' as 'officer', name: 'x', email: 'x@example.org' }],
      }),
    /recipients\.0\.role/,
  ],
];

// --- Updates to running workflows: a failed Update naming the field. Malformed input and actions out of turn
// leave no trace in history or register; the wrong person (`AUDITED`) leaves exactly one audit entry.
const AUDITED = 'audited';
type Upd = [
  string,
  (decision: WorkflowHandle, recommendation: WorkflowHandle) => Promise<unknown>,
  RegExp,
  typeof AUDITED?,
];
const ADA = 'cllr-ada-shaw';
const UPDATES: Upd[] = [
  [
    'vote: member as a number',
    (d) => d.executeUpdate(voteUpdate, { args: [{ member: 42 as unknown as string, vote: 'for' }] }),
    /member: /,
  ],
  [
    'vote: "maybe"',
    (d) => d.executeUpdate(voteUpdate, { args: [{ member: 'cllr-ben-okafor', vote: 'maybe' as 'for' }] }),
    /vote: /,
  ],
  [
    'vote: an unknown member',
    (d) => d.executeUpdate(voteUpdate, { args: [{ member: 'cllr-zed-unknown', vote: 'for' }] }),
    /member: "cllr-zed-unknown" is not a member of Southampton/,
    AUDITED,
  ],
  ...INJECTIONS.map((member): Upd => [
    `vote: member ${JSON.stringify(member)}`,
    (d) => d.executeUpdate(voteUpdate, { args: [{ member, vote: 'for' }] }),
    /member: must be lower-case letters/,
  ]),
  [
    'vote: a second vote by the same member',
    (d) => d.executeUpdate(voteUpdate, { args: [{ member: ADA, vote: 'against' }] }),
    /member: Cllr Ada Shaw has already voted/,
  ],
  [
    'vote: not an object at all',
    (d) => d.executeUpdate(voteUpdate, { args: ['cllr-ben-okafor' as never] }),
    /\(input\): /,
  ],
  [
    'declare interest: 501 characters',
    (d) =>
      d.executeUpdate(declareInterestUpdate, { args: [{ member: 'cllr-ben-okafor', interest: long(501) }] }),
    /interest: must be at most 500 characters/,
  ],
  [
    'declare interest: an unknown member',
    (d) =>
      d.executeUpdate(declareInterestUpdate, {
        args: [{ member: 'dr-nobody', interest: 'employed by a bidder' }],
      }),
    /member: "dr-nobody" is not a member/,
    AUDITED,
  ],
  [
    'declare interest: after voting',
    (d) => d.executeUpdate(declareInterestUpdate, { args: [{ member: ADA, interest: 'a late interest' }] }),
    /member: Cllr Ada Shaw has already voted/,
  ],
  [
    'consent to urgency: not the O&S chair',
    (d) => d.executeUpdate(urgencyConsentUpdate, { args: [{ by: ADA, reason: 'urgent' }] }),
    /by: only the O&S chair/,
    AUDITED,
  ],
  [
    'consent to urgency: empty reason',
    (d) =>
      d.executeUpdate(urgencyConsentUpdate, {
        args: [{ by: southampton.overviewAndScrutiny.chair.id, reason: '' }],
      }),
    /reason: must not be empty/,
  ],
  [
    'call-in: no members',
    (d) => d.executeUpdate(callInUpdate, { args: [{ members: [], grounds: 'x' }] }),
    /members: needs the O&S members who sign it/,
  ],
  [
    'call-in: grounds of 5,001 characters',
    (d) => d.executeUpdate(callInUpdate, { args: [{ members: ['cllr-x'], grounds: long(5001) }] }),
    /grounds: must be at most 5000 characters/,
  ],
  [
    'call-in: duplicate signatories, as a list of <script>',
    (d) =>
      d.executeUpdate(callInUpdate, { args: [{ members: [INJECTIONS[1]!, INJECTIONS[1]!], grounds: 'x' }] }),
    /members\.0: must be lower-case letters/,
  ],
  [
    'scrutiny outcome: "maybe"',
    (d) =>
      d.executeUpdate(scrutinyOutcomeUpdate, { args: [{ by: OFFICER, outcome: 'maybe' as 'refer-back' }] }),
    /outcome: /,
  ],
  [
    'scrutiny outcome: referred back with reasons of white space only',
    (d) =>
      d.executeUpdate(scrutinyOutcomeUpdate, {
        args: [{ by: OFFICER, outcome: 'refer-back', reasons: '  ' }],
      }),
    /reasons: must set out the committee’s concerns when it refers the decision back or to full Council/,
  ],
  [
    'reconsider: empty reasons',
    (d) =>
      d.executeUpdate(reconsiderationUpdate, { args: [{ by: OFFICER, outcome: 'confirm', reasons: '' }] }),
    /reasons: must not be empty/,
  ],
  [
    'resolve escalation: step "king"',
    (d) =>
      d.executeUpdate(escalationResolutionUpdate, {
        args: [{ by: OFFICER, step: 'king' as 'parent-bodies', outcome: 'agreed' }],
      }),
    /step: /,
  ],
  [
    'call-in: signed by a board member who is not on O&S',
    (d) => d.executeUpdate(callInUpdate, { args: [{ members: [ADA], grounds: 'x' }] }),
    /members: not members of Overview and Scrutiny/,
    AUDITED,
  ],
  [
    'scrutiny outcome: recorded by the proposing officer, not democratic services',
    (d) =>
      d.executeUpdate(scrutinyOutcomeUpdate, {
        args: [{ by: 'commissioning.lead@southampton.example.org', outcome: 'no-further-action' }],
      }),
    /by: only democratic services \(democratic\.services@southampton\.example\.org\) may record the scrutiny outcome/,
    AUDITED,
  ],
  [
    'reconsider: nobody named as acting',
    (d) =>
      d.executeUpdate(reconsiderationUpdate, {
        args: [{ outcome: 'confirm', reasons: 'x' } as unknown as ReconsiderationUpdate],
      }),
    /by: /,
  ],
  [
    'resolve escalation: by a stranger',
    (d) =>
      d.executeUpdate(escalationResolutionUpdate, {
        args: [{ by: 'someone@example.org', step: 'parent-bodies', outcome: 'agreed' }],
      }),
    /by: someone@example\.org may not record the parent-bodies step/,
    AUDITED,
  ],
  [
    'withdraw: by is not an email',
    (d) => d.executeUpdate(withdrawUpdate, { args: [{ by: "'; DROP TABLE decisions;--", reason: 'x' }] }),
    /by: /,
  ],
  [
    'withdraw: by a stranger',
    (d) => d.executeUpdate(withdrawUpdate, { args: [{ by: 'someone@example.org', reason: 'x' }] }),
    /by: only the proposing officer or democratic services/,
    AUDITED,
  ],
  [
    'parent decision: unknown partner',
    (_d, r) =>
      r.executeUpdate(recordParentDecisionUpdate, {
        args: [{ partner: 'treasury', outcome: 'approve', by: 'clerk@wiltshire.example.org' }],
      }),
    /"treasury" is not a parent body of this recommendation/,
  ],
  [
    'parent decision: not the clerk',
    (_d, r) =>
      r.executeUpdate(recordParentDecisionUpdate, {
        args: [{ partner: 'council', outcome: 'approve', by: 'sec@nhs.example.org' }],
      }),
    /only the clerk to Cabinet may record its decision/,
    AUDITED,
  ],
  [
    'parent decision: outcome "maybe"',
    (_d, r) =>
      r.executeUpdate(recordParentDecisionUpdate, {
        args: [{ partner: 'council', outcome: 'maybe' as 'approve', by: 'clerk@wiltshire.example.org' }],
      }),
    /outcome: /,
  ],
  [
    'parent decision: by with <script>',
    (_d, r) =>
      r.executeUpdate(recordParentDecisionUpdate, {
        args: [{ partner: 'council', outcome: 'approve', by: INJECTIONS[1]! }],
      }),
    /by: /,
  ],
];

const total = STANDING_ORDERS.length + CLI.length + STARTS.length + UPDATES.length;

describe(`bad input: ${total} malformed inputs, each refused naming the field, nothing started or written`, () => {
  let connection: Connection;
  let client: Client;
  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection });
  });
  afterAll(async () => connection?.close());

  const nothingOn = async (taskQueue: string) => {
    const rows = [];
    for await (const row of client.workflow.list({ query: `TaskQueue = '${taskQueue}'` }))
      rows.push(row.workflowId);
    return rows;
  };

  it(`${STANDING_ORDERS.length} standing-orders files (YAML and JSON): a UserError naming the file and the field`, () => {
    for (const [what, make, message] of STANDING_ORDERS) {
      const ref = make();
      let error: unknown;
      try {
        loadStandingOrders(ref);
      } catch (e) {
        error = e;
      }
      expect(error, what).toBeInstanceOf(UserError);
      expect((error as Error).message, what).toMatch(message);
      expect((error as Error).message, what).toContain('--standing-orders');
    }
  });

  it(
    `${CLI.length} command lines: exit 2, one line on stderr naming the option or field, nothing on stdout, nothing started`,
    { timeout: 240_000 },
    async () => {
      const taskQueue = uniqueTaskQueue('bad-cli');
      const env = {
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        GOVFLOW_TASK_QUEUE: taskQueue,
        NO_COLOR: '1',
      };
      const queue = CLI.map((c, i) => ({ c, i }));
      const results: {
        what: string;
        code: number | null;
        stdout: string;
        stderr: string;
        message: RegExp;
      }[] = [];
      await Promise.all(
        Array.from({ length: 3 }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            const [what, args, message, extra] = next.c;
            const r = await govflow(args(), { ...env, ...extra });
            results[next.i] = { what, ...r, message };
          }
        }),
      );
      const wrong = results.flatMap((r) => {
        const lines = r.stderr.trimEnd().split('\n');
        const ok =
          r.code === 2 &&
          r.stdout === '' &&
          lines.length === 1 &&
          r.message.test(lines[0]!) &&
          !/unexpected failure|at .*\.ts:\d+/.test(r.stderr);
        return ok ? [] : [{ what: r.what, code: r.code, stdout: r.stdout, stderr: r.stderr }];
      });
      expect(wrong).toEqual([]);
      expect(await nothingOn(taskQueue)).toEqual([]);
    },
  );

  it(`${STARTS.length} process starts: a UserError naming the field, and no workflow started`, async () => {
    const taskQueue = uniqueTaskQueue('bad-start');
    for (const [what, start, message] of STARTS) {
      const error = await start(client, taskQueue).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, what).toBeInstanceOf(UserError);
      expect((error as Error).message, what).toMatch(message);
    }
    expect(await nothingOn(taskQueue)).toEqual([]);
  });

  it(
    `${UPDATES.length} Updates to running workflows: refused naming the field; the wrong person audited once, anything else without trace; the workflows carry on`,
    { timeout: 120_000 + MIDNIGHT_WAIT_MS },
    async () => {
      await awayFromLondonMidnight();
      const taskQueue = uniqueTaskQueue('bad-updates');
      const double = recordingActivities();
      const workerConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
      try {
        await withWorker(workerConnection, taskQueue, double.activities, async () => {
          const d = await startItem(client, taskQueue, itemToday(`bad-${Date.now()}`));
          const r = await startRecommendation(client, taskQueue, { ...wiltshire, ref: `bad-${Date.now()}` });
          await expect
            .poll(async () => (await d.query(decisionStatusQuery)).stage, { timeout: 30_000 })
            .toBe('voting');
          await d.executeUpdate(voteUpdate, { args: [{ member: ADA, vote: 'for' }] });
          await expect
            .poll(async () => (await r.query(recommendationStatusQuery)).stage, { timeout: 30_000 })
            .toBe('awaiting-decisions');
          // Both clerks have been sent the recommendation: nothing more happens until someone acts.
          await expect
            .poll(() => double.notifications.filter((n) => n.kind === 'recommendation-for-decision').length, {
              timeout: 30_000,
            })
            .toBe(2);
          const entries = double.entries.length;
          const notifications = double.notifications.length;
          const steps = (await d.query(decisionStatusQuery)).steps.length;
          const acceptedIn = async (h: WorkflowHandle) =>
            ((await h.fetchHistory()).events ?? []).filter(
              (e) => e.workflowExecutionUpdateAcceptedEventAttributes,
            ).length;
          const accepted = [await acceptedIn(d), await acceptedIn(r)];
          for (const [what, send, message] of UPDATES) {
            const error = await send(d, r).then(
              () => undefined,
              (e: unknown) => e,
            );
            expect(error, what).toBeInstanceOf(WorkflowUpdateFailedError);
            expect((error as WorkflowUpdateFailedError).cause?.message, what).toMatch(message);
          }
          // One audit entry per refusal on authority, in order, carrying the reason; nothing else written or sent.
          const audited = UPDATES.filter((u) => u[3] === AUDITED);
          const added = double.entries.slice(entries);
          expect(added.map((e) => e.kind)).toEqual(audited.map(() => 'action-refused'));
          added.forEach((e, i) => expect((e.data as { reason: string }).reason).toMatch(audited[i]![2]));
          expect(double.notifications).toHaveLength(notifications);
          expect((await d.query(decisionStatusQuery)).steps).toHaveLength(steps);
          const onRecommendation = audited.filter(([what]) => what.startsWith('parent decision')).length;
          expect([await acceptedIn(d), await acceptedIn(r)]).toEqual([
            accepted[0]! + audited.length - onRecommendation,
            accepted[1]! + onRecommendation,
          ]);
          for (const h of [d, r]) {
            const events = (await h.fetchHistory()).events ?? [];
            expect(
              events.filter((e) => e.workflowTaskFailedEventAttributes),
              h.workflowId,
            ).toEqual([]);
            expect((await h.describe()).status.name, h.workflowId).toBe('RUNNING');
          }
          // Still working: a good vote is taken after all the bad ones.
          expect(
            await d.executeUpdate(voteUpdate, { args: [{ member: 'cllr-ben-okafor', vote: 'for' }] }),
          ).toBe('vote recorded: cllr-ben-okafor for');
          await d.terminate('test finished');
          await r.terminate('test finished');
        });
      } finally {
        await workerConnection.close();
      }
      console.log(
        `[bad input] ${total} malformed inputs refused: ${STANDING_ORDERS.length} standing-orders files, ${CLI.length} command lines, ${STARTS.length} process starts, ${UPDATES.length} Updates`,
      );
    },
  );
});
