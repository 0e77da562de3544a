/**
 * Every kind of mail the workflows send has wording of its own, so no message falls back to the generic
 * template; the words match what the message says (a withdrawal needs no action, and its subject says so);
 * and every date in a message, the process's own words included, is shown by the one formatter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../activities/contract';
import { renderNotification, templates } from '../../activities/mail/templates';

const workflows = path.join(__dirname, '../../workflows');
const source = (file: string) => readFileSync(path.join(workflows, file), 'utf8');
/** The files of a process kept in a folder of its own, e.g. decision/ and its stages/. */
const folder = (dir: string): string[] =>
  readdirSync(path.join(workflows, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? folder(path.join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [path.join(dir, entry.name)]
        : [],
  );

/** The kinds of notification each workflow sends, read from its source. */
function kindsSent(): Map<string, string> {
  const kinds = new Map<string, string>();
  const add = (kind: string, file: string) => kinds.set(kind, file);
  // Every process's folder (all of workflows/ but the kit): effects.notify('kind', { to, action, ... }).
  const processes = readdirSync(workflows, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'kit')
    .map((entry) => entry.name);
  for (const file of processes.flatMap(folder))
    for (const m of source(file).matchAll(/\.notify\(\s*'([a-z0-9-]+)'/g)) add(m[1]!, file);
  return kinds;
}

const base: Omit<Notification, 'kind' | 'action'> = {
  key: { workflowId: 'decision/southampton-jcb/2027-014', step: 'x' },
  boardId: 'southampton-jcb',
  processTitle: 'Reablement contract',
  recipients: [],
};
const member = { role: 'member' as const, name: 'Cllr Ada Shaw', email: 'ada@example.org' };

describe('mail wording for every kind the workflows send', () => {
  const kinds = kindsSent();

  it('finds the kinds in the workflow sources (the scan itself works)', () => {
    expect(kinds.size).toBeGreaterThanOrEqual(25);
    for (const kind of [
      'withdrawn',
      'review-reminder',
      'review-started',
      'recommendation-for-decision',
      'recommendation-concluded',
      'self-assessment-required',
      'escalated',
    ]) {
      expect([...kinds.keys()]).toContain(kind);
    }
  });

  it('has a template of its own for each of them', () => {
    const missing = [...kinds].filter(([kind]) => !Object.hasOwn(templates, kind));
    expect(missing).toEqual([]);
  });

  it('names a withdrawal as one in the subject, not as "Action needed", as its body says no action is needed', () => {
    // As workflows/decision/stages/endings.ts sends it.
    const mail = renderNotification(
      {
        ...base,
        kind: 'withdrawn',
        action: 'The item is withdrawn: no action is needed.',
        facts: { ref: '2027-014' },
        invite: {
          uid: 'southampton-jcb-2027-014-meeting@govflow',
          sequence: 1,
          method: 'CANCEL',
          summary: 'Southampton JCB: Reablement contract',
          start: '2027-03-11',
        },
      },
      member,
    );
    expect(mail.subject).toBe('Item withdrawn: Reablement contract');
    expect(mail.subject).not.toMatch(/action/i);
    expect(mail.text).toContain('What you need to do: The item is withdrawn: no action is needed.');
    expect(mail.text).toContain('Cancelled: Southampton JCB: Reablement contract, Thursday 11 March 2027');
    expect(mail.html).toContain('<h1 style="font-size:24px">Item withdrawn</h1>');
  });
});

describe('dates in a message', () => {
  it('shows the dates in the process’s own words, the facts and the invitation by the one formatter', () => {
    const mail = renderNotification(
      {
        ...base,
        kind: 'deferred',
        action: 'The Chair and partner leads discuss the item before it returns on 2027-04-08.',
        deadline: '2027-04-08',
        facts: { from: '2027-03-11', to: '2027-04-08', ref: '2027-014', sentAt: '2027-03-12T09:00:00.000Z' },
        invite: {
          uid: 'u@govflow',
          sequence: 1,
          method: 'REQUEST',
          summary: 'Southampton JCB',
          // 10:00 BST.
          start: '2027-04-08T09:00:00.000Z',
        },
      },
      member,
    );
    expect(mail.subject).toBe('Item deferred: Reablement contract (by Thursday 8 April 2027)');
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('before it returns on Thursday 8 April 2027.');
      expect(body).toContain('Thursday 11 March 2027');
      expect(body).toContain('Friday 12 March 2027 at 09:00');
      expect(body).toContain('Southampton JCB, Thursday 8 April 2027 at 10:00');
      // A reference that looks a little like a date stays as it is.
      expect(body).toContain('2027-014');
      expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}(?!\d)(?!-\d)/);
    }
  });
});
