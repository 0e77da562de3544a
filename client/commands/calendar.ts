/**
 * `govflow calendar holidays|deadlines|call-in`: the statutory calendar from governance/.
 * Human-readable by default; with --json exactly one JSON document on stdout.
 */
import type { Command } from 'commander';
import {
  type CivilDate,
  type HolidayCalendar,
  type NoticeRule,
  type NoticeRules,
  type Region,
  DEFAULT_NOTICE_RULES,
  FIRST_SUPPORTED_YEAR,
  LAST_SUPPORTED_YEAR,
  REGIONS,
  bankHolidays,
  callInWindow,
  displayDate,
  describeRule,
  holidayCalendar,
  isRegion,
  londonCivilDate,
  meetingDeadlines,
} from '../../governance';
import type { StandingOrders } from '../../governance/standing-orders';
import {
  type FeedDifference,
  feedDifference,
  feedDifferences,
  withFeed,
} from '../../governance/holiday-feed';
import { importHolidayFeed, loadHolidayFeed } from '../holiday-feed-file';
import { holidayNewsFrom, tellRunningProcesses, type ProcessTold } from '../holiday-news';
import { withClient } from '../actions/connect';
import { UserError } from '../../definitions/errors';
import { loadStandingOrders } from '../standing-orders-file';
import { dateFlag } from '../actions/flags';

/** Dates as people read them, from the one formatter (--json keeps YYYY-MM-DD). */
const day = (d: CivilDate) => displayDate(d);
/** Room for the longest date, "Wednesday 30 September 2027", so the column after it lines up. */
const DATE_WIDTH = 27;

function parseYear(value: string): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new UserError(
      `--year: "${value}" must be a year from ${FIRST_SUPPORTED_YEAR} to ${LAST_SUPPORTED_YEAR}`,
    );
  }
  return year;
}

function parseRegion(value: string): Region {
  if (!isRegion(value))
    throw new UserError(`--region: unknown region "${value}"; must be one of ${REGIONS.join(', ')}`);
  return value;
}

interface CommonOptions {
  region?: string;
  standingOrders?: string;
  json?: boolean;
}

interface Context {
  region: Region;
  /** Holidays the GOV.UK feed has that the rules do not (yet). */
  feedAdded: Set<CivilDate>;
  calendar: HolidayCalendar;
  standingOrders?: StandingOrders;
}

/**
 * The region is --region, else the standing orders' region, else england-and-wales. The standing
 * orders' holiday adjustments apply to their own region only.
 */
function context(opts: CommonOptions): Context {
  const region = opts.region === undefined ? undefined : parseRegion(opts.region);
  const so = opts.standingOrders === undefined ? undefined : loadStandingOrders(opts.standingOrders);
  const effective: Region = region ?? so?.holidays.region ?? 'england-and-wales';
  const { feed } = loadHolidayFeed();
  // The standing orders already carry the feed's news for their own region; another region gets it here.
  const adjustments =
    so && so.holidays.region === effective
      ? so.holidays.adjustments
      : withFeed(effective, { add: [], remove: [] }, feed);
  return {
    region: effective,
    feedAdded: new Set(feedDifference(feed, effective).added.map((a) => a.date)),
    calendar: holidayCalendar(effective, adjustments),
    ...(so ? { standingOrders: so } : {}),
  };
}

function describeDifference(d: FeedDifference): string[] {
  const span = `${d.years[0]}-${d.years.at(-1)}`;
  const lines = [
    `  ${d.region}, ${span}: ${d.added.length + d.removed.length === 0 ? "the same holidays as govflow's rules" : "differs from govflow's rules"}`,
    ...d.added.map((h) => `    + ${day(h.date)}  ${h.name} (in the feed, not in the rules: now a holiday)`),
    ...d.removed.map(
      (h) => `    - ${day(h.date)}  ${h.name} (in the rules, not in the feed: no longer a holiday)`,
    ),
    ...d.olderThanFeed.map(
      (h) => `    = ${day(h.date)}  ${h.name} (proclaimed after this feed was published: kept)`,
    ),
  ];
  return lines;
}

/** What each running process did with the news. */
function describeTold(told: ProcessTold[]): string[] {
  const upToDate = told.filter((t) => t.outcome === 'up-to-date').length;
  return [
    `Running processes: ${told.length} told, ${upToDate} already up to date.`,
    ...told.flatMap((t) => {
      if (t.outcome === 'refused') return [`  ${t.workflowId}: refused the news: ${t.reason}`];
      if (t.outcome === 'up-to-date' || !t.result) return [];
      const moved = t.result.moved.map(
        (m) => `  ${t.workflowId}: ${m.what} moves from ${day(m.from)} to ${day(m.to)}`,
      );
      return moved.length ? moved : [`  ${t.workflowId}: holidays noted; no pending deadline moved`];
    }),
  ];
}

function print(json: boolean | undefined, value: unknown, human: () => string[]): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human().join('\n')}\n`);
}

const regionOption = [
  '--region <region>',
  `bank-holiday region: ${REGIONS.join(' | ')} (default: the standing orders' region, else england-and-wales)`,
] as const;
const soOption = [
  '--standing-orders <preset|file>',
  'a standing-orders preset name or a YAML/JSON file',
] as const;
const jsonOption = ['--json', 'print exactly one JSON document on stdout'] as const;

export function registerCalendarCommands(program: Command): void {
  const calendar = program
    .command('calendar')
    .description('UK bank holidays, notice deadlines and call-in windows (Europe/London civil dates)');

  calendar
    .command('holidays')
    .description('list the bank holidays of a region and year, sorted by date')
    .requiredOption('--year <yyyy>', `the year (${FIRST_SUPPORTED_YEAR}-${LAST_SUPPORTED_YEAR})`)
    .option(...regionOption)
    .option(...soOption)
    .option(...jsonOption)
    .addHelpText('after', '\nExample:\n  npx govflow calendar holidays --region scotland --year 2027 --json')
    .action((opts: CommonOptions & { year: string }) => {
      const year = parseYear(opts.year);
      const ctx = context(opts);
      const list = bankHolidays(ctx.region, year, ctx.calendar.adjustments);
      print(
        opts.json,
        list.map((h) => ({ date: h.date, name: h.name })),
        () => [
          `Bank holidays in ${ctx.region}, ${year}${ctx.standingOrders ? ` (with ${ctx.standingOrders.board.id} adjustments)` : ''}:`,
          ...list.map(
            (h) =>
              `  ${day(h.date).padEnd(DATE_WIDTH)}  ${h.name}${ctx.feedAdded.has(h.date) ? '  [GOV.UK feed]' : h.source === 'standing-orders' ? '  [standing orders]' : ''}`,
          ),
        ],
      );
    });

  calendar
    .command('import')
    .description(
      'load a newer GOV.UK bank-holidays feed (a file, or a URL where the internet is reachable): new processes use it, and running ones hear it and move their pending deadlines',
    )
    .argument(
      '<file-or-url>',
      'bank-holidays.json as GOV.UK publishes it (https://www.gov.uk/bank-holidays.json)',
    )
    .option(...jsonOption)
    .addHelpText(
      'after',
      '\nExamples:\n  npx govflow calendar import ~/Downloads/bank-holidays.json\n  npx govflow calendar import https://www.gov.uk/bank-holidays.json',
    )
    .action(async (source: string, opts: { json?: boolean }) => {
      const loaded = await importHolidayFeed(source);
      const differences = feedDifferences(loaded.feed);
      const news = holidayNewsFrom(
        differences,
        `GOV.UK bank-holidays feed, imported ${day(londonCivilDate(Date.now()))}`,
      );
      let told: ProcessTold[] | undefined;
      let notTold: string | undefined;
      try {
        told = await withClient((client) => tellRunningProcesses(client, news));
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        notTold = error.message;
        process.exitCode = 1;
      }
      print(
        opts.json,
        { imported: loaded.path, differences, runningProcesses: told ?? null, notTold },
        () => [
          `Imported the bank-holidays feed into ${loaded.path}.`,
          ...differences.flatMap(describeDifference),
          'Processes started from now on carry these holidays; the rules cover the years after the feed.',
          ...(told
            ? describeTold(told)
            : [
                `Running processes were NOT told: ${notTold}`,
                'Import the feed again once Temporal runs: processes already told say so.',
              ]),
        ],
      );
    });

  calendar
    .command('deadlines')
    .description(
      'notice deadlines for a meeting: each the latest working day on which publishing still complies',
    )
    .requiredOption('--meeting <YYYY-MM-DD>', 'the meeting (or decision) date')
    .option(...regionOption)
    .option(...soOption)
    .option(...jsonOption)
    .addHelpText(
      'after',
      '\nExample:\n  npx govflow calendar deadlines --meeting 2027-01-05 --standing-orders southampton-jcb',
    )
    .action((opts: CommonOptions & { meeting: string }) => {
      const meeting = dateFlag(opts.meeting, '--meeting');
      const ctx = context(opts);
      const rules: NoticeRules = ctx.standingOrders?.notice ?? DEFAULT_NOTICE_RULES;
      const d = meetingDeadlines(meeting, rules, ctx.calendar);
      const rows: [string, CivilDate, NoticeRule][] = [
        ['Forward Plan (key decision)', d.forwardPlanNoticeBy, rules.forwardPlan],
        ['General exception notice', d.generalExceptionNoticeBy, rules.generalException],
        ['Private meeting notice', d.privateMeetingNoticeBy, rules.privateMeeting],
        ['Private meeting confirmation', d.privateMeetingConfirmBy, rules.privateMeetingConfirmation],
        ['Agenda and reports', d.agendaPublishBy, rules.agenda],
      ];
      print(opts.json, { ...d, region: ctx.region }, () => [
        `Notice deadlines for a meeting on ${day(meeting)} (${ctx.region}${ctx.standingOrders ? `, ${ctx.standingOrders.board.id}` : ''}):`,
        ...rows.map(
          ([label, date, rule]) =>
            `  ${label.padEnd(30)} ${day(date).padEnd(DATE_WIDTH)}   ${describeRule(rule)}`,
        ),
        'Each date is the latest working day on which publishing still complies.',
      ]);
    });

  calendar
    .command('call-in')
    .description('the call-in window after a decision is published, and when it may be implemented')
    .requiredOption('--published <YYYY-MM-DD>', 'the day the decision record was published')
    .option(...regionOption)
    .option(...soOption)
    .option(...jsonOption)
    .addHelpText('after', '\nExample:\n  npx govflow calendar call-in --published 2027-03-25 --json')
    .action((opts: CommonOptions & { published: string }) => {
      const published = dateFlag(opts.published, '--published');
      const ctx = context(opts);
      const days = ctx.standingOrders?.callIn.windowWorkingDays ?? 5;
      const w = callInWindow(published, days, ctx.calendar);
      print(opts.json, { windowEnds: w.windowEnds, implementableFrom: w.implementableFrom }, () => [
        `Decision published ${day(published)} (${ctx.region}): call-in window of ${days} working day${days === 1 ? '' : 's'} after publication`,
        `  window:             ${w.windowDays.map(day).join(', ')}`,
        `  window ends:        ${day(w.windowEnds)}`,
        `  implementable from: ${day(w.implementableFrom)}`,
      ]);
    });
}
