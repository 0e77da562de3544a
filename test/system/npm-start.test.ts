import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { addMonths, dayOfWeek } from '../../governance/civil-date';
import { FRIDAY, MONDAY, anchorDay, at, firstDay, noBankHolidayBetween } from '../support/dates';
import { freePort } from '../support/ports';
import { govflow, ownStack, startGovflow, startProcess } from '../support/processes';

/** `npm start` as a newcomer runs it: dev server with UI, worker, pages; stopped and started again. */
describe('npm start', () => {
  let dataDir: string;
  /** The first `npm start` of the restart test: stopped here if the test fails before it stops it itself. */
  let first: ReturnType<typeof startProcess> | undefined;
  afterAll(async () => {
    if (first && first.child.exitCode === null && first.child.signalCode === null) {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the Web UI, runs a process started from the CLI, stops cleanly and finds the process again after a restart', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'govflow-start-'));
    const env = {
      ...(await ownStack(dataDir)),
      GOVFLOW_COUNCIL_NAME: 'Example Borough Council',
      GOVFLOW_COUNCIL_COLOUR: '#6f2c91',
    };
    first = startGovflow(env);
    await first.waitFor('govflow is running.');
    expect(first.output()).toContain(
      `Temporal Web UI:  http://127.0.0.1:${env.GOVFLOW_UI_PORT}/namespaces/default/workflows`,
    );
    // The board's review counts from a Monday ahead of the day the tests run whose anniversary is a working
    // day: due a year on, the review starts that day at 09:00 (London), and no reminder falls due during the
    // test (the dev server runs on real time).
    const from = firstDay(anchorDay(), (d) => {
      const due = addMonths(d, 12);
      return (
        dayOfWeek(d) === MONDAY &&
        dayOfWeek(due) >= MONDAY &&
        dayOfWeek(due) <= FRIDAY &&
        noBankHolidayBetween(due, due)
      );
    });
    // The public pages in the council's name and colour, and the open data's entry point (issue 18).
    const pages = `http://127.0.0.1:${env.GOVFLOW_HTTP_PORT}`;
    expect(first.output()).toContain(`Open data:        ${pages}/oparl/v1`);
    const home = await (await fetch(`${pages}/`)).text();
    expect(home).toContain('<a href="/">Example Borough Council</a>');
    expect(home).toContain('background: #6f2c91');
    const system = (await (await fetch(`${pages}/oparl/v1`)).json()) as { name: string };
    expect(system.name).toBe('Example Borough Council public register');
    const ui = await fetch(`http://127.0.0.1:${env.GOVFLOW_UI_PORT}/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('<html');

    const started = await govflow(
      [
        'review',
        'start',
        '--board',
        'restart-board',
        '--name',
        'Restart board',
        '--from',
        from,
        '--notify',
        'ds@council.example.org',
        '--json',
      ],
      env,
    );
    expect(started.stderr).toBe('');
    expect(JSON.parse(started.stdout)).toMatchObject({ workflowId: 'review-clock/restart-board/1' });
    await expect
      .poll(
        async () =>
          JSON.parse(
            (await govflow(['status', 'review-clock/restart-board/1', '--json'], env)).stdout || '{}',
          ).stage,
        { timeout: 20_000 },
      )
      .toBe('awaiting-reminder');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('govflow: stopped');

    const second = startGovflow(env);
    try {
      await second.waitFor('govflow is running.');
      const status = await govflow(['status', 'review-clock/restart-board/1', '--json'], env);
      expect(JSON.parse(status.stdout)).toMatchObject({
        stage: 'awaiting-reminder',
        nextDeadline: new Date(at(addMonths(from, 12), '09:00')).toISOString(),
        steps: [{ kind: 'review-scheduled' }],
      });

      // The dev server dies under it (killed, out of memory): npm start says so and stops, exit 1, rather
      // than leave a worker retrying in silence.
      const record = JSON.parse(await readFile(path.join(dataDir, 'temporal.db.pid'), 'utf8')) as {
        server: number;
      };
      process.kill(record.server, 'SIGKILL');
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(
        'govflow: the Temporal dev server was stopped by SIGKILL; start govflow again with npm start: stopping the worker, then the server',
      );
    } finally {
      if (second.child.exitCode === null && second.child.signalCode === null) {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    }
  });

  it('with TEMPORAL_ADDRESS set, starts no server: only the worker and pages, against that cluster', async () => {
    const clusterData = await mkdtemp(path.join(tmpdir(), 'govflow-cluster-'));
    const env = {
      GOVFLOW_DATA_DIR: clusterData,
      GOVFLOW_HTTP_PORT: String(await freePort()),
      GOVFLOW_CONSOLE_PORT: String(await freePort()),
      GOVFLOW_SMTP_PORT: String(await freePort()),
      GOVFLOW_TASK_QUEUE: `cluster-${Date.now()}`,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: 'default',
    };
    const worker = startGovflow(env);
    try {
      await worker.waitFor('govflow is running.');
      expect(worker.output()).toContain(
        `using the Temporal cluster at ${env.TEMPORAL_ADDRESS}, namespace default`,
      );
      expect(worker.output()).not.toContain('Temporal dev server on');
      const started = await govflow(
        [
          'review',
          'start',
          '--board',
          `cluster-${Date.now()}`,
          '--name',
          'Cluster board',
          '--from',
          '2020-01-06',
          '--notify',
          'ds@council.example.org',
          '--json',
        ],
        env,
      );
      const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
      // Due long ago: the review runs straight through on the worker this test started.
      await expect
        .poll(
          async () => JSON.parse((await govflow(['status', workflowId, '--json'], env)).stdout || '{}').stage,
          { timeout: 30_000 },
        )
        .toBe('review-started');
    } finally {
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      await rm(clusterData, { recursive: true, force: true });
    }
  });
});
