/**
 * Issue 14's first "Done when", end to end on the wiring `npm start` uses (PGlite register and the embedded
 * mail store on disk under GOVFLOW_DATA_DIR, the public site over HTTP, decisions joining real meeting
 * processes through the meeting desk) on the time-skipping server: a Southampton JCB meeting with a decision
 * item deferred for want of consensus, an exempt item and a late item taken with the chair's consent; moved a
 * week before its agenda's day; one agenda pack; one invitation per member; minutes approved next meeting.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { meetingDesk } from '../../activities/meetings';
import { openGovernanceServices, type GovernanceServices } from '../../activities/services';
import {
  addItemUpdate,
  addLateItemUpdate,
  approveMinutesUpdate,
  decisionStatusQuery,
  decisionWorkflowId,
  meetingStatusQuery,
  meetingWorkflowId,
  moveMeetingUpdate,
  publishDraftMinutesUpdate,
  recordAttendanceUpdate,
  recordItemOutcomeUpdate,
} from '../../definitions';
import { londonCivilDate } from '../../governance/civil-date';
import { startPublicationServer, type PublicationServer } from '../../publication/server';
import { knownBoards } from '../support/boards';
import { addDays, at } from '../support/dates';
import { MEETING, NEXT_MEETING, item, southampton as so } from '../support/decision-harness';
import { freePort } from '../support/ports';
import { timeSkipping, uniqueTaskQueue, withWorker } from '../support/temporal';

const MOVED = addDays(MEETING, 7); // still clear of bank holidays: MEETING is quiet five weeks either side
const by = so.officers.democraticServices.email;
const DECISION = item(); // a key decision of the board, for MEETING
const EXEMPT = { ref: '2027-071', title: 'Care home block contract: tender prices' };
const LATE = { ref: '2027-072', title: 'Winter discharge beds: commit the surge fund' };
const partnerOf = (id: string) => so.members.find((m) => m.id === id)!.partner;
const voters = so.members.filter((m) => m.voting).map((m) => m.id);
const allFor = Object.fromEntries(voters.map((v) => [v, 'for' as const]));
// The council's members for, the NHS's against: no consensus of the partners (southampton-2017 ¶18).
const split = Object.fromEntries(
  voters.map((v) => [v, partnerOf(v) === 'council' ? ('for' as const) : ('against' as const)]),
);

async function readPack(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const standardFontDataUrl = `${path.dirname(require.resolve('pdfjs-dist/package.json'))}/standard_fonts/`;
  const doc = await pdfjs.getDocument({ data: bytes, standardFontDataUrl }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++)
    pages.push(
      (await (await doc.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' '),
    );
  await doc.destroy();
  return pages.join('\n').replace(/\s+/g, ' ');
}

describe('issue 14, done when: a meeting of three items, moved, one pack, one invitation each, minutes approved', () => {
  let dataDir: string;
  let services: GovernanceServices;
  let server: PublicationServer;
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'govflow-done-when-'));
    services = await openGovernanceServices({
      GOVFLOW_DATA_DIR: dataDir,
      GOVFLOW_SMTP_PORT: String(await freePort()),
    });
    server = await startPublicationServer({ register: services.register, port: 0 });
    env = await timeSkipping();
  });
  afterAll(async () => {
    await env?.teardown();
    await server?.close();
    await services?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const until = async (instant: string) => {
    const ms = Date.parse(instant) - (await env.currentTimeMs());
    if (ms > 0) await env.sleep(ms);
  };
  /** Every mail the embedded store kept, raw (.eml): headers, text and any calendar part. */
  const mails = async () => {
    const files = await readdir(services.mailDir!);
    return Promise.all(files.map((f) => readFile(path.join(services.mailDir!, f), 'utf8')));
  };
  const fromProcess = (mail: string, id: string) => mail.includes(`X-Govflow-Workflow-ID: ${id}\r\n`);
  const get = (route: string) => fetch(`${server.url}${route}`);

  it('runs the meeting from its first item to its minutes approved at the next meeting', async () => {
    const taskQueue = uniqueTaskQueue('done-when');
    const activities = createActivities({
      mailer: services.mailer,
      register: services.register,
      boards: knownBoards(so),
      meetings: meetingDesk(env.client, taskQueue),
    });
    const meetingId = meetingWorkflowId(so.board.id, MEETING);
    const nextId = meetingWorkflowId(so.board.id, NEXT_MEETING);
    const pageId = `${so.board.id}/${MEETING}`; // the register keeps the first date's ID when the meeting moves
    let editions = 0;
    await withWorker(env.nativeConnection, taskQueue, activities, async () => {
      // (1) The decision item starts its meeting's process and joins the agenda itself.
      const decision = await env.client.workflow.start('decision', {
        taskQueue,
        workflowId: decisionWorkflowId(so.board.id, DECISION.ref),
        args: [DECISION],
      });
      const meeting = env.client.workflow.getHandle(meetingId);
      await until(new Date((await env.currentTimeMs()) + 3_600_000).toISOString());
      const refs = async () =>
        (await meeting.query(meetingStatusQuery)).agenda.flatMap((e) => ('ref' in e ? [e.ref] : []));
      expect(await refs()).toEqual([DECISION.ref]);
      // (2) The exempt item, its notice of a private meeting given today (well over 28 clear days ahead).
      const today = londonCivilDate(await env.currentTimeMs());
      await meeting.executeUpdate(addItemUpdate, {
        args: [{ by, ...EXEMPT, exemptParagraph: 3, notices: { privateMeeting: today } }],
      });

      // Before the agenda's day the meeting moves a week later; the decision follows it.
      await until(at(addDays(MEETING, -20), '10:00'));
      expect(
        await meeting.executeUpdate(moveMeetingUpdate, {
          args: [{ by, date: MOVED, reason: 'The chamber is needed for a by-election count.' }],
        }),
      ).toBe(`moved to ${MOVED}`);
      await until(at(addDays(MEETING, -20), '11:00'));
      const followed = (await decision.query(decisionStatusQuery)).steps.find(
        (s) => s.kind === 'meeting-moved',
      );
      expect(followed?.detail).toContain(`to ${MOVED}`);
      // Its Forward Plan notice is given again: the public Forward Plan has it due on the new date.
      const planned = (await services.register.forwardPlan()).filter((e) => e.ref === DECISION.ref);
      expect(planned.map((e) => e.decisionDue)).toContain(MOVED);

      // (3) After the agenda is out, the late item with the chair's consent (LGA 1972 s100B(4)).
      await until(at(addDays(MOVED, -7), '12:00'));
      expect((await meeting.query(meetingStatusQuery)).stage).toBe('agenda-published');
      await meeting.executeUpdate(addLateItemUpdate, {
        args: [
          {
            by,
            ...LATE,
            chairConsent: {
              chair: so.partnerLeads.council!,
              reasons: 'The fund must be committed this month.',
            },
          },
        ],
      });

      // At the moved meeting: attendance, the decision not agreed, the other two agreed.
      await until(at(MOVED, '10:00'));
      await meeting.executeUpdate(recordAttendanceUpdate, {
        args: [{ by, present: so.members.map((m) => m.id) }],
      });
      const outcome = (ref: string, votes: Record<string, 'for' | 'against'>, resolution: string) =>
        meeting.executeUpdate(recordItemOutcomeUpdate, {
          args: [{ by, ref, votes, resolution, reasons: 'As the report sets out.' }],
        });
      await outcome(DECISION.ref, split, 'Not agreed: the NHS members want the capacity costed first.');
      await outcome(EXEMPT.ref, allFor, 'Agree the prices in the exempt report.');
      await outcome(LATE.ref, allFor, 'Commit the surge fund to discharge beds.');
      // Deferred for want of consensus, the decision joins the next meeting's agenda.
      await until(at(MOVED, '12:00'));
      const deferred = (await decision.query(decisionStatusQuery)).steps.find((s) => s.kind === 'deferred');
      expect(deferred?.detail).toBe(`the partners did not reach consensus; returns on ${NEXT_MEETING}`);
      const next = await env.client.workflow.getHandle(nextId).query(meetingStatusQuery);
      expect(next.agenda.flatMap((e) => ('ref' in e ? [e.ref] : []))).toEqual([DECISION.ref]);

      await until(at(addDays(MOVED, 4), '11:00'));
      await meeting.executeUpdate(publishDraftMinutesUpdate, { args: [{ by }] });
      await until(at(NEXT_MEETING, '10:30'));
      await meeting.executeUpdate(approveMinutesUpdate, {
        args: [{ by, approvedAt: NEXT_MEETING, amendments: '' }],
      });
      expect((await meeting.result()).outcome).toBe('minutes-approved');
      editions = (await meeting.query(meetingStatusQuery)).steps.filter(
        (s) => s.kind === 'agenda-published',
      ).length;
      // The note asks for the history length of a meeting and what a decision costs now.
      console.log(
        `history events: meeting ${(await meeting.fetchHistory()).events!.length}, decision ${(await decision.fetchHistory()).events!.length}`,
      );
    });

    const sent = await mails();
    // One invitation per member per meeting, the same UID, replaced once with SEQUENCE 1; items send none.
    const invitations = sent.filter((m) => m.includes('BEGIN:VCALENDAR'));
    expect(invitations.filter((m) => fromProcess(m, decisionWorkflowId(so.board.id, DECISION.ref)))).toEqual(
      [],
    );
    const uid = `UID:meeting-${so.board.id}-${MEETING}@govflow`;
    for (const member of so.members) {
      const own = invitations.filter((m) => m.includes(uid) && m.includes(member.email));
      expect(own.map((m) => /SEQUENCE:(\d+)/.exec(m)![1]).sort()).toEqual(['0', '1']);
    }
    expect(invitations.filter((m) => m.includes(uid))).toHaveLength(2 * so.members.length);
    // The next meeting, started by the deferred item, invites each member once too.
    const nextUid = `UID:meeting-${so.board.id}-${NEXT_MEETING}@govflow`;
    for (const member of so.members)
      expect(invitations.filter((m) => m.includes(nextUid) && m.includes(member.email))).toHaveLength(1);
    // The agenda goes to each member once per edition, from the meeting only.
    expect(editions).toBe(2); // the agenda's day, then again with the late item
    const agendas = sent.filter((m) => m.includes('Subject: Agenda published'));
    for (const member of so.members)
      expect(agendas.filter((m) => fromProcess(m, meetingId) && m.includes(member.email))).toHaveLength(
        editions,
      );
    expect(agendas.every((m) => fromProcess(m, meetingId) || fromProcess(m, nextId))).toBe(true);

    // One agenda pack on the public site: the three items, the exempt one by its paragraph only.
    const pack = await get(`/meetings/${pageId}/agenda-pack.pdf`);
    expect(pack.status).toBe(200);
    const text = await readPack(new Uint8Array(await pack.arrayBuffer()));
    // Business after the standing items, the exempt item last, after the resolution to exclude the public.
    const order = [
      DECISION.title,
      LATE.title,
      'Exclusion of the press and public',
      'Exempt under paragraph 3',
    ];
    const positions = order.map((t) => text.indexOf(t));
    expect(positions.every((i, n) => i > (positions[n - 1] ?? 0))).toBe(true);
    expect(text).toContain(`republished late item ${LATE.ref} added with the chair’s consent`);
    expect(text).not.toContain(EXEMPT.title);

    // The public meeting page shows the minutes approved.
    const page = (await (await get(`/meetings/${pageId}`)).text())
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(page).toContain('Minutes Approved at the meeting on');
  });
});
