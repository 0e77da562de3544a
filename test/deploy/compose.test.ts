import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../runtime/config';
import { ENVIRONMENT } from '../../runtime/environment';
import { projectRoot } from '../support/processes';

interface ComposeService {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  ports?: string[];
  command?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
}

const compose = parse(readFileSync(path.join(projectRoot, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};
const dockerfile = readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8');
const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  bin: Record<string, string>;
};
const defaults = loadConfig({});
const services = compose.services;

/** No Docker engine runs here, so the compose file is checked for what a user would trip on. */
describe('docker-compose.yml', () => {
  it('has every part: Temporal on PostgreSQL, the Web UI, a register database, Mailpit and the govflow worker', () => {
    expect(services.temporal?.image).toMatch(/^temporalio\/auto-setup:/);
    expect(services.temporal?.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'temporal-db' });
    expect(services['temporal-db']?.image).toMatch(/^postgres:/);
    expect(services['temporal-ui']?.image).toMatch(/^temporalio\/ui:/);
    expect(services['records-db']?.image).toMatch(/^postgres:/);
    expect(services.mailpit?.image).toMatch(/^axllent\/mailpit:/);
    expect(services.worker?.build).toBe('.');
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.image) continue;
      const tag = service.image.split(':')[1];
      expect(tag, `${name}: ${service.image}`).toMatch(/^v?\d+(\.\d+)+/);
    }
  });

  it('publishes the same ports the app uses and documents', () => {
    expect(services.temporal?.ports).toContain(`${defaults.GOVFLOW_TEMPORAL_PORT}:7233`);
    expect(services['temporal-ui']?.ports).toContain(`${defaults.GOVFLOW_UI_PORT}:8080`);
    expect(services['temporal-ui']?.environment?.TEMPORAL_CORS_ORIGINS).toBe(
      `http://localhost:${defaults.GOVFLOW_UI_PORT}`,
    );
    const worker = services.worker!;
    expect(worker.ports).toContain(
      `${worker.environment!.GOVFLOW_HTTP_PORT}:${worker.environment!.GOVFLOW_HTTP_PORT}`,
    );
    expect(worker.environment!.GOVFLOW_HTTP_PORT).toBe(String(defaults.GOVFLOW_HTTP_PORT));
  });

  it('gives the worker only settings the app reads, pointing at the compose services', () => {
    const known = new Set(ENVIRONMENT.map((variable) => variable.name));
    for (const name of ['worker', 'search-attributes']) {
      for (const key of Object.keys(services[name]!.environment ?? {}))
        expect(known, `${name}.${key}`).toContain(key);
    }
    const env = services.worker!.environment!;
    expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
    const database = new URL(env.DATABASE_URL!);
    expect(database.hostname).toBe('records-db');
    expect(database.pathname).toBe(`/${services['records-db']!.environment!.POSTGRES_DB}`);
    expect(database.username).toBe(services['records-db']!.environment!.POSTGRES_USER);
    expect(env.SMTP_HOST).toBe('mailpit');
    expect(services.mailpit!.ports).toContain(`${env.SMTP_PORT}:1025`);
    expect(loadConfig(env).GOVFLOW_TASK_QUEUE).toBe('govflow');
  });

  it('runs commands that exist in package.json, in the Dockerfile and in compose', () => {
    const npmRuns = [...dockerfile.matchAll(/npm", "run", "([\w:-]+)"|npm run ([\w:-]+)/g)].map(
      (m) => m[1] ?? m[2],
    );
    for (const service of Object.values(services)) {
      if (service.command?.[0] === 'npm' && service.command[1] === 'run') npmRuns.push(service.command[2]);
      if (service.command?.[0] === 'npx') expect(packageJson.bin).toHaveProperty(service.command[1]!);
    }
    expect(npmRuns).toEqual(expect.arrayContaining(['build:workflows', 'worker']));
    for (const script of npmRuns) expect(packageJson.scripts, `npm run ${script}`).toHaveProperty(script!);
    for (const [, source] of dockerfile.matchAll(/^COPY (\S+)/gm)) {
      for (const file of source!.split(/\s+/))
        if (file !== '.') expect(existsSync(path.join(projectRoot, file)), file).toBe(true);
    }
    expect(dockerfile).toMatch(/^FROM node:20\.\d+/m);
  });

  it('documents every environment variable in the README', () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    for (const variable of ENVIRONMENT) expect(readme, variable.name).toContain(`\`${variable.name}\``);
  });
});
