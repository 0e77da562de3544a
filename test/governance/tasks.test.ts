import { describe, expect, it } from 'vitest';
import { rolesOf } from '../../governance/people';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { tasksFor, type RunningProcess } from '../../governance/tasks';
import { anchorDay } from '../support/dates';

const boards = [resolveStandingOrders('southampton-jcb', anchorDay())];
const roles = (email: string) => rolesOf(email, boards);
const decision = (ref: string, stage: string, boardId = 'southampton-jcb'): RunningProcess => ({
  workflowId: `decision/${boardId}/${ref}`,
  process: 'decision',
  boardId,
  stage,
  nextDeadline: '2030-01-10T23:59:59Z',
});
const running = [
  decision('A', 'voting'),
  decision('B', 'awaiting-urgency-consent'),
  decision('C', 'in-call-in-window'),
  decision('D', 'called-in'),
  decision('E', 'awaiting-meeting'),
  decision('F', 'voting', 'another-board'),
  { workflowId: 'board/southampton-jcb', process: 'board', boardId: 'southampton-jcb', stage: 'voting' },
  {
    workflowId: 'board/southampton-jcb/T',
    process: 'board',
    boardId: 'southampton-jcb',
    stage: 'awaiting-tor-approval',
  },
  {
    workflowId: 'recommendation/southampton-jcb/R',
    process: 'recommendation',
    boardId: 'southampton-jcb',
    stage: 'awaiting-decisions',
  },
];
const ids = (email: string) => tasksFor(roles(email), running).map((t) => t.workflowId.split('/').pop());

describe('what is waiting for a person', () => {
  it('gives each role the decisions at the stage it acts in, on its own boards only', () => {
    expect(ids('ada.shaw@southampton.example.org')).toEqual(['A']);
    expect(ids('gil.turner@southampton.example.org')).toEqual(['B', 'C']);
    expect(ids('hana.ali@southampton.example.org')).toEqual(['C']);
    expect(ids('democratic.services@southampton.example.org')).toEqual(['D']);
    expect(ids('cabinet.clerk@southampton.example.org')).toEqual(['T', 'R']);
    expect(ids('governing.body@southampton-ccg.example.nhs.uk')).toEqual(['T', 'R']);
    expect(ids('stranger@example.org')).toEqual([]);
  });

  it('says what to do, by when, and which task the console does itself', () => {
    expect(tasksFor(roles('ada.shaw@southampton.example.org'), running)).toEqual([
      {
        workflowId: 'decision/southampton-jcb/A',
        boardId: 'southampton-jcb',
        what: 'Vote on the item at today’s meeting',
        deadline: '2030-01-10T23:59:59Z',
        action: 'vote',
      },
    ]);
    // The O&S chair's consent to urgency is the CLI's; the call-in is the console's.
    expect(tasksFor(roles('gil.turner@southampton.example.org'), running).map((t) => t.action)).toEqual([
      undefined,
      'call-in',
    ]);
  });

  it('gives a non-voting member no vote to cast', () => {
    const so = structuredClone(boards[0]!);
    so.members = so.members.map((m) => (m.id === 'finn-hughes' ? { ...m, voting: false } : m));
    expect(tasksFor(rolesOf('finn.hughes@southampton-ccg.example.nhs.uk', [so]), running)).toEqual([]);
  });
});
