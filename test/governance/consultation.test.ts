import { describe, expect, it } from 'vitest';
import { holidayCalendar } from '../../governance/bank-holidays';
import {
  DEFAULT_PERIOD_WEEKS,
  awaitingBodies,
  closingDay,
  closingDeadline,
  consultationOfficerRefusal,
  consultationOutcome,
  DEFAULT_REPORT_WORKING_DAYS,
  answerDeadline,
  isOverdue,
  reminderDays,
  reminderSchedule,
  reportDeadline,
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

describe('a public consultation’s deadlines after it closes: nothing waits forever', () => {
  const withHoliday = (date: string) =>
    holidayCalendar('england-and-wales', { add: [{ date, name: 'Proclaimed holiday' }], remove: [] });

  it('wants the outcome report by the end of the 20th working day after the close, skipping bank holidays', () => {
    // Closed Monday 26 April 2027; Monday 3 May is the early May bank holiday.
    expect(reportDeadline('2027-04-26', DEFAULT_REPORT_WORKING_DAYS, england)).toEqual({
      on: '2027-05-25',
      at: '2027-05-25T23:00:00.000Z',
    });
    // A holiday proclaimed in the count moves it a working day later.
    expect(reportDeadline('2027-04-26', 20, withHoliday('2027-05-20')).on).toBe('2027-05-26');
  });

  it('gives a body its meeting day as it is, or working days after the report (moved by a new holiday)', () => {
    expect(answerDeadline({ on: '2027-06-10' }, '2027-05-25', england)).toEqual({
      on: '2027-06-10',
      at: '2027-06-10T23:00:00.000Z',
    });
    expect(answerDeadline({ on: '2027-06-10' }, '2027-05-25', withHoliday('2027-06-10')).on).toBe(
      '2027-06-10',
    );
    // Monday 31 May 2027 is the spring bank holiday.
    expect(answerDeadline({ workingDays: 5 }, '2027-05-25', england).on).toBe('2027-06-02');
    expect(answerDeadline({ workingDays: 5 }, '2027-05-25', withHoliday('2027-06-01')).on).toBe('2027-06-03');
  });

  it('is overdue from the instant it passes, not before', () => {
    const due = reportDeadline('2027-04-26', 20, england);
    expect(isOverdue(due, Date.parse(due.at) - 1)).toBe(false);
    expect(isOverdue(due, Date.parse(due.at))).toBe(true);
  });

  it('keeps each reminder with the days before the close it stands for, earliest first', () => {
    expect(reminderSchedule('2027-02-01', '2027-04-26', [7, 14], england)).toEqual([
      { daysBefore: 14, on: '2027-04-12' },
      { daysBefore: 7, on: '2027-04-19' },
    ]);
    // Reminders before the opening day are dropped; a repeat day keeps the first configured.
    expect(reminderSchedule('2027-03-01', '2027-03-15', [14, 21, 3, 2], england)).toEqual([
      { daysBefore: 3, on: '2027-03-12' },
    ]);
  });
});
