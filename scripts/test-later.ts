/**
 * `npm run test:later`: the tests whose dates depend on the day they run, run as if on a day more than five
 * years ahead (GOVFLOW_TEST_ANCHOR; see test/support/dates.ts). It shows that nothing in the suite expires:
 * every case is found from the anchor, and every time-skipping server moves its clock there first.
 * `npm run test:later -- 2033-02-21` picks the day; extra vitest arguments follow it.
 */
import { spawnSync } from 'node:child_process';
import { addMonths, addYears, isCivilDate, londonCivilDate } from '../governance/civil-date';
import { childEnvironment } from '../runtime/config';

const DATE_DEPENDENT = [
  'test/workflows',
  'test/simulate',
  'test/bench',
  'test/cli',
  'test/security',
  'test/system',
];

const [first, ...rest] = process.argv.slice(2);
const anchor = first && isCivilDate(first) ? first : addMonths(addYears(londonCivilDate(Date.now()), 5), 3);
const args = first && isCivilDate(first) ? rest : process.argv.slice(2);
console.log(`test:later: the date-dependent tests as if today were ${anchor} (GOVFLOW_TEST_ANCHOR)`);
const run = spawnSync('npx', ['vitest', 'run', ...(args.length > 0 ? args : DATE_DEPENDENT)], {
  stdio: 'inherit',
  env: childEnvironment({ GOVFLOW_TEST_ANCHOR: anchor }),
});
process.exit(run.status ?? 1);
