import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { simulate } from '../../client/simulate/run';
import { loadScenario } from '../../client/simulate/scenario';
import type { SchemeFigures } from '../../definitions';
import { londonCivilDate } from '../../governance/civil-date';
import { financialYear, financialYearOf } from '../../governance/pooled-budget-year';
import { anchorMs } from '../support/dates';
import { govflow, projectRoot } from '../support/processes';
import { workflowBundle } from '../support/temporal';

const POOLED_BUDGET = 'bath-nes-pooled-budget-year-end.yaml';
const CONSULTATION = 'bath-nes-public-consultation.yaml';
const RECOMMENDATION = 'wiltshire-partnership-board-recommendation.yaml';

// Each case is a separate process that stops before any server starts; they run side by side.
describe.concurrent(
  'govflow simulate on a bad pooled budget, consultation or partnership recommendation scenario',
  () => {
    let dir: string;
    const shipped = new Map<string, string>();
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'govflow-seed-scenarios-'));
      for (const file of [POOLED_BUDGET, CONSULTATION, RECOMMENDATION])
        shipped.set(file, await readFile(path.join(projectRoot, 'scenarios', file), 'utf8'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    const cases: { name: string; file: string; edit: (yaml: string) => string; line: RegExp }[] = [
      {
        name: 'a reservation in fractions of a penny',
        file: POOLED_BUDGET,
        edit: (y) => y.replace('    amountGbp: 250000\n', '    amountGbp: 250000.005\n'),
        line: /^govflow: events\.1\.amountGbp: must be whole pence$/,
      },
      {
        name: 'a commitment held by something that is not a decision',
        file: POOLED_BUDGET,
        edit: (y) =>
          y.replace(
            'action: commit, holder: decision/bath-nes-joint-committee/2027-004',
            'action: commit, holder: 2027-004',
          ),
        line: /^govflow: events\.3\.holder: must be a decision’s workflow ID/,
      },
      {
        name: 'a financial year given (it is the start’s, so a moved scenario rehearses its own year)',
        file: POOLED_BUDGET,
        edit: (y) =>
          y.replace('  monitoringEveryMonths: 1\n', '  monitoringEveryMonths: 1\n  startYear: 2026\n'),
        line: /^govflow: input: Unrecognized key: "startYear"$/,
      },
      {
        name: 'a body that decides without saying what it resolved',
        file: CONSULTATION,
        edit: (y) => y.replace(/^ {4}resolution: Cabinet .*\n/m, ''),
        line: /^govflow: events\.7\.resolution: must say what the body resolved when it decides/,
      },
      {
        name: 'no responses counted',
        file: CONSULTATION,
        edit: (y) => y.replace('action: responses, count: 6 }', 'action: responses, count: 0 }'),
        line: /^govflow: events\.4\.count: must be at least 1 response$/,
      },
      {
        name: 'a JCB member’s vote that is not for, against or abstain',
        file: RECOMMENDATION,
        edit: (y) => y.replace('vote: abstain', 'vote: maybe'),
        line: /^govflow: events\.5\.vote: /,
      },
      {
        name: 'a vote by someone who is not a member of the JCB',
        file: RECOMMENDATION,
        edit: (y) => y.replace('member: cllr-ann-baker', 'member: cllr-ann-bakr'),
        line: /^govflow: events\.0\.member: "cllr-ann-bakr" is not a member of wiltshire-adult-jcb/,
      },
      {
        // The CLI's own check before sending: the May meeting is too soon for the Forward Plan.
        name: 'no JCB meeting that can still meet the notice rules',
        file: RECOMMENDATION,
        edit: (y) => y.replace('meetings: [2027-05-18, 2027-06-15, 2027-07-20]', 'meetings: [2027-05-18]'),
        line: /^govflow: meetings: no meeting of wiltshire-adult-jcb can still meet the notice rules \(Forward Plan: /,
      },
    ];

    for (const { name, file, edit, line } of cases) {
      it(`exits 2 with one line naming the field, and prints nothing on stdout: ${name}`, async () => {
        const original = shipped.get(file)!;
        const edited = edit(original);
        expect(edited).not.toBe(original);
        const scenario = path.join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
        await writeFile(scenario, edited);
        const { code, stdout, stderr } = await govflow(['simulate', scenario, '--json'], {
          GOVFLOW_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
        });
        expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
        expect(stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(stderr.trimEnd()).toMatch(line);
      });
    }
  },
);

describe('the pooled budget scenario, rehearsed as run on the day the tests run', () => {
  it('never over-commits the scheme; the next financial year opens holding the reservation still held, on the contributions both parents agree', async () => {
    const scenario = loadScenario(path.join(projectRoot, 'scenarios', POOLED_BUDGET), { now: anchorMs() });
    const report = await simulate(scenario, { workflowBundle: workflowBundle() });
    const year = financialYearOf(londonCivilDate(scenario.startMs));
    const equipment = (schemes: unknown) =>
      (schemes as SchemeFigures[]).find((s) => s.id === 'community-equipment')!;

    // Every view of the ledger the process gave: headroom never below £0.
    const views = report.timeline.filter((e) => Array.isArray((e.data as { schemes?: unknown })?.schemes));
    expect(views.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['pooled-budget-opened', 'budget-monitoring-report', 'pooled-budget-year-end']),
    );
    for (const view of views)
      for (const scheme of (view.data as { schemes: SchemeFigures[] }).schemes)
        expect(scheme.headroomGbp, `${view.kind} ${scheme.id}`).toBeGreaterThanOrEqual(0);

    // The section 75 review of the start's year: £150,000 committed, £200,000 reserved, of £553,000 as varied.
    const review = report.timeline.find((e) => e.kind === 'pooled-budget-year-end')!;
    expect(review.data).toMatchObject({ financialYear: year.label });
    expect(equipment((review.data as { schemes: unknown }).schemes)).toMatchObject({
      budgetGbp: 553_000,
      committedGbp: 150_000,
      reservedGbp: 200_000,
    });

    // The next year's run: nothing committed yet, the refused-then-granted decision's £200,000 still held,
    // and the budget both parent bodies agreed (£285,000 from the council and £268,000 from the CCG).
    expect(report.final).toMatchObject({
      status: 'open',
      financialYear: financialYear(year.startYear + 1).label,
      contributionsAgreement: { state: 'agreed', awaiting: [] },
    });
    expect(equipment((report.final as { schemes?: unknown }).schemes)).toMatchObject({
      budgetGbp: 553_000,
      committedGbp: 0,
      reservedGbp: 200_000,
      headroomGbp: 353_000,
    });
    expect(report.final.workflows[0]!.runs).toHaveLength(2);
  });
});
