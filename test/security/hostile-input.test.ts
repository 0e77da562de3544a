/**
 * Input that can never be stored, or that breaks what shows it, is refused at the door (issue 19, item 2):
 * a NUL byte or a lone surrogate (the register could not store it and retried for ever), control characters
 * (one made /decisions.rss invalid XML for everyone), terminal escapes and line breaks in names, a title of
 * zero-width spaces, markdown that became live links in the Web UI, dates in year 0001 or 9999, numbers such
 * as 0x10, a 600 MB standing-orders file, an unknown namespace or profile and a wrong key ring. Each is one
 * line naming the field or setting, exit 2 (or a refused Update), and nothing is started. The CLI runs
 * against the run's dev server with a worker in the test; the feeds are read over HTTP from a real register.
 */
import { closeSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  Client,
  WorkflowFailedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  declareInterestUpdate,
  decisionStatusQuery,
  withdrawUpdate,
  type DecisionInput,
} from '../../definitions';
import { startPublicationServer } from '../../publication/server';
import { encryptingDataConverter, parseKeyRing } from '../../security/codec';
import { registerBoard } from '../support/boards';
import { govflow } from '../support/processes';
import { recordingActivities } from '../support/recording-activities';
import { decisionPublic, forwardPlanPublic } from '../support/register-entries';
import { registerBackends } from '../support/registers';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import {
  cli,
  daysFromToday,
  itemMeetingToday,
  reach,
  standingOrders,
  tempDir,
  uniqueBoardId,
  writeFile,
} from '../cli/harness';

const PROPOSER = 'commissioning.lead@southampton.example.org';
/** Every character XML 1.0 allows (its Char production): anything else makes the document unreadable. */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

describe('hostile input is refused at the door (issue 19, item 2)', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => server?.close());

  const notStarted = async (workflowId: string) =>
    expect(
      server.client.workflow
        .getHandle(workflowId)
        .describe()
        .then(() => 'started'),
    ).rejects.toBeInstanceOf(WorkflowNotFoundError);

  it(
    'text no store can hold or that breaks a feed, a terminal, a mail header or the Web UI: one line naming the field, exit 2, nothing started',
    { timeout: 180_000 },
    async () => {
      const taskQueue = uniqueTaskQueue('hostile-cli');
      const officer = cli(taskQueue);
      const boardId = uniqueBoardId('hostile');
      const meeting = daysFromToday(60);
      const so = standingOrders('southampton-jcb', boardId, { meetings: [daysFromToday(20), meeting] });
      const dir = tempDir();
      const item = {
        board: boardId,
        ref: '2027-600',
        title: 'Hospital discharge beds for the winter',
        summary: 'Commission 40 step-down beds.',
        topic: 'hospital discharge',
        amountGbp: 1_200_000,
        meetingDate: meeting,
        proposedBy: PROPOSER,
      };
      // JSON carries what a command line cannot: a NUL byte and a lone surrogate.
      const itemWith = (name: string, change: Record<string, unknown>) =>
        writeFile(dir, `${name}.json`, JSON.stringify({ ...item, ...change }));
      const soWith = (name: string, memberName: string) =>
        writeFile(dir, `${name}.json`, {
          ...so,
          board: { ...so.board, id: uniqueBoardId('hostile-so') },
          members: so.members.map((m, i) => (i === 0 ? { ...m, name: memberName } : m)),
        });
      const tor = (name: string, text: string) => writeFile(dir, name, text);
      const propose = (...args: string[]) => ['decision', 'propose', '--file', itemWith('good', {}), ...args];
      const boardPropose = (torFile: string) => [
        'board',
        'propose',
        '--standing-orders',
        soWith(`board-${path.basename(torFile)}`, 'Cllr Ada Shaw'),
        '--terms-of-reference',
        torFile,
        '--first-meeting',
        daysFromToday(20),
      ];

      const cases: [string, string[], RegExp][] = [
        [
          'a NUL byte in a title',
          ['decision', 'propose', '--file', itemWith('nul', { title: 'Beds\u0000' })],
          /title: must not contain a NUL byte/,
        ],
        [
          'a lone surrogate in a title',
          ['decision', 'propose', '--file', itemWith('surrogate', { title: 'Beds \ud800' })],
          /title: must be valid Unicode \(it has a lone surrogate\)/,
        ],
        [
          'a form feed in a title (it broke /decisions.rss)',
          propose('--title', 'Beds\fwinter'),
          /title: must not contain the control character U\+000C/,
        ],
        [
          'a BEL in a title',
          propose('--title', 'Beds\u0007'),
          /title: must not contain the control character U\+0007/,
        ],
        [
          'a title of zero-width spaces',
          propose('--title', '\u200b\u200b\u200b'),
          /title: must not be empty/,
        ],
        ['a line break in a title', propose('--title', 'Beds\nBcc: x'), /title: must be one line/],
        [
          'a terminal escape in a summary',
          propose('--summary', 'Beds \u001b[2J\u001b[32mvote recorded'),
          /summary: must not contain a terminal escape sequence/,
        ],
        [
          'a NUL byte in a Terms of Reference file',
          boardPropose(tor('tor-nul.txt', 'Terms of Reference\u0000')),
          /termsOfReference: must not contain a NUL byte/,
        ],
        [
          'a BEL in a Terms of Reference file',
          boardPropose(tor('tor-bel.txt', 'Terms of Reference\n\u0007')),
          /termsOfReference: must not contain the control character U\+0007/,
        ],
        [
          'a terminal escape in a member name (standing-orders file)',
          [
            'calendar',
            'deadlines',
            '--meeting',
            meeting,
            '--standing-orders',
            soWith('so-escape', 'Cllr Ada Shaw\u001b[8m'),
          ],
          /members\.0\.name: must not contain a terminal escape sequence/,
        ],
        [
          'a line break in a member name (it reached the mail To: display name)',
          [
            'calendar',
            'deadlines',
            '--meeting',
            meeting,
            '--standing-orders',
            soWith('so-crlf', 'Cllr Ada Shaw\r\nBcc: x@evil.example'),
          ],
          /members\.0\.name: must be one line/,
        ],
        [
          'a meeting in year 9999',
          propose('--meeting-date', '9999-12-30'),
          /meetingDate: must be in the years 2000 to 2200/,
        ],
        [
          'a meeting in year 0001',
          propose('--meeting-date', '0001-01-04'),
          /meetingDate: must be in the years 2000 to 2200/,
        ],
        [
          'calendar deadlines for year 9999',
          ['calendar', 'deadlines', '--meeting', '9999-01-05'],
          /--meeting: "9999-01-05" must be in the years 2000 to 2200/,
        ],
        ...['0x10', '1e3', ' 12 ', '-5', 'Infinity', '12.345'].map((amount): [string, string[], RegExp] => [
          `--amount-gbp ${JSON.stringify(amount)}`,
          propose(`--amount-gbp=${amount}`),
          /amountGbp: ".*" is not a number of pounds \(write digits with optional pence/,
        ]),
      ];

      await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
        await registerBoard(server.client, taskQueue, so);
        const wrong = [];
        // Each item has a reference of its own, so none is refused only because another took the reference.
        const refs = cases.map((_, i) => `2027-7${String(i).padStart(2, '0')}`);
        for (const [i, [what, args, message]] of cases.entries()) {
          const r = await officer.run(...args, ...(args[0] === 'decision' ? ['--ref', refs[i]!] : []));
          const lines = r.stderr.trimEnd().split('\n');
          if (!(r.code === 2 && r.stdout === '' && lines.length === 1 && message.test(lines[0]!)))
            wrong.push({ what, code: r.code, stdout: r.stdout, stderr: r.stderr });
        }
        expect(wrong).toEqual([]);
        for (const ref of refs) await notStarted(`decision/${boardId}/${ref}`);

        // Markdown in a title reaches the Web UI's summary as text, not as a link.
        const started = await officer.json<{ workflowId: string }>(
          'decision',
          'propose',
          '--file',
          itemWith('markdown', {
            ref: '2027-601',
            title: '[Agenda](javascript:alert(1)) <img src=x onerror=alert(1)> see https://evil.example',
          }),
        );
        const description = await server.client.workflow.getHandle(started.workflowId).describe();
        expect(await description.staticSummary()).toBe(
          '2027-601: \\[Agenda\\]\\(javascript\\:alert\\(1\\)\\) \\<img src=x onerror=alert\\(1\\)\\> see https\\://evil.example',
        );
        await server.client.workflow.getHandle(started.workflowId).terminate('test finished');
      });
    },
  );

  it(
    'Updates carrying text no store can hold are refused naming the field; the process carries on',
    { timeout: 120_000 },
    async () => {
      const taskQueue = uniqueTaskQueue('hostile-updates');
      const so = standingOrders('southampton-jcb', uniqueBoardId('hostile-upd'));
      await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
        const handle = await itemMeetingToday(server.client, taskQueue, so, '2027-602');
        await reach(handle, 'voting');
        // Sent one at a time: each refusal is awaited before the next Update goes.
        const refusals: [() => Promise<unknown>, RegExp][] = [
          [
            () =>
              handle.executeUpdate(withdrawUpdate, {
                args: [{ by: PROPOSER, reason: 'no longer needed\u0000' }],
              }),
            /reason: must not contain a NUL byte/,
          ],
          [
            () => handle.executeUpdate(withdrawUpdate, { args: [{ by: PROPOSER, reason: 'gone \udc00' }] }),
            /reason: must be valid Unicode/,
          ],
          [
            () =>
              handle.executeUpdate(declareInterestUpdate, {
                args: [{ member: 'cllr-ben-okafor', interest: '\u001b[1A\u001b[2Kvote recorded: for' }],
              }),
            /interest: must not contain a terminal escape sequence/,
          ],
        ];
        for (const [sent, message] of refusals) {
          const error = await sent().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
          expect((error as WorkflowUpdateFailedError).cause?.message).toMatch(message);
        }
        expect((await handle.query(decisionStatusQuery)).stage).toBe('voting');
        expect((await handle.describe()).status.name).toBe('RUNNING');
        const events = (await handle.fetchHistory()).events ?? [];
        expect(events.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
        await handle.terminate('test finished');
      });
    },
  );

  it('a process started without a client with a date in year 9999 fails at once naming the field, never retrying a task for ever', async () => {
    const taskQueue = uniqueTaskQueue('hostile-dates');
    const so = standingOrders('southampton-jcb', uniqueBoardId('hostile-date'));
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      const handle = await itemMeetingToday(server.client, taskQueue, so, '2027-603', {
        meetingDate: '9999-12-30',
      } as Partial<DecisionInput>);
      const error = await handle.result().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((error as WorkflowFailedError).cause?.message).toMatch(
        /invalid input: meetingDate: must be in the years 2000 to 2200/,
      );
    });
  });

  it(
    'a 600 MB standing-orders or Terms of Reference file, an unknown namespace or profile and a wrong key ring: one line naming the setting, exit 2',
    { timeout: 120_000 },
    async () => {
      const dir = tempDir();
      // Sparse: 600 MB long, nothing on disk. Refused from its size, before it is read.
      const huge = (name: string) => {
        const file = path.join(dir, name);
        const fd = openSync(file, 'w');
        ftruncateSync(fd, 600 * 1024 * 1024);
        closeSync(fd);
        return file;
      };
      const config = path.join(dir, 'temporal.toml');
      writeFileSync(config, '[profile.default]\naddress = "127.0.0.1:7233"\n');
      // A process whose data is encrypted with one key, on a task queue no worker polls.
      const keyA = randomBytes(32).toString('base64');
      const encrypting = new Client({
        connection: server.client.connection,
        dataConverter: encryptingDataConverter(parseKeyRing(`k-a:${keyA}`, 'test')),
      });
      const secretId = `decision/${uniqueBoardId('hostile-key')}/2027-604`;
      await encrypting.workflow.start('decision', {
        taskQueue: uniqueTaskQueue('hostile-nobody'),
        workflowId: secretId,
        args: [{ title: 'exempt' }],
        memo: { board: 'hostile-key' },
      });
      const address = inject('temporalAddress');
      const cases: [string, string[], RegExp, NodeJS.ProcessEnv][] = [
        [
          '600 MB standing orders',
          ['calendar', 'deadlines', '--meeting', daysFromToday(60), '--standing-orders', huge('so.yaml')],
          /--standing-orders: ".*so\.yaml" is 600 MB; the limit is 1 MB/,
          {},
        ],
        [
          '600 MB Terms of Reference',
          [
            'board',
            'propose',
            '--standing-orders',
            'southampton-jcb',
            '--terms-of-reference',
            huge('tor.txt'),
            '--first-meeting',
            daysFromToday(20),
          ],
          /termsOfReference: ".*tor\.txt" is 600 MB; the limit is 1 MB/,
          {},
        ],
        [
          'an unknown TEMPORAL_NAMESPACE (status)',
          ['status', secretId],
          /TEMPORAL_NAMESPACE: namespace "no-such-namespace" does not exist/,
          { TEMPORAL_NAMESPACE: 'no-such-namespace' },
        ],
        [
          'an unknown TEMPORAL_NAMESPACE (search-attributes register)',
          ['search-attributes', 'register'],
          /TEMPORAL_NAMESPACE: namespace "no-such-namespace" does not exist/,
          { TEMPORAL_NAMESPACE: 'no-such-namespace' },
        ],
        [
          'an unknown TEMPORAL_PROFILE',
          ['status', secretId],
          /TEMPORAL_PROFILE: .*no-such-profile/,
          { TEMPORAL_PROFILE: 'no-such-profile', TEMPORAL_CONFIG_FILE: config },
        ],
        [
          'a terminal escape in a process name, quoted back in the refusal',
          ['status', 'decision/x/\u001b[2J\u001b[32mvote recorded'],
          /no process "decision\/x\/\\x1B\[2J\\x1B\[32mvote recorded"/,
          {},
        ],
        [
          'a key ring without the key the data was encrypted with',
          ['status', secretId],
          /GOVFLOW_ENCRYPTION_KEY: payload encrypted with key "k-a", which is not in the key ring/,
          { GOVFLOW_ENCRYPTION_KEY: `k-b:${randomBytes(32).toString('base64')}` },
        ],
        [
          'a key ring with another key under the same id',
          ['status', secretId],
          /GOVFLOW_ENCRYPTION_KEY: key "k-a" in the key ring does not decrypt this payload/,
          { GOVFLOW_ENCRYPTION_KEY: `k-a:${randomBytes(32).toString('base64')}` },
        ],
      ];
      const wrong = [];
      for (const [what, args, message, env] of cases) {
        const r = await govflow(args, {
          TEMPORAL_ADDRESS: address,
          GOVFLOW_TASK_QUEUE: uniqueTaskQueue('hostile-env'),
          ...env,
        });
        const lines = r.stderr.trimEnd().split('\n');
        const ok = r.code === 2 && r.stdout === '' && lines.length === 1 && message.test(lines[0]!);
        if (!ok || r.stderr.includes('\u001b'))
          wrong.push({ what, code: r.code, stdout: r.stdout, stderr: r.stderr.slice(0, 400) });
      }
      await server.client.workflow.getHandle(secretId).terminate('test finished');
      expect(wrong).toEqual([]);
    },
  );

  it('RSS, JSON and ICS stay valid for a record stored before text was checked (control characters)', async () => {
    const backend = registerBackends()[0]!;
    const register = await backend.open();
    const publication = await startPublicationServer({ register, port: 0 });
    try {
      // What the register could store (a NUL byte or a lone surrogate it never could: that write was retried for ever).
      await register.record(decisionPublic(undefined, 'Beds\f for the \u0007winter \u001b[31m'));
      await register.record(forwardPlanPublic());
      const rss = await (await fetch(`${publication.url}/decisions.rss`)).text();
      expect(rss).toMatch(XML_CHARS);
      expect(rss).toContain('<title>Beds for the winter [31m</title>');
      const json = (await (await fetch(`${publication.url}/decisions.json`)).json()) as {
        decisions: { title: string }[];
      };
      expect(json.decisions[0]!.title).toContain('winter');
      const ics = await (await fetch(`${publication.url}/forward-plan.ics`)).text();
      expect(ics).toMatch(XML_CHARS);
    } finally {
      await publication.close();
      await register.close();
      await backend.stop();
    }
  });
});
