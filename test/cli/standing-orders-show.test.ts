/**
 * Officers can see what they are choosing from (issue 12, item 4): `govflow standing-orders show` (and
 * `board show`) prints a board's members and their ids, partners, scope topics, pooled-budget schemes,
 * meeting dates and rules; every option that takes one of those choices says where they come from; and the
 * sample Terms of Reference the README names is one `board propose` takes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../client/commands';
import { CHOICE_SOURCES, SHOW_COMMAND } from '../../client/commands/standing-orders';
import { boardWorkflowId, type BoardStatus } from '../../definitions';
import { addYears, compareCivilDates, londonCivilDate } from '../../governance/civil-date';
import { displayDate } from '../../governance/display-dates';
import { resolveStandingOrders, type StandingOrders } from '../../governance/standing-orders';
import { contentHash } from '../../governance/content-hash';
import { projectRoot } from '../support/processes';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import { cli, reach, tempDir, uniqueBoardId, writeFile } from './harness';

/** The CLI shows a preset's meetings from its own today (London): the test reads the same day. */
const today = () => londonCivilDate(Date.now());
const SAMPLE_TOR = 'examples/terms-of-reference.md';
/** Cells of a printed table row, as a pattern: the values in order, separated by padding. */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const row = (...cells: string[]) => new RegExp(`^ {2}${cells.map(escape).join(' {2,}')}$`, 'm');

describe('govflow standing-orders show of presets and files', () => {
  const govflow = cli('unused');

  it('prints the Southampton preset: members with ids and roles, partners, scope, schemes, meetings from today, rules', async () => {
    const day = today();
    const so = resolveStandingOrders('southampton-jcb', day);
    const result = await govflow.run('standing-orders', 'show', 'southampton-jcb');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(
      /^Southampton Joint Commissioning Board \(southampton-jcb\), a joint commissioning board\n/,
    );

    // Members by id, with name, partner, role and how they vote.
    expect(out).toMatch(
      row(
        'cllr-ada-shaw',
        'Cllr Ada Shaw',
        'council',
        'Cabinet Member for Health and Adult Social Care',
        'voting, Cabinet member, chair, council lead',
      ),
    );
    expect(out).toMatch(
      row('dr-dev-patel', 'Dr Dev Patel', 'nhs', 'CCG Chair (Governing Body GP member)', 'voting, nhs lead'),
    );
    expect(out).toMatch(row('finn-hughes', 'Finn Hughes', 'nhs', 'Governing Body lay member', 'voting'));
    for (const m of so.members) {
      expect(out).toMatch(
        new RegExp(`^ {2}${[m.id, m.name, m.partner, m.role].map(escape).join(' {2,}')} {2,}voting`, 'm'),
      );
    }

    // Partners, with their parent bodies and clerks; O&S members by id.
    expect(out).toMatch(
      /^ {2}council +Southampton City Council \(council\) +parent body: Cabinet of Southampton City Council; clerk: Example Cabinet Clerk <cabinet\.clerk@southampton\.example\.org>;/m,
    );
    expect(out).toMatch(
      /^ {2}nhs +NHS Southampton City Clinical Commissioning Group \(nhs\) +parent body: Southampton City CCG Governing Body;/m,
    );
    expect(out).toMatch(row('cllr-gil-turner', 'Cllr Gil Turner', 'chair'));
    for (const m of so.overviewAndScrutiny.members) expect(out).toMatch(row(m.id, m.name));

    // Scope topics and the pooled-budget schemes with ids, names and amounts.
    for (const topic of so.delegation.scope) expect(out).toMatch(new RegExp(`^ {2}${topic}$`, 'm'));
    expect(out).toContain('Pooled-budget schemes (decision propose --scheme-id): 10, £105,196,000 in total');
    expect(out).toMatch(row('carers', 'Carers', 's75', '£1,374,000', 'nhs £1,240,000, council £134,000'));
    expect(out).toMatch(
      row(
        'prevention-early-intervention',
        'Prevention & Early Intervention',
        's75',
        '£6,199,000',
        'council £6,199,000',
      ),
    );

    // The meeting dates from today: every meeting of the calendar on or after today, none before.
    const upcoming = so.meetings.filter((d) => compareCivilDates(d, day) >= 0);
    const earlier = so.meetings.length - upcoming.length;
    expect(upcoming.length).toBeGreaterThanOrEqual(24);
    const meetings = out.slice(out.indexOf('Meeting dates from'), out.indexOf('Notice rules'));
    expect(meetings.split('\n')[0]).toBe(
      `Meeting dates from ${displayDate(day)} (decision propose --meeting-date; board propose --first-meeting; given as YYYY-MM-DD):`,
    );
    expect(meetings.split('\n').slice(1, 1 + upcoming.length)).toEqual(
      upcoming.map((d) => `  ${d}  ${displayDate(d)}`),
    );
    for (const d of so.meetings.slice(0, earlier)) expect(meetings).not.toContain(d);
    if (earlier)
      expect(meetings).toContain(`and ${earlier} earlier meeting${earlier === 1 ? '' : 's'}, not shown`);

    // Notice, call-in, quorum and voting rules.
    expect(out).toMatch(row('Forward Plan (key decision)', '28 clear days'));
    expect(out).toMatch(row('Agenda and reports', '5 clear working days'));
    expect(out).toMatch(row('Private meeting notice', '28 clear days'));
    expect(out).toContain('  window:           5 working days after the decision is published');
    expect(out).toContain('  signatories:      5 O&S members');
    expect(out).toContain('  scrutiny meeting: within 15 working days of the call-in');
    expect(out).toContain('  quorum: council 2, nhs 2 voting member(s) present');
    expect(out).toContain(
      "  consensus of both partners: a majority of each partner's voting members present (majority-of-each-partner)",
    );
    expect(out).toContain('  key decision: £500,000 or more, or 2 or more wards');
    expect(out).toContain(
      '  spending limit: £2,000,000, only when all the Cabinet members on the board agree',
    );
    expect(out).toContain(
      '  deferrals: at most 2, then escalation (resolve-escalation --step): chief-executives (15 working days) -> parent-bodies (40 working days)',
    );
  });

  it('answers as `board show` the same, and with --json prints the standing orders themselves, which it reads back', async () => {
    const day = today();
    const [shown, asBoard, json] = await Promise.all([
      govflow.run('standing-orders', 'show', 'wiltshire-adult-jcb'),
      govflow.run('board', 'show', 'wiltshire-adult-jcb'),
      govflow.json<StandingOrders>('standing-orders', 'show', 'wiltshire-adult-jcb'),
    ]);
    expect(shown.code).toBe(0);
    expect(asBoard).toEqual(shown);
    const so = resolveStandingOrders('wiltshire-adult-jcb', day);
    // The holidays carry the bundled feed's news for the region (as every process started from them does).
    expect(json).toEqual({ ...so, holidays: { ...so.holidays, adjustments: expect.any(Object) } });
    expect(json.meetings).toEqual(so.meetings);
    // No delegated power, no pooled budget: said so, not left out.
    expect(shown.stdout).toContain(
      'No delegated power: the board recommends to both parent bodies. Scope topics (decision propose --topic):',
    );
    expect(shown.stdout).toContain(
      'Pooled-budget schemes (decision propose --scheme-id): 0, £0 in total\n  (none)',
    );

    const file = writeFile(tempDir(), 'wiltshire.json', json);
    const again = await govflow.run('standing-orders', 'show', file);
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n').slice(2)).toEqual(shown.stdout.split('\n').slice(2));
    expect(again.stdout.split('\n')[1]).toBe(`Standing orders: ${file}`);
  });

  it('shows a file’s own meetings from today, with those already past counted but not listed', async () => {
    const day = today();
    const base = resolveStandingOrders('bath-nes-joint-committee', day);
    const past = ['2019-01-09', '2019-02-13'];
    const ahead = [addYears(day, 1), addYears(day, 2)];
    const file = writeFile(tempDir(), 'board.json', { ...base, meetings: [...past, ...ahead] });
    const result = await govflow.run('standing-orders', 'show', file);
    expect(result.code).toBe(0);
    const meetings = result.stdout.slice(
      result.stdout.indexOf('Meeting dates from'),
      result.stdout.indexOf('Notice rules'),
    );
    expect(meetings.split('\n').slice(1, 4)).toEqual([
      ...ahead.map((d) => `  ${d}  ${displayDate(d)}`),
      '  and 2 earlier meetings, not shown',
    ]);
    expect(meetings).not.toContain('2019');
  });

  it('refuses an unknown preset or board and invalid standing orders in one line (exit 2), naming the presets or the field', async () => {
    const bad = writeFile(tempDir(), 'bad.json', { board: { id: 'Bad Id', name: 'x' } });
    const [unknown, invalid, missing] = await Promise.all([
      govflow.refused('standing-orders', 'show', 'southampton'),
      govflow.refused('board', 'show', bad),
      govflow.run('standing-orders', 'show'),
    ]);
    // Neither a preset nor a file: a board id, looked up on the cluster (the run's dev server), and not found.
    expect(unknown).toBe(
      'govflow: <preset|file>: "southampton" is neither a preset (wiltshire-adult-jcb, southampton-jcb, bath-nes-joint-committee), a file that exists, nor a board proposed in namespace default',
    );
    expect(invalid).toMatch(/^govflow: <preset\|file> .*bad\.json: board\.id: must be a lowercase slug/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'preset|file'");
  });
});

describe('where each choice comes from', () => {
  function helpOf(program: Command, commandPath: string): string {
    let command: Command | undefined = program;
    for (const name of commandPath.split(' ')) command = command?.commands.find((c) => c.name() === name);
    if (!command) throw new Error(`no command ${commandPath}`);
    return command.helpInformation().replace(/\s+/g, ' ');
  }

  it('names `govflow standing-orders show` in the help of every option that takes a member, topic, scheme, meeting date or preset', () => {
    const program = new Command('govflow');
    registerCommands(program);
    const show = SHOW_COMMAND.replace(/\s+/g, ' ');
    const cases: [string, string, string][] = [
      ['board propose', '--standing-orders', show],
      ['board propose', '--first-meeting', `the meeting dates: see \`${show}\``],
      ['board propose', '--terms-of-reference', `a sample to start from: ${SAMPLE_TOR}`],
      ['decision propose', '--board', show],
      ['decision propose', '--topic', `the scope topics: see \`${show}\``],
      ['decision propose', '--scheme-id', `the pooled-budget scheme ids: see \`${show}\``],
      ['decision propose', '--meeting-date', `the meeting dates: see \`${show}\``],
      ['recommendation propose', '--board', show],
      ['calendar deadlines', '--standing-orders', show],
      ['vote', '--member', `the member ids: see \`${show}\``],
      ['declare-interest', '--member', `the member ids: see \`${show}\``],
      ['self-assess', '--member', `the member ids: see \`${show}\``],
      ['call-in', '--members', `the O&S member ids: see \`${show}\``],
      ['consent-urgency', '--by', `the O&S chair’s id: see \`${show}\``],
      ['parent-decision', '--partner', `the partner ids: see \`${show}\``],
      ['resolve-escalation', '--step', `the board’s escalation steps: see \`${show}\``],
      ['tor decide', '--by', `the clerks’ emails: see \`${show}\``],
    ];
    for (const [command, flag, source] of cases) {
      const help = helpOf(program, command);
      const line = help.slice(help.indexOf(`${flag} `), help.indexOf(`${flag} `) + 600);
      expect(help, `${command} ${flag}`).toContain(`${flag} `);
      expect(line, `${command} ${flag}`).toContain(source);
    }
    // Every source is used by some option, so none is stale.
    const all = program.commands.flatMap(function leaves(c: Command): Command[] {
      return [c, ...c.commands.flatMap(leaves)];
    });
    const used = all.flatMap((c) => c.options.map((o) => o.description));
    for (const source of Object.values(CHOICE_SOURCES))
      expect(
        used.some((d) => d.includes(source)),
        source,
      ).toBe(true);
  });

  it('ships the sample Terms of Reference that the README and `board propose --help` name', () => {
    const text = readFileSync(path.join(projectRoot, SAMPLE_TOR), 'utf8');
    expect(text).toMatch(/^# Southampton Joint Commissioning Board: Terms of Reference/);
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    expect(readme).toContain(`--terms-of-reference ${SAMPLE_TOR}`);
    expect(readme).toContain('govflow standing-orders show southampton-jcb');
  });
});

describe('the sample Terms of Reference on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is a draft `board propose` takes: the board is proposed with the file’s text, hashed as written', async () => {
    const taskQueue = uniqueTaskQueue('cli-sample-tor');
    const govflow = cli(taskQueue);
    const boardId = uniqueBoardId('sample-tor');
    // Proposed today (the dev server runs on real time), so the first meeting is the preset's next one.
    const base = resolveStandingOrders('southampton-jcb', today());
    const so = { ...base, board: { ...base.board, id: boardId, name: `${base.board.name} (${boardId})` } };
    const firstMeeting = so.meetings.find((m) => compareCivilDates(m, today()) > 0)!;
    const soFile = writeFile(tempDir(), 'standing-orders.json', so);
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      const started = await govflow.json<{ workflowId: string }>(
        'board',
        'propose',
        '--standing-orders',
        soFile,
        '--terms-of-reference',
        SAMPLE_TOR,
        '--first-meeting',
        firstMeeting,
      );
      expect(started.workflowId).toBe(boardWorkflowId(boardId));
      const handle = server.client.workflow.getHandle(started.workflowId);
      const status = (await reach(handle, 'proposed')) as BoardStatus;
      const text = readFileSync(path.join(projectRoot, SAMPLE_TOR), 'utf8');
      expect(status.draft).toMatchObject({ version: 1, contentHash: contentHash(text) });

      // The proposed board's own standing orders, from its process: by id, or as board/<id>.
      const [byId, asBoard, json] = await Promise.all([
        govflow.run('standing-orders', 'show', boardId),
        govflow.run('board', 'show', `board/${boardId}`),
        govflow.json<StandingOrders>('standing-orders', 'show', boardId),
      ]);
      expect(byId.stderr).toBe('');
      expect(byId.code).toBe(0);
      expect(asBoard).toEqual(byId);
      expect(byId.stdout.split('\n').slice(0, 2)).toEqual([
        `${so.board.name} (${boardId}), a joint commissioning board`,
        expect.stringMatching(
          new RegExp(
            `^Standing orders: registered with board/${boardId}, version 1 in force since ${displayDate(today())} \\(SHA-256 [0-9a-f]{64}\\)$`,
          ),
        ),
      ]);
      expect(byId.stdout).toMatch(
        row(
          'cllr-ada-shaw',
          'Cllr Ada Shaw',
          'council',
          'Cabinet Member for Health and Adult Social Care',
          'voting, Cabinet member, chair, council lead',
        ),
      );
      expect(json).toEqual({ ...so, holidays: { ...so.holidays, adjustments: expect.any(Object) } });
      await handle.terminate('test done');
    });
  });
});
