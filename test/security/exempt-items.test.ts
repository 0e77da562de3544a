/**
 * Confidential (exempt) items end to end, on the dev server with a key configured: the worker process (real
 * PGlite register, real SMTP, public pages, logs at DEBUG) and the client encrypt every payload; the raw
 * history read from the server without the codec holds no plaintext of the exempt report (the same search
 * finds it when no key is set); the codec server gives it back to a bearer of the token and to nobody
 * else; search attributes, the worker's logs, the mail sent, the public pages and the register never
 * carry it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openRegister } from '../../activities/records/register';
import { startDecision } from '../../client/processes/decision';
import { decisionStatusQuery, urgencyConsentUpdate, type DecisionStage } from '../../definitions';
import { addDays, londonCivilDate } from '../../governance/civil-date';
import { UserError } from '../../definitions/errors';
import {
  EncryptionCodec,
  dataConverterFromEnv,
  encryptingDataConverter,
  parseKeyRing,
} from '../../security/codec';
import { startCodecServer, type RunningCodecServer } from '../../security/codec-server';
import { anchorDay, firstDay, presetFrom } from '../support/dates';
import { snapshot } from '../support/registers';
import { uniqueTaskQueue } from '../support/temporal';
import { SmtpSink } from '../reliability/support/smtp-sink';
import {
  awayFromLondonMidnight,
  MIDNIGHT_WAIT_MS,
  itemToday,
  poll,
  southampton,
  spawnWorker,
  type WorkerProcess,
} from '../reliability/support/harness';

const NEW = randomBytes(32).toString('base64');
const OLD = randomBytes(32).toString('base64');
const KEYS = `k2026:${NEW},k2025:${OLD}`;
const TOKEN = randomBytes(24).toString('hex');
const marker = `EXEMPT-${randomUUID()}`;
/** The exempt report: commercially confidential (Schedule 12A paragraph 3). */
const report = (which: string) =>
  `${marker}-${which} Acme Care Ltd tender: £1,234,567 a year; the second bidder withdrew after due diligence on its accounts.`;

type Json = Record<string, unknown>;
/** Every Payload in a decoded-from-JSON protobuf message, except search attributes (indexed by the server, never payloads of ours). */
function payloads(
  node: unknown,
  found: { where: string; payload: Json }[] = [],
  where = '',
): { where: string; payload: Json }[] {
  if (!node || typeof node !== 'object') return found;
  if (Array.isArray(node)) {
    node.forEach((n, i) => payloads(n, found, `${where}[${i}]`));
    return found;
  }
  const obj = node as Json;
  if ('metadata' in obj && 'data' in obj && typeof obj.metadata === 'object') {
    found.push({ where, payload: obj });
    return found;
  }
  for (const [k, v] of Object.entries(obj))
    if (k !== 'searchAttributes' && k !== 'indexedFields') payloads(v, found, `${where}.${k}`);
  return found;
}
const metaOf = (p: Json, k: string) =>
  Buffer.from(String((p.metadata as Record<string, string>)[k] ?? ''), 'base64').toString('utf8');

describe('exempt items stay confidential', () => {
  let connection: Connection;
  let secure: Client;
  let plain: Client;
  let worker: WorkerProcess | undefined;
  let codecServer: RunningCodecServer;
  let dir: string;
  const sink = new SmtpSink();
  const ring = parseKeyRing(KEYS, 'test');

  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    secure = new Client({ connection, dataConverter: encryptingDataConverter(ring) });
    plain = new Client({ connection });
    codecServer = await startCodecServer({
      codec: new EncryptionCodec(ring),
      tokens: [TOKEN],
      origins: ['http://127.0.0.1:8233'],
      port: 0,
    });
    dir = await mkdtemp(path.join(tmpdir(), 'govflow-exempt-'));
    await sink.start();
  });
  afterAll(async () => {
    await worker?.kill();
    await codecServer?.close();
    await sink.stop();
    await connection?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function rawHistory(workflowId: string) {
    const response = await connection.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId },
      maximumPageSize: 1000,
    });
    const bytes = Buffer.from(
      temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse.encode(response).finish(),
    );
    const json = temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse.toObject(response, {
      bytes: String,
      longs: String,
    }) as Json;
    return { bytes, json };
  }
  const stageIs = (handle: WorkflowHandle, stage: DecisionStage) =>
    poll(
      () => handle.query(decisionStatusQuery).then((s) => s.stage),
      (s) => s === stage,
      `stage ${stage}`,
      60_000,
    );

  it(
    'encrypts every payload of two exempt items, and no search attribute, log line, email, public page or register row carries the report',
    { timeout: 150_000 + MIDNIGHT_WAIT_MS },
    async () => {
      await awayFromLondonMidnight();
      const taskQueue = uniqueTaskQueue('exempt');
      worker = await spawnWorker({
        GOVFLOW_ENCRYPTION_KEY: KEYS,
        GOVFLOW_DATA_DIR: dir,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(sink.port),
        GOVFLOW_TASK_QUEUE: taskQueue,
        GOVFLOW_TEST_LOG_LEVEL: 'DEBUG',
      });
      const pagesUrl = /READY (\S+)/.exec(worker.output())![1]!;
      const tomorrow = addDays(londonCivilDate(Date.now()), 1);
      // A: meeting tomorrow, so the private-meeting notice is late: special urgency, the O&S chair agrees, the agenda goes out.
      const a = await startDecision(
        secure,
        taskQueue,
        itemToday(`exempt-a-${Date.now()}`, {
          meetingDate: tomorrow,
          exemptParagraph: 3,
          summary: report('A'),
          amountGbp: 900_000,
        }),
      );
      // B: a key decision at Southampton's first meeting a year or more ahead (the dev server runs on real
      // time: its notice waits do not end during the test), on the Forward Plan as an exempt item, waiting
      // for its private-meeting confirmation.
      const laterMeeting = firstDay(addDays(anchorDay(), 365), (d) =>
        presetFrom('southampton-jcb').meetings.includes(d),
      );
      const b = await startDecision(
        secure,
        taskQueue,
        itemToday(`exempt-b-${Date.now()}`, {
          meetingDate: laterMeeting,
          exemptParagraph: 3,
          summary: report('B'),
          amountGbp: 900_000,
        }),
      );
      await stageIs(a, 'awaiting-urgency-consent');
      await a.executeUpdate(urgencyConsentUpdate, {
        args: [
          {
            by: southampton.overviewAndScrutiny.chair.id,
            reason: 'Contract lapses on the 1st; no later meeting before then.',
          },
        ],
      });
      await stageIs(a, 'awaiting-meeting');
      await stageIs(b, 'awaiting-notice-period');
      await poll(
        async () => sink.accepted.length,
        (n) => n >= 1 + southampton.members.length,
        'the urgency request and the agenda mail',
      );

      for (const handle of [a, b]) {
        // The raw history, read without the codec: no plaintext of the report, in any byte.
        const { bytes, json } = await rawHistory(handle.workflowId);
        expect(bytes.includes(Buffer.from(marker)), handle.workflowId).toBe(false);
        expect(bytes.includes(Buffer.from('Acme Care Ltd')), handle.workflowId).toBe(false);
        // Every payload (input, activity inputs and results, Update arguments, user metadata) is ciphertext under the current key.
        const all = payloads(json.history);
        expect(all.length).toBeGreaterThan(10);
        // The SDK writes a patch marker's own data (the patch id) outside the codec: names of code paths, never ours.
        const patchMarker = (where: string) => where.includes('.markerRecordedEventAttributes.details.');
        for (const { where, payload } of all.filter((p) => patchMarker(p.where)))
          expect(Buffer.from(String(payload.data), 'base64').toString('utf8'), where).toMatch(
            /^\{"id":"[a-z0-9-]+","deprecated":(true|false)\}$/,
          );
        expect(
          all
            .filter(
              ({ where, payload }) =>
                !patchMarker(where) && metaOf(payload, 'encoding') !== 'binary/encrypted',
            )
            .map((p) => p.where),
        ).toEqual([]);
        const ours = all.filter(({ where }) => !patchMarker(where));
        expect(new Set(ours.map(({ payload }) => metaOf(payload, 'encryption-key-id')))).toEqual(
          new Set(['k2026']),
        );

        // The codec server decodes the workflow input for a bearer of the token, and for nobody else.
        const input = all.find((p) =>
          p.where.includes('workflowExecutionStartedEventAttributes.input'),
        )!.payload;
        const decode = (headers: Record<string, string>) =>
          fetch(`${codecServer.url}/decode`, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'X-Namespace': 'default',
              Origin: 'http://127.0.0.1:8233',
              ...headers,
            },
            body: JSON.stringify({ payloads: [input] }),
          });
        const granted = await decode({ Authorization: `Bearer ${TOKEN}` });
        expect(granted.status).toBe(200);
        const decoded = (await granted.json()) as { payloads: { data: string }[] };
        expect(Buffer.from(decoded.payloads[0]!.data, 'base64').toString('utf8')).toContain(marker);
        for (const headers of [{}, { Authorization: `Bearer ${randomBytes(24).toString('hex')}` }] as Record<
          string,
          string
        >[]) {
          const refused = await decode(headers);
          expect(refused.status).toBe(401);
          expect(await refused.text()).not.toContain(marker);
        }

        // Search attributes (and the summary and details the Web UI lists) carry the paragraph, not the report.
        const description = await handle.describe();
        expect(JSON.stringify(description.raw.workflowExecutionInfo?.searchAttributes)).not.toContain(marker);
        expect(JSON.stringify(description.typedSearchAttributes.getAll())).not.toContain(marker);
        expect(
          description.typedSearchAttributes.getAll().find((p) => p.key.name === 'GovflowExempt')?.value,
        ).toBe(true);
        expect(await description.staticSummary()).toMatch(/exempt item \(paragraph 3\)/);
        expect(`${await description.staticDetails()}`).not.toContain(marker);
        expect(JSON.stringify(await handle.query(decisionStatusQuery))).not.toContain(marker);
      }
      const listed = [];
      for await (const row of secure.workflow.list({ query: `TaskQueue = '${taskQueue}'` }))
        listed.push(JSON.stringify(row.typedSearchAttributes.getAll()));
      expect(listed.length).toBe(2);
      expect(listed.join('')).not.toContain(marker);

      // Mail: the agenda went to every member, with the exempt notice in place of the report.
      expect(sink.accepted.some((m) => m.step.startsWith('agenda-published'))).toBe(true);
      for (const m of sink.accepted) expect(m.raw, m.step).not.toContain(marker);
      expect(sink.accepted.find((m) => m.step.startsWith('agenda-published'))!.raw).toMatch(/paragraph 3/);

      // Public pages and feeds: the forward plan and the agenda show the item as exempt, without the report.
      const pages = [
        '/',
        '/forward-plan',
        '/forward-plan.json',
        '/forward-plan.ics',
        '/decisions',
        '/decisions.json',
        '/decisions.rss',
        '/meetings',
        `/meetings/${encodeURIComponent(`southampton-jcb/${tomorrow}`)}`,
        '/search?q=care',
        ...['meeting', 'agendaItem', 'paper', 'consultation', 'file'].map(
          (list) => `/oparl/v1/body/register/${list}?limit=100`,
        ),
      ];
      const served: string[] = [];
      for (const page of pages) {
        const res = await fetch(`${pagesUrl}${page}`);
        const body = await res.text();
        served.push(`${page} ${res.status}`);
        expect(res.status, page).toBe(200);
        expect(body, page).not.toContain(marker);
        expect(body, page).not.toContain('Acme Care Ltd');
      }
      const plan = await (await fetch(`${pagesUrl}/forward-plan.json`)).text();
      expect(plan).toMatch(/paragraph 3/);
      const papers = await (await fetch(`${pagesUrl}/oparl/v1/body/register/paper?limit=100`)).text();
      expect(papers).toMatch(/Exempt under paragraph 3 of Schedule 12A/);

      // The worker's logs at DEBUG level: plenty of lines, none with the report.
      worker.child.kill('SIGTERM');
      await worker.exited;
      const logs = worker.output();
      expect(logs.split('\n').length).toBeGreaterThan(20);
      expect(logs).not.toContain(marker);
      worker = undefined;

      // The register (every table, every column): the report never reached it.
      const register = await openRegister({ dataDir: dir });
      try {
        const everything = JSON.stringify(await snapshot(register));
        expect(everything).toContain('exempt');
        expect(everything).not.toContain(marker);
      } finally {
        await register.close();
      }

      // The same search finds the report when no key is configured: the test can fail.
      const exposed = await plain.workflow.start('decision', {
        taskQueue: uniqueTaskQueue('no-worker'),
        workflowId: `decision/southampton-jcb/plain-${Date.now()}`,
        args: [itemToday('plain', { exemptParagraph: 3, summary: report('plain') })],
      });
      try {
        expect((await rawHistory(exposed.workflowId)).bytes.includes(Buffer.from(marker))).toBe(true);
      } finally {
        await exposed.terminate('test finished');
      }
      // A client without the key cannot read them, and says what is missing.
      const keyless = new Client({ connection, dataConverter: dataConverterFromEnv({}) });
      const summary = await keyless.workflow
        .getHandle(a.workflowId)
        .describe()
        .then((d) => d.staticSummary())
        .catch((e: unknown) => e);
      expect(summary).toBeInstanceOf(UserError);
      expect(String(summary)).toMatch(/encrypted \(key "k2026"\): set GOVFLOW_ENCRYPTION_KEY/);
      for (const handle of [a, b]) await handle.terminate('test finished');
      console.log(
        `[exempt] 2 exempt items; raw histories: 0 plaintext hits, every payload encrypted with k2026; codec server: decoded with the token, 401 without; ${sink.accepted.length} emails, ${served.length} public pages, ${logs.split('\n').length} log lines, the whole register: 0 hits`,
      );
    },
  );
});
