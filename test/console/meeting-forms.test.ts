import { describe, expect, it } from 'vitest';
import { approvalOf, attendanceOf, outcomeOf } from '../../console/meeting-forms';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { anchorDay } from '../support/dates';

const so = resolveStandingOrders('southampton-jcb', anchorDay());
const BY = 'democratic.services@southampton.example.org';

describe('the meeting page’s forms read as the meeting’s Updates', () => {
  it('reads attendance: one box or many ticked, interest rows left blank dropped, by from the session', () => {
    expect(
      attendanceOf(
        {
          present: ['cllr-ada-shaw', 'cllr-ben-okafor'],
          apologies: 'cllr-cy-patel',
          'interest-member-0': '',
          'interest-ref-0': '',
          'interest-text-0': '',
          'interest-member-1': 'cllr-ada-shaw',
          'interest-ref-1': '2027-091',
          'interest-text-1': ' A relative bids ',
        },
        BY,
      ),
    ).toEqual({
      data: {
        by: BY,
        present: ['cllr-ada-shaw', 'cllr-ben-okafor'],
        apologies: ['cllr-cy-patel'],
        interests: [{ member: 'cllr-ada-shaw', ref: '2027-091', interest: 'A relative bids' }],
      },
    });
    expect(attendanceOf({}, BY)).toEqual({ problem: 'present: needs the members present', field: 'present' });
  });

  it('reads an outcome as hands counted per partner, and names a count not given', () => {
    const body = {
      ref: '2027-090',
      'for-council': '3',
      'against-council': '0',
      'for-nhs': '2',
      'against-nhs': '1',
      'abstain-nhs': '',
      resolution: 'Agreed',
      reasons: 'Both support it',
      alternatives: 'Do nothing\r\n\r\nWait a year',
    };
    expect(outcomeOf(body, BY, so)).toEqual({
      data: {
        by: BY,
        ref: '2027-090',
        counts: {
          council: { for: 3, against: 0, abstain: 0 },
          nhs: { for: 2, against: 1, abstain: 0 },
        },
        resolution: 'Agreed',
        reasons: 'Both support it',
        alternatives: ['Do nothing', 'Wait a year'],
      },
    });
    expect(outcomeOf({ ...body, 'against-nhs': ' ' }, BY, so)).toEqual({
      problem: `counts.nhs.against: give the hands counted for ${so.partners.find((p) => p.id === 'nhs')!.name} (0 if none)`,
      field: 'outcome-2027-090-against-nhs',
    });
    expect(outcomeOf({ ...body, 'for-council': '2.5' }, BY, so)).toEqual({
      problem: 'counts.council.for: must be a whole number of hands',
      field: 'outcome-2027-090-for-council',
    });
    expect(outcomeOf({ ...body, resolution: '' }, BY, so)).toMatchObject({
      field: 'outcome-2027-090-resolution',
    });
  });

  it('reads a recorded vote by name, a member left blank not voting, and names a vote the schema refuses', () => {
    const body = {
      ref: '2027-090',
      recorded: 'named',
      'vote-cllr-ada-shaw': 'for',
      'vote-dr-dev-patel': 'against',
      'vote-finn-hughes': '',
      resolution: 'Agreed',
      reasons: 'Both support it',
      alternatives: '',
    };
    expect(outcomeOf(body, BY, so)).toEqual({
      data: {
        by: BY,
        ref: '2027-090',
        votes: { 'cllr-ada-shaw': 'for', 'dr-dev-patel': 'against' },
        resolution: 'Agreed',
        reasons: 'Both support it',
        alternatives: [],
      },
    });
    expect(outcomeOf({ ...body, 'vote-dr-dev-patel': 'maybe' }, BY, so)).toMatchObject({
      field: 'outcome-2027-090-vote-dr-dev-patel',
    });
  });

  it('reads the approval of the minutes, naming its date field', () => {
    expect(approvalOf({ approvedAt: '2027-13-01' }, BY)).toEqual({
      problem: 'approvedAt: must be a real date written YYYY-MM-DD',
      field: 'approvedAt',
    });
  });
});
