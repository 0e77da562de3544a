import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { openGovernanceServices, type GovernanceServices } from '../../activities/services';
import { startPublicationServer, type PublicationServer } from '../../publication/server';
import { knownBoards } from '../support/boards';
import { at } from '../support/dates';
import { MEETING, decisionHarness, everyoneFor, item, southampton } from '../support/decision-harness';
import { freePort } from '../support/ports';

/**
 * A decision through the real wiring `npm start` uses (embedded mail store, PGlite register, public
 * pages), with the statutory clock on the time-skipping server so the meeting and the call-in window pass.
 */
describe('a decision leaves its mail, its register rows and its public entries', () => {
  let dataDir: string;
  let services: GovernanceServices;
  let publication: PublicationServer;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'govflow-decision-'));
    services = await openGovernanceServices({
      GOVFLOW_DATA_DIR: dataDir,
      GOVFLOW_SMTP_PORT: String(await freePort()),
    });
    publication = await startPublicationServer({
      register: services.register,
      port: 0,
    });
  });
  afterAll(async () => {
    await publication?.close();
    await services?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('happy path: agenda mail with an invite on disk, decision and forward plan rows, public JSON', async () => {
    const h = await decisionHarness(
      createActivities({
        mailer: services.mailer,
        register: services.register,
        boards: knownBoards(southampton),
      }),
    );
    try {
      const handle = await h.start(item({ ref: '2027-050' }));
      await h.until(at(MEETING, '10:00'));
      await h.vote(handle, everyoneFor);
      expect((await handle.result()).status).toBe('implemented');
    } finally {
      await h.close();
    }
    const forwardPlan = (await (await fetch(`${publication.url}/forward-plan.json`)).json()) as
      { entries?: unknown[] } | unknown[];
    expect(JSON.stringify(forwardPlan)).toContain(
      'Integrated rehabilitation and reablement service: new contract',
    );
    // Reg 9(1)(e)-(g): the report to be considered and the officer to ask for it, from the decision itself.
    const plan = (await (await fetch(`${publication.url}/forward-plan`)).text()).replace(/\s+/g, ' ');
    const commissioning = southampton.officers.commissioning!;
    expect(plan).toContain(`${commissioning.name} (${commissioning.email})`);
    expect(plan).toContain('Report: Integrated rehabilitation and reablement service: new contract');
    const decisions = JSON.stringify(await (await fetch(`${publication.url}/decisions.json`)).json());
    expect(decisions).toContain('decision/southampton-jcb/2027-050');
    expect(decisions).toContain(MEETING);
    // The workflow's tally is how the votes were counted, not why the board decided (issue 18).
    const notice = (await (await fetch(`${publication.url}/decisions`)).text()).replace(/\s+/g, ' ');
    expect(notice).toContain('<h3>Reasons</h3> <p class="lines">Not recorded');
    expect(notice).toMatch(/<h3>How the votes were counted<\/h3> <ul> <li>Southampton City Council: \d+ for/);
    expect(notice).toMatch(/<dt>Call-in<\/dt> <dd>Implemented on \w+day/);
    for (const member of southampton.members) expect(notice).not.toContain(member.email);

    const files = await readdir(services.mailDir!);
    const messages = await Promise.all(files.map((f) => readFile(path.join(services.mailDir!, f), 'utf8')));
    const agenda = messages.filter((m) => m.includes('BEGIN:VCALENDAR') && m.includes('METHOD:REQUEST'));
    expect(agenda).toHaveLength(southampton.members.length);
    for (const member of southampton.members)
      expect(messages.some((m) => m.includes(member.email))).toBe(true);

    const { rows } = await services.register.db.query<{ n: number }>(
      "select count(*)::int as n from audit_log where workflow_id = 'decision/southampton-jcb/2027-050'",
    );
    expect(rows[0]!.n).toBeGreaterThanOrEqual(10);
  });
});
