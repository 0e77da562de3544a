import { describe, expect, it } from 'vitest';
import { rolesOf } from '../../governance/people';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { escalationStepIn, tasksFor, type RunningProcess } from '../../governance/tasks';
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
    // The O&S chair's consent to urgency and the call-in are both the console's.
    expect(tasksFor(roles('gil.turner@southampton.example.org'), running).map((t) => t.action)).toEqual([
      'urgency-consent',
      'call-in',
    ]);
    expect(tasksFor(roles('democratic.services@southampton.example.org'), running)).toEqual([
      {
        workflowId: 'decision/southampton-jcb/D',
        boardId: 'southampton-jcb',
        what: 'Record the scrutiny meeting’s outcome',
        deadline: '2030-01-10T23:59:59Z',
        action: 'scrutiny-outcome',
      },
    ]);
    const reconsidering = [decision('G', 'awaiting-reconsideration')];
    expect(
      tasksFor(roles('democratic.services@southampton.example.org'), reconsidering).map((t) => t.action),
    ).toEqual(['reconsideration']);
    expect(tasksFor(roles('ada.shaw@southampton.example.org'), reconsidering)).toEqual([]);
  });

  it('gives a non-voting member no vote to cast', () => {
    const so = structuredClone(boards[0]!);
    so.members = so.members.map((m) => (m.id === 'finn-hughes' ? { ...m, voting: false } : m));
    expect(tasksFor(rolesOf('finn.hughes@southampton-ccg.example.nhs.uk', [so]), running)).toEqual([]);
  });

  it('gives an escalation step to democratic services and to the people the step names, no one else', () => {
    const escalated = (ref: string, waitingFor?: string): RunningProcess => ({
      ...decision(ref, 'escalated'),
      ...(waitingFor ? { waitingFor } : {}),
    });
    const ladder = [
      escalated('J', 'the joint-committee step to resolve it by 2030-01-10'),
      escalated('C', 'the chief-executives step to resolve it by 2030-01-10'),
      escalated('P', 'the parent-bodies step to resolve it by 2030-01-24'),
      escalated('N'),
    ];
    const mine = (email: string) =>
      tasksFor(roles(email), ladder).map((t) => `${t.workflowId.split('/').pop()}:${t.action}`);
    expect(mine('democratic.services@southampton.example.org')).toEqual([
      'J:escalation',
      'C:escalation',
      'P:escalation',
      'N:escalation',
    ]);
    expect(mine('chief.executive@southampton.example.org')).toEqual(['C:escalation']);
    expect(mine('accountable.officer@southampton-ccg.example.nhs.uk')).toEqual(['C:escalation']);
    expect(mine('cabinet.clerk@southampton.example.org')).toEqual(['P:escalation']);
    expect(mine('ada.shaw@southampton.example.org')).toEqual([]);
    expect(escalationStepIn('the chief-executives step to resolve it by 2030-01-10')).toBe(
      'chief-executives',
    );
    expect(escalationStepIn('the O&S chair to agree')).toBeUndefined();
  });

  it('asks each board member for a self-assessment until theirs is in, and nobody else', () => {
    const review = (waitingOn?: string[]): RunningProcess[] => [
      {
        workflowId: 'board/southampton-jcb',
        process: 'board',
        boardId: 'southampton-jcb',
        stage: 'self-assessment',
        nextDeadline: '2030-02-01T23:59:59Z',
        ...(waitingOn ? { waitingOn } : {}),
      },
    ];
    const asked = (email: string, processes: RunningProcess[]) =>
      tasksFor(roles(email), processes).map((t) => t.action);
    expect(asked('ada.shaw@southampton.example.org', review())).toEqual(['self-assessment']);
    expect(asked('ada.shaw@southampton.example.org', review(['cllr-ada-shaw']))).toEqual(['self-assessment']);
    expect(asked('ada.shaw@southampton.example.org', review(['finn-hughes']))).toEqual([]);
    // A non-voting member assesses the board too.
    const so = structuredClone(boards[0]!);
    so.members = so.members.map((m) => (m.id === 'finn-hughes' ? { ...m, voting: false } : m));
    expect(
      tasksFor(rolesOf('finn.hughes@southampton-ccg.example.nhs.uk', [so]), review(['finn-hughes'])).map(
        (t) => t.what,
      ),
    ).toEqual(['Send your self-assessment of the board for its effectiveness review']);
    expect(asked('gil.turner@southampton.example.org', review())).toEqual([]);
    expect(asked('democratic.services@southampton.example.org', review())).toEqual([]);
  });
});
