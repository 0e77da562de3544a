import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { UserError } from '../../client/errors';
import { loadScenario } from '../../client/simulate/scenario';
import { PRESETS } from '../../governance/standing-orders';
import { projectRoot } from '../support/processes';

/** Checking a scenario file needs no server: everything here is refused or accepted before one starts. */
describe('a scenario file, checked before anything starts', () => {
  let dir: string;
  const write = async (name: string, text: string) => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  };
  const shipped = (name: string) => readFile(path.join(projectRoot, 'scenarios', name), 'utf8');
  const refusal = (file: string) => {
    try {
      loadScenario(file);
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
    const scenario = loadScenario(await write('relative.yaml', text));
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

  it('says which file is missing or not YAML', async () => {
    expect(refusal(path.join(dir, 'nope.yaml'))).toBe(
      `${path.join(dir, 'nope.yaml')}: no such scenario file`,
    );
    expect(refusal(await write('broken.yaml', 'events: [\n'))).toMatch(/broken\.yaml: not valid YAML: /);
  });
});
