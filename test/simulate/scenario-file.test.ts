import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { UserError } from '../../definitions/errors';
import { loadScenario, type LoadScenarioOptions } from '../../client/simulate/scenario';
import { PRESETS, resolveStandingOrders } from '../../governance/standing-orders';
import { addDays } from '../../governance/civil-date';
import { projectRoot } from '../support/processes';

/**
 * Loading a scenario needs no server and no clock: `now` is a parameter. A day before every shipped
 * scenario's start, so the file's own dates are read as written; later days show the moves.
 */
const BEFORE_THE_FILES = Date.parse('2026-12-01T00:00:00Z');

/** Checking a scenario file needs no server: everything here is refused or accepted before one starts. */
describe('a scenario file, checked before anything starts', () => {
  let dir: string;
  const write = async (name: string, text: string) => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  };
  const shipped = (name: string) => readFile(path.join(projectRoot, 'scenarios', name), 'utf8');
  const refusal = (file: string, options: LoadScenarioOptions = {}) => {
    try {
      loadScenario(file, options);
    } catch (error) {
      if (error instanceof UserError) return error.message;
      throw error;
    }
    throw new Error('the scenario was accepted');
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'govflow-scenario-file-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads standing orders from a file named relative to the scenario, and its meetings replace the board’s', async () => {
    await writeFile(
      path.join(dir, 'our-board.yaml'),
      stringify({ ...PRESETS['southampton-jcb'], board: { id: 'our-jcb', name: 'Our JCB' } }),
    );
    const text = (await shipped('southampton-happy-path.yaml'))
      .replace('standingOrders: southampton-jcb', 'standingOrders: ./our-board.yaml')
      .replace('meetings: [2027-03-25, 2027-04-22]', 'meetings: [2027-04-22, 2027-03-25]');
    const scenario = loadScenario(await write('relative.yaml', text), { now: BEFORE_THE_FILES });
    expect(scenario.moved).toBeUndefined();
    expect(scenario.standingOrders.board.id).toBe('our-jcb');
    expect(scenario.standingOrders.meetings).toEqual(['2027-03-25', '2027-04-22']);
    expect(scenario.prepared.workflowId).toBe('decision/our-jcb/2027-014');
    expect(scenario.prepared.events.map((e) => e.action)).toEqual(Array(6).fill('vote'));
    expect(scenario.startMs).toBe(Date.parse('2027-01-04T09:00:00Z'));
  });

  it('refuses standing orders that break their own schema, naming the field inside the file', async () => {
    await writeFile(
      path.join(dir, 'bad-board.yaml'),
      stringify({ ...PRESETS['southampton-jcb'], chair: 'nobody' }),
    );
    const text = (await shipped('southampton-happy-path.yaml')).replace(
      'standingOrders: southampton-jcb',
      'standingOrders: bad-board.yaml',
    );
    expect(refusal(await write('bad-board-scenario.yaml', text))).toMatch(
      /^standingOrders .*bad-board\.yaml: chair: "nobody" is not a member id/,
    );
  });

  it('refuses a misspelt input field rather than running the item without it', async () => {
    const text = (await shipped('southampton-happy-path.yaml')).replace(
      '  amountGbp: 800000',
      '  amountGBP: 800000',
    );
    expect(refusal(await write('misspelt.yaml', text))).toBe('input: Unrecognized key: "amountGBP"');
  });

  it('refuses a meeting date listed twice', async () => {
    const text = (await shipped('southampton-happy-path.yaml')).replace(
      'meetings: [2027-03-25, 2027-04-22]',
      'meetings: [2027-03-25, 2027-03-25]',
    );
    expect(refusal(await write('twice.yaml', text))).toBe('meetings.1: 2027-03-25 is listed twice');
  });

  it('names the signatory of a call-in who is not known to the board', async () => {
    const text = (await shipped('southampton-call-in-rescinded.yaml')).replace(
      'cllr-jo-carter, cllr-kit-dawson, cllr-lee-evans',
      'cllr-jo-carter, cllr-kit-dawson, cllr-lee-evens',
    );
    expect(refusal(await write('signatory.yaml', text))).toMatch(
      /^events\.7\.members\.4: "cllr-lee-evens" is not a member of southampton-jcb/,
    );
  });

  it('holds board events to the rules of the Update they send: an amendment request must say what to amend', async () => {
    const text = (await shipped('bath-nes-tor-amendment.yaml')).replace(
      '    comments: Add the CCG Chief Finance Officer as a non-voting member and an annual report to the Governing Body.\n',
      '',
    );
    expect(refusal(await write('amend.yaml', text))).toBe(
      'events.1.comments: an amendment request must say what to amend',
    );
  });

  it('holds a referral by O&S to its reasons: the committee’s concerns are what the board reconsiders', async () => {
    const text = (await shipped('southampton-call-in-rescinded.yaml')).replace(
      '    reasons: The committee asks the board to assess the equality impact before deciding.\n',
      '',
    );
    expect(refusal(await write('referral.yaml', text))).toBe(
      'events.8.reasons: must set out the committee’s concerns when it refers the decision back or to full Council',
    );
  });

  it('checks a board’s first meeting against the approval deadline, counted from the start when no proposal date is given', async () => {
    const text = (await shipped('southampton-board-rejected.yaml')).replace(
      'firstMeeting: 2027-01-14',
      'firstMeeting: 2027-05-14',
    );
    expect(refusal(await write('late-meeting.yaml', text))).toBe(
      'input.firstMeeting: must be by the approval deadline 2027-04-04 (3 months after the proposal)',
    );
  });

  it('refuses an event after until, and an until before the start', async () => {
    const base = await shipped('southampton-happy-path.yaml');
    expect(
      refusal(
        await write(
          'late-event.yaml',
          base.replace('until: 2027-06-30T00:00:00Z', 'until: 2027-03-25T10:06:30Z'),
        ),
      ),
    ).toBe('events.2.at: 2027-03-25T10:07:00Z is after until 2027-03-25T10:06:30Z');
    expect(
      refusal(
        await write(
          'early-until.yaml',
          base.replace('until: 2027-06-30T00:00:00Z', 'until: 2027-01-01T00:00:00Z'),
        ),
      ),
    ).toBe('until: 2027-01-01T00:00:00Z is not after start 2027-01-04T09:00:00Z');
  });

  it('refuses in the file’s own dates even when the scenario would be moved', async () => {
    const base = await shipped('southampton-happy-path.yaml');
    const file = await write(
      'late-event-moved.yaml',
      base.replace('until: 2027-06-30T00:00:00Z', 'until: 2027-03-25T10:06:30Z'),
    );
    const expected = 'events.2.at: 2027-03-25T10:07:00Z is after until 2027-03-25T10:06:30Z';
    expect(refusal(file, { now: Date.parse('2031-06-01T00:00:00Z') })).toBe(expected);
    expect(refusal(file, { now: BEFORE_THE_FILES, startOn: '2029-01-01' })).toBe(expected);
  });

  it('moves a scenario whose start is not in the future forward by whole years of weeks, every date with it', async () => {
    const file = path.join(projectRoot, 'scenarios', 'southampton-happy-path.yaml');
    // At its own start, 4 January 2027 09:00: 52 weeks on is Monday 3 January 2028 (New Year's Day,
    // substitute) and 104 weeks Monday 1 January 2029 (New Year's Day), so it moves 157 weeks (1099 days).
    const scenario = loadScenario(file, { now: Date.parse('2027-01-04T09:00:00Z') });
    expect(scenario.moved).toEqual({
      summary:
        'moved forward 157 weeks: starts Monday 7 January 2030 instead of Monday 4 January 2027 (its start is not in the future); ' +
        'every date moved by 1099 days, weekdays kept; a shorter move would put a day of the scenario on a bank holiday ' +
        '(Monday 3 January 2028, New Year’s Day (substitute day))',
      weeks: 157,
      days: 1099,
      because: 'past',
      passedOver: 'Monday 3 January 2028, New Year’s Day (substitute day)',
      fileStart: '2027-01-04T09:00:00Z',
      start: '2030-01-07T09:00:00Z',
    });
    expect(scenario.startMs).toBe(Date.parse('2030-01-07T09:00:00Z'));
    // until, 01:00 London (BST) on Wednesday 30 June 2027, is 01:00 London on Wednesday 3 July 2030: 00:00 UTC.
    expect(scenario.untilMs).toBe(Date.parse('2030-07-03T00:00:00Z'));
    // The scenario's own meetings (Thursdays) and its meeting date move with it: 25 March 2027 + 1099 days.
    expect(scenario.standingOrders.meetings).toEqual(['2030-03-28', '2030-04-25']);
    expect(scenario.input).toMatchObject({ meetingDate: '2030-03-28', ref: '2027-014' });
    // Votes at 10:05 GMT on the meeting day stay at 10:05 GMT (summer time begins on 31 March 2030).
    expect(scenario.prepared.events.map((e) => e.at)).toEqual([
      '2030-03-28T10:05:00Z',
      '2030-03-28T10:06:00Z',
      '2030-03-28T10:07:00Z',
      '2030-03-28T10:08:00Z',
      '2030-03-28T10:09:00Z',
      '2030-03-28T10:10:00Z',
    ]);
    expect(scenario.prepared.workflowId).toBe('decision/southampton-jcb/2027-014');
    expect(scenario.description).toMatch(/across Easter 2027/);
  });

  it('makes a preset’s meetings from the file’s own start, then moves them with the scenario', async () => {
    const file = path.join(projectRoot, 'scenarios', 'southampton-call-in-rescinded.yaml');
    const scenario = loadScenario(file, { now: Date.parse('2027-06-01T00:00:00Z') });
    const days = scenario.moved!.days;
    // Starts on Thursday 1 April 2027: 52 weeks on is Thursday 30 March 2028, and no day of it falls on a bank holiday.
    expect(days).toBe(364);
    expect(scenario.standingOrders.meetings).toEqual(
      resolveStandingOrders('southampton-jcb', '2027-04-01').meetings.map((m) => addDays(m, days)),
    );
    // The meeting of 10 June 2027 (2nd Thursday) is 8 June 2028, still one of the board's meetings.
    expect(scenario.input.meetingDate).toBe('2028-06-08');
    expect(scenario.standingOrders.meetings).toContain('2028-06-08');
    // Without a move the preset's calendar is still the one of the file's start, whatever day it is read.
    const unmoved = loadScenario(file, { now: BEFORE_THE_FILES });
    expect(unmoved.standingOrders.meetings).toEqual(
      resolveStandingOrders('southampton-jcb', '2027-04-01').meetings,
    );
  });

  it('moves a scenario to --start-on: the first day of its start’s weekday from then', async () => {
    const file = path.join(projectRoot, 'scenarios', 'southampton-deferral-escalation.yaml');
    // Starts Wednesday 1 September 2027; from Monday 1 September 2031 the first Wednesday is 3 September.
    const scenario = loadScenario(file, { now: BEFORE_THE_FILES, startOn: '2031-09-01' });
    expect(scenario.moved).toMatchObject({
      because: 'start-on',
      startOn: '2031-09-01',
      days: 1463,
      summary:
        'moved forward 209 weeks: starts Wednesday 3 September 2031 instead of Wednesday 1 September 2027 (--start-on 2031-09-01); every date moved by 1463 days, weekdays kept',
    });
    expect(scenario.standingOrders.meetings).toEqual(['2031-11-13', '2031-12-11', '2032-01-15']);
    // --start-on the file's own start day is no move at all.
    expect(loadScenario(file, { now: BEFORE_THE_FILES, startOn: '2027-09-01' }).moved).toBeUndefined();
  });

  it('refuses a --start-on that is not a date, or not after today, naming the option', async () => {
    const file = path.join(projectRoot, 'scenarios', 'southampton-happy-path.yaml');
    const now = Date.parse('2031-06-01T12:00:00Z');
    expect(refusal(file, { now, startOn: '2031-02-30' })).toBe(
      '--start-on: "2031-02-30" is not a date YYYY-MM-DD',
    );
    expect(refusal(file, { now, startOn: '1 June 2032' })).toBe(
      '--start-on: "1 June 2032" is not a date YYYY-MM-DD',
    );
    expect(refusal(file, { now, startOn: '2031-06-01' })).toBe(
      '--start-on: 2031-06-01 is not after today (2031-06-01)',
    );
    expect(refusal(file, { now, startOn: '2027-01-04' })).toBe(
      '--start-on: 2027-01-04 is not after today (2031-06-01)',
    );
    expect(loadScenario(file, { now, startOn: '2031-06-02' }).moved?.start).toBe('2031-06-02T08:00:00Z');
  });

  it('says which file is missing or not YAML', async () => {
    expect(refusal(path.join(dir, 'nope.yaml'))).toBe(
      `${path.join(dir, 'nope.yaml')}: no such scenario file`,
    );
    expect(refusal(await write('broken.yaml', 'events: [\n'))).toMatch(/broken\.yaml: not valid YAML: /);
  });
});
