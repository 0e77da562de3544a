/**
 * The public consultations page and its JSON over real HTTP, on both register engines: what is open now,
 * from the entries the consultation process writes; closed ones and ones whose closing day has passed are
 * not shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Register } from '../../activities/records/register';
import { closingDeadline } from '../../governance/consultation';
import { startPublicationServer, type PublicationServer } from '../../publication/server';
import { addDays, anchorDay } from '../support/dates';
import { BOARD, boardEstablished, entry } from '../support/register-entries';
import { registerBackends } from '../support/registers';

const TODAY = anchorDay();
const OPEN = `consultation/${BOARD}/C-OPEN`;
const CLOSED = `consultation/${BOARD}/C-CLOSED`;
const LAPSED = `consultation/${BOARD}/C-LAPSED`;

/** As workflows/consultation/stages.ts writes it. */
const opened = (processId: string, ref: string, subject: string, opensOn: string, closesOn: string) =>
  entry(
    'public-consultation-opened',
    {
      ref,
      subject,
      affected: 'Carers & <people> who use day services',
      methods: ['Press release', 'Open workshop'],
      howToRespond: 'Write to consultation@southampton.example.org',
      opensOn,
      closesOn,
      closesAt: closingDeadline(closesOn).at,
      reportedTo: ['Partnership Board', 'Cabinet', 'ICB Board'],
    },
    processId,
  );

describe.each(registerBackends())('public consultations on $name', (backend) => {
  let register: Register;
  let server: PublicationServer;
  const get = (path: string) => fetch(`${server.url}${path}`);

  beforeAll(async () => {
    if (!backend.available) return;
    register = await backend.open();
    for (const e of [
      boardEstablished(),
      opened(OPEN, 'C-OPEN', 'Day services <b>review</b>', TODAY, addDays(TODAY, 84)),
      opened(CLOSED, 'C-CLOSED', 'Closed consultation', addDays(TODAY, -90), addDays(TODAY, 1)),
      entry('public-consultation-closed', { ref: 'C-CLOSED', closesOn: addDays(TODAY, 1) }, CLOSED),
      // Its closing day is over though the process has not written the close (a worker down at midnight).
      opened(LAPSED, 'C-LAPSED', 'Lapsed consultation', addDays(TODAY, -90), addDays(TODAY, -2)),
    ])
      await register.record(e);
    server = await startPublicationServer({ register, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await register?.close();
    await backend.stop();
  });

  it.skipIf(!backend.available)('lists the open ones as JSON beside the other feeds', async () => {
    const response = await get('/public-consultations.json');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await response.json()) as { publicConsultations: Record<string, unknown>[] };
    expect(body.publicConsultations).toEqual([
      {
        consultationId: OPEN,
        boardId: BOARD,
        boardName: 'Southampton Joint Commissioning Board',
        ref: 'C-OPEN',
        subject: 'Day services <b>review</b>',
        affected: 'Carers & <people> who use day services',
        methods: ['Press release', 'Open workshop'],
        howToRespond: 'Write to consultation@southampton.example.org',
        opensOn: TODAY,
        closesOn: addDays(TODAY, 84),
        closesAt: closingDeadline(addDays(TODAY, 84)).at,
        reportedTo: ['Partnership Board', 'Cabinet', 'ICB Board'],
      },
    ]);
    // Never OParl's word: there a Consultation is a paper before a meeting.
    expect(JSON.stringify(body)).not.toMatch(/"Consultation"|"consultation"\s*:/);
  });

  it.skipIf(!backend.available)(
    'shows subject, who is affected, the closing date and how to respond, escaped',
    async () => {
      const page = await (await get('/public-consultations')).text();
      expect(page).toContain('<h1>Public consultations</h1>');
      expect(page).toContain('Day services &lt;b&gt;review&lt;/b&gt;');
      expect(page).toContain('Carers &amp; &lt;people&gt; who use day services');
      expect(page).toContain('Write to consultation@southampton.example.org');
      expect(page).toMatch(
        /<dt>Closing date<\/dt>\s*<dd>\d{1,2} [A-Z][a-z]+ \d{4} \(responses are taken until the end of that day\)<\/dd>/,
      );
      expect(page).not.toContain('Closed consultation');
      expect(page).not.toContain('Lapsed consultation');
      expect(await (await get('/')).text()).toContain('href="/public-consultations"');
    },
  );
});
