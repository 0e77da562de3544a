import { describe, expect, it } from 'vitest';
import { holidayCalendar } from '../../governance/bank-holidays';
import {
  DEFAULT_PERIOD_WEEKS,
  awaitingBodies,
  closingDay,
  closingDeadline,
  consultationOfficerRefusal,
  consultationOutcome,
  reminderDays,
} from '../../governance/consultation';

const england = holidayCalendar('england-and-wales');

describe('a public consultation’s period (bath-nes-2008 ¶11.7)', () => {
  it('runs whole weeks after the opening day: opened on a Monday, it closes on the Monday twelve weeks later', () => {
    expect(closingDay('2027-02-01', DEFAULT_PERIOD_WEEKS, england)).toBe('2027-04-26');
    expect(closingDay('2027-02-03', 4, england)).toBe('2027-03-03');
  });

  it('moves a closing day that is no working day to the next working day, never earlier', () => {
    // Twelve weeks from Monday 4 January 2027 is Easter Monday.
    expect(closingDay('2027-01-04', 12, england)).toBe('2027-03-30');
    // Four weeks from a Saturday is a Saturday: the Monday after.
    expect(closingDay('2027-02-06', 4, england)).toBe('2027-03-08');
  });

  it('closes at the end of the closing day in London (midnight BST starting the next day)', () => {
    expect(closingDeadline('2027-04-26')).toEqual({ on: '2027-04-26', at: '2027-04-26T23:00:00.000Z' });
    expect(closingDeadline('2027-03-03')).toEqual({ on: '2027-03-03', at: '2027-03-04T00:00:00.000Z' });
  });
});

describe('reminders before it closes', () => {
  it('are the given days before the closing day, earliest first', () => {
    expect(reminderDays('2027-02-01', '2027-04-26', [7, 14], england)).toEqual(['2027-04-12', '2027-04-19']);
  });

  it('come forward to a working day, and are dropped when not after the opening day or repeated', () => {
    // Four days before Tuesday 30 March 2027 is Good Friday: the Thursday before.
    expect(reminderDays('2027-01-04', '2027-03-30', [4, 5], england)).toEqual(['2027-03-25']);
    expect(reminderDays('2027-03-01', '2027-03-15', [14, 21, 3], england)).toEqual(['2027-03-12']);
    expect(reminderDays('2027-03-01', '2027-03-15', [0], england)).toEqual([]);
  });
});

describe('what the outcome needs before the change may be made', () => {
  it('waits until the Partnership Board, Cabinet and the NHS board have each noted it or decided', () => {
    expect(consultationOutcome({})).toBeUndefined();
    expect(consultationOutcome({ 'partnership-board': 'noted', cabinet: 'agreed' })).toBeUndefined();
    expect(awaitingBodies({ cabinet: 'agreed' })).toEqual(['partnership-board', 'nhs-board']);
  });

  it('lets the change be made once all three have, unless one decided against it', () => {
    expect(
      consultationOutcome({ 'partnership-board': 'noted', cabinet: 'agreed', 'nhs-board': 'noted' }),
    ).toBe('change-may-be-made');
    expect(
      consultationOutcome({ 'partnership-board': 'agreed', cabinet: 'agreed', 'nhs-board': 'not-agreed' }),
    ).toBe('change-not-agreed');
    expect(awaitingBodies({ 'partnership-board': 'noted', cabinet: 'agreed', 'nhs-board': 'noted' })).toEqual(
      [],
    );
  });
});

describe('who runs it', () => {
  const officers = [
    { email: 'democratic.services@bathnes.example.org' },
    { email: 'commissioner@bathnes.example.org' },
  ];

  it('lets democratic services or the commissioning officer record, whatever the case of the address', () => {
    expect(
      consultationOfficerRefusal(officers, 'Commissioner@BathNES.example.org', 'record responses'),
    ).toBeUndefined();
  });

  it('refuses anyone else, naming the field and who may', () => {
    expect(consultationOfficerRefusal(officers, 'someone@example.org', 'record responses')).toBe(
      'by: only democratic services or the commissioning officer (democratic.services@bathnes.example.org, commissioner@bathnes.example.org) may record responses; someone@example.org is neither',
    );
  });
});
