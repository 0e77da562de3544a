/**
 * What `npm start` gets from the environment with nothing configured: the register in PGlite under the
 * data directory, mail in the embedded store under it, the register on the public server (and the mail not:
 * it lists personal addresses, so only democratic services read it, in the console). Then the
 * same with SMTP_HOST and DATABASE_URL pointing at real servers.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import type { Notification } from '../../activities/contract';
import { openGovernanceServices } from '../../activities/services';
import { startPublicationServer } from '../../publication/server';
import { loadConfig } from '../../runtime/config';
import { projectRoot } from '../../runtime/paths';
import { decisionPublic, forwardPlanPublic } from '../support/register-entries';
import { requirePostgres, startPostgres } from '../support/postgres';
import { startCaptureServer } from '../support/smtp';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'govflow-services-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const decisionNotice = (): Notification => ({
  key: { workflowId: 'decision-dec-bcf', step: 'decision-published' },
  kind: 'decision-published',
  boardId: 'southampton-jcb',
  processTitle: 'Better Care Fund plan 2025/26',
  recipients: [{ role: 'os-chair', name: 'Cllr Oscar', email: 'oscar@example.org' }],
  action: 'Note the decision; call-in closes on Wednesday 9 April 2025.',
  deadline: '2025-04-09',
});

describe('services from the environment', () => {
  it('defaults to PGlite and the embedded mail store under GOVFLOW_DATA_DIR; the public server shows the register, not the mail', async () => {
    const dataDir = tempDir();
    const services = await openGovernanceServices({ GOVFLOW_DATA_DIR: dataDir, GOVFLOW_SMTP_PORT: '0' });
    try {
      expect(services.register.db.driver).toBe('pglite');
      expect(services.mailDir).toBe(path.join(dataDir, 'mail'));
      const activities = createActivities(services);
      for (let run = 0; run < 2; run++) {
        await activities.record(forwardPlanPublic());
        await activities.notify(decisionNotice());
      }
      expect(existsSync(path.join(dataDir, 'pglite'))).toBe(true);
      expect(readdirSync(path.join(dataDir, 'mail')).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
      const server = await startPublicationServer({
        register: services.register,
        port: 0,
      });
      try {
        const plan = (await (await fetch(`${server.url}/forward-plan.json`)).json()) as {
          entries: unknown[];
        };
        expect(plan.entries).toHaveLength(1);
        const [file] = readdirSync(services.mailDir!);
        for (const route of ['/mail', `/mail/${file}`, `/mail/${file}/raw`])
          expect((await fetch(`${server.url}${route}`)).status, route).toBe(404);
      } finally {
        await server.close();
      }
    } finally {
      await services.close();
    }
  });

  it('uses SMTP_HOST and DATABASE_URL when they are set', async (ctx) => {
    if (!requirePostgres()) ctx.skip();
    const smtp = await startCaptureServer();
    const postgres = await startPostgres();
    const services = await openGovernanceServices({
      GOVFLOW_DATA_DIR: tempDir(),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      GOVFLOW_MAIL_FROM: 'Democratic Services <democratic.services@example.gov.uk>',
      DATABASE_URL: await postgres.createDatabase(),
    });
    try {
      expect(services.register.db.driver).toBe('postgres');
      expect(services.mailDir).toBeUndefined();
      const activities = createActivities(services);
      expect(await activities.record(decisionPublic())).toEqual({ duplicate: false });
      expect(await activities.notify(decisionNotice())).toEqual({ sent: 1, duplicate: false });
      expect(smtp.received[0]?.parsed.from?.text).toBe(
        '"Democratic Services" <democratic.services@example.gov.uk>',
      );
    } finally {
      await services.close();
      await smtp.close();
      await postgres.stop();
    }
  });

  it('names a bad setting', async () => {
    await expect(openGovernanceServices({ SMTP_HOST: 'relay', SMTP_PORT: 'x' })).rejects.toThrow(/SMTP_PORT/);
    await expect(openGovernanceServices({ GOVFLOW_SMTP_PORT: 'smtp' })).rejects.toThrow(/GOVFLOW_SMTP_PORT/);
    expect(loadConfig({}).GOVFLOW_HTTP_PORT).toBe(8080);
    expect(loadConfig({ GOVFLOW_HTTP_PORT: '9090' }).GOVFLOW_HTTP_PORT).toBe(9090);
    expect(() => loadConfig({ GOVFLOW_HTTP_PORT: 'http' })).toThrow(/GOVFLOW_HTTP_PORT/);
  });

  it('takes a relative GOVFLOW_DATA_DIR from the project root, wherever the worker was started', async () => {
    const target = tempDir();
    const elsewhere = tempDir();
    const started = process.cwd();
    process.chdir(elsewhere);
    try {
      const relative = path.relative(projectRoot, target);
      expect(loadConfig({ GOVFLOW_DATA_DIR: relative }).dataDir).toBe(target);
      expect(loadConfig({}).dataDir).toBe(path.join(projectRoot, '.data'));
      const services = await openGovernanceServices({ GOVFLOW_DATA_DIR: relative, GOVFLOW_SMTP_PORT: '0' });
      try {
        expect(services.dataDir).toBe(target);
        expect(services.mailDir).toBe(path.join(target, 'mail'));
        expect(existsSync(path.join(target, 'pglite'))).toBe(true);
      } finally {
        await services.close();
      }
    } finally {
      process.chdir(started);
    }
  });
});
