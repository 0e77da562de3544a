import { londonWallClock } from '../../governance/civil-date';
import { displayDate, displayDatesIn } from '../../governance/display-dates';
import type { SimulationReport } from './run';
import type { TimelineEntry } from './timeline';

const SHOWN_ELSEWHERE = new Set(['at', 'kind', 'workflowId']);
/** Every register entry of a decision repeats the item's ref and title; the heading already says them. */
const REPEATED = new Set(['ref', 'title']);

function words(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The entry's particulars in one line: the refusal, the notification, or the register data. */
function detail(entry: TimelineEntry): string {
  if (typeof entry.refusal === 'string') {
    const fields = Object.entries(entry).filter(([k]) => !SHOWN_ELSEWHERE.has(k) && k !== 'refusal');
    return `${fields.map(([k, v]) => `${k}=${words(v)}`).join(' ')}: ${entry.refusal}`;
  }
  if (entry.kind === 'notification-sent') {
    return `${entry.notification} to ${entry.recipients}${entry.deadline ? ` by ${entry.deadline}` : ''}: ${entry.action}`;
  }
  const data = (entry.data ?? {}) as Record<string, unknown>;
  return Object.entries(data)
    .filter(([k, v]) => !REPEATED.has(k) && v !== null && v !== '')
    .map(([k, v]) => `${k}=${words(v)}`)
    .join(' ');
}

/** Room for the longest London time, "Wednesday 30 September 2027 10:00", so the columns line up. */
const TIME_WIDTH = 33;

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** The readable form: one line per timeline entry in London time, then where the process ended. */
export function renderReport(report: SimulationReport, description?: string): string {
  const kindWidth = Math.max(4, ...report.timeline.map((e) => e.kind.length));
  const lines = [
    `${report.workflowId}${description ? `: ${description}` : ''}`,
    report.note,
    ...(report.moved
      ? [
          `Scenario ${report.moved.summary}.${description ? ' The description gives the file’s own dates.' : ''}`,
        ]
      : []),
    '',
    `${'London time'.padEnd(TIME_WIDTH)}  ${'kind'.padEnd(kindWidth)}  detail`,
    ...report.timeline.map((entry) => {
      const { date, time } = londonWallClock(entry.at);
      const when = `${displayDate(date)} ${time.slice(0, 5)}`.padEnd(TIME_WIDTH);
      const where = entry.workflowId === report.workflowId ? '' : `[${entry.workflowId}] `;
      return `${when}  ${entry.kind.padEnd(kindWidth)}  ${clip(where + displayDatesIn(detail(entry)), 200)}`;
    }),
    '',
    `final status: ${report.final.status}${report.final.stage ? ` (stage ${report.final.stage})` : ''}`,
  ];
  if (report.final.waitingFor) lines.push(`waiting for:  ${displayDatesIn(report.final.waitingFor)}`);
  if (report.final.failure) lines.push(`failure:      ${report.final.failure}`);
  for (const wf of report.final.workflows) {
    const runs = wf.runs ? ` (runs, continued as new: ${wf.runs.join(', ')})` : '';
    lines.push(
      `history:      ${wf.workflowId}: ${wf.historyEvents} events${runs}, ${wf.execution.toLowerCase()}`,
    );
    for (const failure of wf.workflowTaskFailures) lines.push(`  workflow task failed: ${failure}`);
  }
  return lines.join('\n');
}
