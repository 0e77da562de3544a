import { describe, expect, it } from 'vitest';
import { rolesOf } from '../../governance/people';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { tasksFor, type RunningProcess } from '../../governance/tasks';
import { anchorDay } from '../support/dates';

const boards = [resolveStandingOrders('southampton-jcb', anchorDay())];
const OFFICER = 'democratic.services@southampton.example.org';
const meeting = (date: string, stage: string, boardId = 'southampton-jcb'): RunningProcess => ({
  workflowId: `meeting/${boardId}/${date}`,
  process: 'meeting',
  boardId,
  stage,
  nextDeadline: `${date}T23:59:59Z`,
});
const running = [
  meeting('2030-01-01', 'scheduled'),
  meeting('2030-01-02', 'agenda-published'),
  meeting('2030-01-03', 'in-session'),
  meeting('2030-01-04', 'minutes-due'),
  meeting('2030-01-05', 'minutes-drafted'),
  meeting('2030-01-06', 'in-session', 'another-board'),
];

describe('a meeting’s tasks for democratic services (issue 15)', () => {
  it('asks for the day’s record on the meeting day, then the draft minutes, then their approval', () => {
    expect(tasksFor(rolesOf(OFFICER, boards), running)).toEqual([
      {
        workflowId: 'meeting/southampton-jcb/2030-01-03',
        boardId: 'southampton-jcb',
        what: 'Record the meeting’s attendance, interests and each item’s outcome',
        deadline: '2030-01-03T23:59:59Z',
        action: '#record',
      },
      {
        workflowId: 'meeting/southampton-jcb/2030-01-04',
        boardId: 'southampton-jcb',
        what: 'Publish the meeting’s draft minutes',
        deadline: '2030-01-04T23:59:59Z',
        action: '#minutes',
      },
      {
        workflowId: 'meeting/southampton-jcb/2030-01-05',
        boardId: 'southampton-jcb',
        what: 'Record the approval of the minutes at the next meeting',
        deadline: '2030-01-05T23:59:59Z',
        action: '#minutes',
      },
    ]);
  });

  it('asks no member, clerk or scrutiny councillor to record a meeting', () => {
    for (const email of [
      'ada.shaw@southampton.example.org',
      'cabinet.clerk@southampton.example.org',
      'hana.ali@southampton.example.org',
    ])
      expect(tasksFor(rolesOf(email, boards), running)).toEqual([]);
  });
});
