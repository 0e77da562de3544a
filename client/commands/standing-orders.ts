/**
 * `govflow standing-orders show <preset|file>` (also `govflow board show`): what an officer chooses from.
 * Members and O&S members by id, partners, scope topics, pooled-budget schemes, the meeting dates, and the
 * rules the board is run under, read from a preset or a YAML/JSON file exactly as `board propose` and
 * `decision propose` read them. With --json, the standing orders themselves, as one JSON document (a file
 * that `--standing-orders` accepts back).
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { boardWorkflowId, type RegisteredStandingOrders } from '../../definitions';
import { compareCivilDates, londonCivilDate, type CivilDate } from '../../governance/civil-date';
import { displayDate, displayDatesIn } from '../../governance/display-dates';
import { describeRule } from '../../governance/notice';
import {
  PRESET_NAMES,
  isPresetName,
  slugSchema,
  type StandingOrders,
} from '../../governance/standing-orders';
import { BoardNotRegistered, registeredStandingOrders } from '../boards';
import { withClient } from '../actions/connect';
import { emit, example } from '../actions/output';
import { UserError } from '../../definitions/errors';
import { loadStandingOrders } from '../standing-orders-file';

/** Where the choices of every other command come from, for their --help. */
export const SHOW_COMMAND = 'govflow standing-orders show <preset|file>';
export const PRESETS_LIST = PRESET_NAMES.join(', ');

const pounds = (amount: number) =>
  new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency: 'GBP',
    minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
  }).format(amount);

/** Rows as columns padded to the widest cell (the last column is not padded). */
function columns(rows: string[][], indent = '  '): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map(
    (r) =>
      indent +
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
  );
}

const NOTICE_LABELS: [keyof StandingOrders['notice'], string][] = [
  ['forwardPlan', 'Forward Plan (key decision)'],
  ['generalException', 'General exception notice'],
  ['privateMeeting', 'Private meeting notice'],
  ['privateMeetingConfirmation', 'Private meeting confirmation'],
  ['agenda', 'Agenda and reports'],
];

const CONSENSUS_WORDS: Record<StandingOrders['consensus']['rule'], string> = {
  'majority-of-each-partner': "a majority of each partner's voting members present",
  unanimity: 'every voting member present',
};

const UNANIMITY_WORDS: Record<StandingOrders['spendingLimit']['unanimity'], string> = {
  'cabinet-members': 'only when all the Cabinet members on the board agree',
  'all-voting-members': 'only when all voting members agree',
  none: 'on the board’s consensus',
};

/** The human-readable account of standing orders; meetings are listed from `today` on. */
export function describeStandingOrders(so: StandingOrders, source: string, today: CivilDate): string[] {
  const memberFlags = (id: string, m: StandingOrders['members'][number]) =>
    [
      m.voting ? 'voting' : 'non-voting',
      ...(m.isCabinetMember ? ['Cabinet member'] : []),
      ...(so.chair === id ? ['chair'] : []),
      ...Object.entries(so.partnerLeads)
        .filter(([, lead]) => lead === id)
        .map(([partner]) => `${partner} lead`),
    ].join(', ');
  const upcoming = so.meetings.filter((d) => compareCivilDates(d, today) >= 0);
  const earlier = so.meetings.length - upcoming.length;
  const os = so.overviewAndScrutiny;
  const totalGbp = so.pooledBudgets.reduce((sum, b) => sum + b.amountGbp, 0);
  const delegated = so.delegation.delegatedPower;

  return [
    `${so.board.name} (${so.board.id}), a ${so.board.kind.replace(/-/g, ' ')}`,
    `Standing orders: ${source}`,
    '',
    'Partners (parent-decision --partner; tor decide and review-outcome --body take council or nhs):',
    ...columns(
      so.partners.map((p) => [
        p.id,
        `${p.name} (${p.kind})`,
        `parent body: ${p.parentBody.name}; clerk: ${p.clerk.name} <${p.clerk.email}>; chief executive: ${p.chiefExecutive.name} <${p.chiefExecutive.email}>`,
      ]),
    ),
    '',
    'Members (vote, declare-interest and self-assess --member):',
    ...columns([
      ['ID', 'NAME', 'PARTNER', 'ROLE', 'VOTING'],
      ...so.members.map((m) => [m.id, m.name, m.partner, m.role, memberFlags(m.id, m)]),
    ]),
    '',
    `${os.committee} (call-in --members; consent-urgency --by the chair):`,
    ...columns([
      ['ID', 'NAME', ''],
      [os.chair.id, os.chair.name, 'chair'],
      ...os.members.map((m) => [m.id, m.name, '']),
    ]),
    '',
    'Officers:',
    `  democratic services: ${so.officers.democraticServices.name ?? 'Democratic services'} <${so.officers.democraticServices.email}>`,
    ...(so.officers.commissioning
      ? [`  commissioning: ${so.officers.commissioning.name} <${so.officers.commissioning.email}>`]
      : []),
    '',
    delegated
      ? 'Scope of the delegated power (decision propose --topic; any other topic is referred):'
      : 'No delegated power: the board recommends to both parent bodies. Scope topics (decision propose --topic):',
    ...(so.delegation.scope.length ? so.delegation.scope.map((t) => `  ${t}`) : ['  (none)']),
    '',
    `Pooled-budget schemes (decision propose --scheme-id): ${so.pooledBudgets.length}, ${pounds(totalGbp)} in total`,
    ...(so.pooledBudgets.length
      ? columns([
          ['ID', 'NAME', 'KIND', 'AMOUNT', 'CONTRIBUTIONS'],
          ...so.pooledBudgets.map((b) => [
            b.id,
            b.name,
            b.kind,
            pounds(b.amountGbp),
            Object.entries(b.contributions ?? {})
              .map(([partner, amount]) => `${partner} ${pounds(amount)}`)
              .join(', '),
          ]),
        ])
      : ['  (none)']),
    '',
    `Meeting dates from ${displayDate(today)} (decision propose --meeting-date; board propose --first-meeting; given as YYYY-MM-DD):`,
    ...(upcoming.length ? columns(upcoming.map((d) => [d, displayDate(d)])) : ['  (none)']),
    ...(earlier ? [`  and ${earlier} earlier meeting${earlier === 1 ? '' : 's'}, not shown`] : []),
    '',
    'Notice rules (clear days before the meeting; see govflow calendar deadlines):',
    ...columns(NOTICE_LABELS.map(([key, label]) => [label, describeRule(so.notice[key])])),
    `  Publication cut-off: ${so.publication.cutOffTime} London time (later counts as the next working day)`,
    '',
    'Call-in:',
    `  window:           ${so.callIn.windowWorkingDays} working days after the decision is published`,
    `  signatories:      ${so.callIn.signatoriesRequired} O&S members`,
    `  scrutiny meeting: within ${so.callIn.scrutinyMeetingWithinWorkingDays} working days of the call-in`,
    '',
    'Quorum and voting:',
    `  quorum: ${so.partners.map((p) => `${p.id} ${so.quorum[p.id]}`).join(', ')} voting member(s) present`,
    `  consensus of both partners: ${CONSENSUS_WORDS[so.consensus.rule]} (${so.consensus.rule})`,
    `  key decision: ${pounds(so.keyDecision.thresholdGbp)} or more, or ${so.keyDecision.wardsThreshold} or more wards`,
    so.spendingLimit.amountGbp === null
      ? '  spending limit: none (no financial delegation)'
      : `  spending limit: ${pounds(so.spendingLimit.amountGbp)}, ${UNANIMITY_WORDS[so.spendingLimit.unanimity]}`,
    `  deferrals: at most ${so.deferral.limit}, then escalation (resolve-escalation --step): ${so.escalation.steps
      .map((s) => `${s.step} (${s.deadlineWorkingDays} working days)`)
      .join(' -> ')}`,
    '',
    'Reviews and establishment:',
    `  effectiveness review: first ${so.review.firstAfterMonths} months after establishment, then every ${so.review.recurringEveryMonths}; reminders ${so.review.reminderDaysBefore.join(' and ')} days ahead`,
    `  Terms of Reference: both parent bodies approve within ${so.establishment.approvalDeadlineMonths} months, else escalated`,
    `  bank holidays: ${so.holidays.region}${
      so.holidays.adjustments.add.length + so.holidays.adjustments.remove.length
        ? ` (${so.holidays.adjustments.add.length} added, ${so.holidays.adjustments.remove.length} removed)`
        : ''
    }`,
  ];
}

/**
 * The standing orders a proposed board is run under, from its process (`board/<id>`): after amendments
 * they may differ from the preset or file it was proposed with. A board that has ended shows them too.
 */
async function registered(boardId: string): Promise<RegisteredStandingOrders> {
  return withClient(async (client, namespace) => {
    try {
      return await registeredStandingOrders(client, boardId, '<preset|file>', { allowEnded: true });
    } catch (error) {
      if (error instanceof BoardNotRegistered)
        throw new UserError(
          `<preset|file>: "${boardId}" is neither a preset (${PRESETS_LIST}), a file that exists, nor a board proposed in namespace ${namespace}`,
        );
      throw error;
    }
  });
}

/**
 * A preset, a file, or a proposed board: `board/<id>` always names the board; a bare id does when it is
 * neither a preset nor a file.
 */
async function standingOrdersFor(
  ref: string,
  today: CivilDate,
): Promise<{ so: StandingOrders; source: string }> {
  const boardId = ref.startsWith('board/') ? ref.slice('board/'.length) : undefined;
  if (boardId === undefined && (isPresetName(ref) || existsSync(ref) || !slugSchema.safeParse(ref).success)) {
    const so = loadStandingOrders(ref, '<preset|file>', today);
    return { so, source: isPresetName(ref) ? `the ${ref} preset` : ref };
  }
  const id = boardId ?? ref;
  const r = await registered(id);
  return {
    so: r.standingOrders,
    source: `registered with ${boardWorkflowId(id)}, version ${r.version} in force since ${displayDatesIn(r.since)} (SHA-256 ${r.contentHash})`,
  };
}

/** Registers `show <preset|file>` under `parent` (`standing-orders`, and `board`). */
export function addShowCommand(parent: Command, path: string): void {
  parent
    .command('show <preset|file>')
    .description(
      'Show a board’s standing orders: members and their ids, partners, scope topics, pooled-budget schemes, meeting dates, notice, call-in, quorum and voting rules',
    )
    .option('--json', 'print one JSON document: the standing orders, every default filled in')
    .addHelpText(
      'after',
      `\n<preset|file> is a preset (${PRESETS_LIST}), a YAML/JSON file, or a proposed board (board/<id>, or its id` +
        '\nwhen that is no preset or file): the standing orders its process is run under, from the cluster.' +
        '\nMeetings are listed from today; a preset’s follow its monthly pattern.' +
        example(
          `npx govflow ${path} southampton-jcb`,
          `npx govflow ${path} my-board.yaml --json`,
          `npx govflow ${path} board/southampton-jcb`,
        ),
    )
    .action(async (ref: string, options: { json?: boolean }) => {
      const today = londonCivilDate(Date.now());
      const { so, source } = await standingOrdersFor(ref, today);
      emit(options.json, so, () => describeStandingOrders(so, source, today));
    });
}

export function registerStandingOrdersCommands(program: Command): void {
  const standingOrders = program
    .command('standing-orders')
    .description('The standing orders a board is run under: the choices every other command takes');
  addShowCommand(standingOrders, 'standing-orders show');
}

const SEE = `see \`${SHOW_COMMAND}\``;

/**
 * Where each choice a command takes comes from, added to that option's --help: `<command path> <flag>`, or
 * `<flag>` for every command with it. Kept here, beside the command that shows the choices.
 */
export const CHOICE_SOURCES: Record<string, string> = {
  '--standing-orders': `presets: ${PRESETS_LIST}; ${SEE}`,
  '--member': `the member ids: ${SEE}`,
  'call-in --members': `the O&S member ids: ${SEE}`,
  'consent-urgency --by': `the O&S chair’s id: ${SEE}`,
  'decision propose --topic': `the scope topics: ${SEE}`,
  'decision propose --scheme-id': `the pooled-budget scheme ids: ${SEE}`,
  'decision propose --meeting-date': `the meeting dates: ${SEE}`,
  'decision propose --proposed-by': `the officers: ${SEE}`,
  'board propose --first-meeting': `the meeting dates: ${SEE}`,
  'board propose --terms-of-reference': 'a sample to start from: examples/terms-of-reference.md',
  'parent-decision --partner': `the partner ids: ${SEE}`,
  'parent-decision --by': `the clerks’ emails: ${SEE}`,
  'tor decide --by': `the clerks’ emails: ${SEE}`,
  'tor revise --by': `democratic services’ email: ${SEE}`,
  'review-outcome --by': `the clerks’ emails: ${SEE}`,
  'scrutiny-outcome --by': `democratic services’ email: ${SEE}`,
  'reconsider --by': `democratic services’ email: ${SEE}`,
  'resolve-escalation --step': `the board’s escalation steps: ${SEE}`,
  'resolve-escalation --by': `democratic services, the chief executives and the clerks: ${SEE}`,
  'withdraw --by': `democratic services’ email: ${SEE}`,
  '--board': `the board id heads \`${SHOW_COMMAND}\``,
};

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Adds to each option that takes a choice where its choices come from (see {@link CHOICE_SOURCES}). */
export function nameChoiceSources(program: Command): void {
  const visit = (command: Command) => {
    const path = commandPath(command);
    for (const option of command.options) {
      const flag = option.long;
      if (!flag) continue;
      const source = CHOICE_SOURCES[`${path} ${flag}`] ?? CHOICE_SOURCES[flag];
      if (source && !option.description.includes(source)) option.description += ` (${source})`;
    }
    command.commands.forEach(visit);
  };
  visit(program);
}
