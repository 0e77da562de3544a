import { SA } from '../../../definitions';
import { compareCivilDates, londonInstant } from '../../../governance/civil-date';
import { atLondonTime } from '../../../governance/deadlines';
import { effectivePublicationDate, meetingDeadlines, noticeRoute } from '../../../governance/notice';
import { boardMembers, scrutinyChair } from '../../kit/recipients';
import type { DecisionContext } from '../context';
import { joinMeeting } from './meeting-join';
import type { DecisionState } from '../state';

export type Notice = { kind: 'given'; specialUrgency: boolean } | { kind: 'no-urgency-consent' };

/**
 * Notice of the meeting: a key decision on the Forward Plan, or under the general exception (reg 10),
 * or with the O&S chair's agreement that it is urgent (reg 11); a private meeting's notices (reg 5).
 */
export async function giveNotice(context: DecisionContext, state: DecisionState): Promise<Notice> {
  const { so, input, classification, tracker, effects, calendar, exempt } = context;
  const meeting = state.meeting;
  const deadlines = meetingDeadlines(meeting, so.notice, calendar.current);
  const publishable = effectivePublicationDate(Date.now(), so.publication.cutOffTime, calendar.current);
  tracker.enter('awaiting-notice-period', 'notice to be given', {
    attributes: [{ key: SA.meetingDate, value: new Date(londonInstant(meeting, '10:00')) }],
  });

  let specialUrgency = false;
  // A meeting that moved keeps the notices the item gave for it (the meeting judged they still reach it).
  const given = state.givenNotices;
  const privateNoticeDay = given.privateMeeting ?? publishable;
  const privateNoticeLate =
    exempt && compareCivilDates(privateNoticeDay, deadlines.privateMeetingNoticeBy) > 0;
  if (exempt && !privateNoticeLate) state.noticeGiven('privateMeeting', privateNoticeDay);
  if (classification.keyDecision) {
    const noticeDay = given.forwardPlan ?? publishable;
    const route = noticeRoute(meeting, noticeDay, so.notice, calendar.current);
    tracker.step('notice-route', route.reasons.join('; '));
    if (route.route === 'forward-plan') {
      state.noticeGiven('forwardPlan', noticeDay);
      await effects.record(
        'forward-plan-published',
        {
          ...(noticeDay !== publishable ? { publishedOn: noticeDay } : {}),
          meeting,
          noticeBy: route.noticeBy,
          summary: context.publicSummary,
          amountGbp: input.amountGbp ?? null,
          exempt: context.exemptNote,
          keyDecision: true,
          // Reg 9(1): who decides, the documents and whom to ask for them (the data only: no command changes).
          decisionMaker: so.board.name,
          noticeRoute: 'forward-plan',
          ...forwardPlanContact(context),
        },
        { per: [meeting] },
      );
    } else if (route.route === 'general-exception') {
      await effects.record(
        'general-exception-notice',
        { meeting, noticeBy: route.noticeBy, reasons: route.reasons, summary: context.publicSummary },
        { per: [meeting] },
      );
      await effects.notify('general-exception-notice', {
        to: scrutinyChair(so),
        action: `A key decision is to be taken on ${meeting} under the general exception (reg 10); no action is needed unless you object.`,
        deadline: meeting,
        per: [meeting],
      });
    } else {
      specialUrgency = true;
    }
  }
  if (privateNoticeLate) specialUrgency = true; // reg 5(6): a late private-meeting notice needs the O&S chair's agreement too
  if (specialUrgency && !(await urgencyAgreed(context, state))) return { kind: 'no-urgency-consent' };
  // The item joins its meeting's agenda once its notice is given; an exempt one before its private-meeting
  // confirmation, which may fall after the agenda's day.
  await joinMeeting(context, state);
  if (exempt) await givePrivateMeetingNotice(context, state, privateNoticeLate);
  return { kind: 'given', specialUrgency };
}

/** Reg 11: the O&S chair agrees, before the meeting, that the decision is urgent. */
async function urgencyAgreed(context: DecisionContext, state: DecisionState): Promise<boolean> {
  const { so, tracker, effects, waits } = context;
  const meeting = state.meeting;
  const meetingStarts = londonInstant(meeting, '00:00');
  tracker.enter(
    'awaiting-urgency-consent',
    `the O&S chair (${so.overviewAndScrutiny.chair.name}) to agree the item is urgent`,
    {
      deadline: meetingStarts,
      next: 'if agreed, the item is taken at the meeting and is exempt from call-in; if not, it is deferred',
    },
  );
  await effects.notify('urgency-consent-required', {
    to: scrutinyChair(so),
    action: `Agree, before ${meeting}, that the decision is urgent and cannot reasonably be deferred (reg 11), or decline.`,
    deadline: meeting,
    per: [meeting],
  });
  const agreed = await waits.for(() => state.urgencyConsent !== undefined, {
    instant: meetingStarts,
    summary: `The O&S chair's consent to special urgency, before the meeting on ${meeting}`,
  });
  const consent = state.urgencyConsent;
  if (!agreed || !consent) return false;
  await effects.record(
    'special-urgency-agreed',
    { meeting, by: consent.by, reason: consent.reason },
    { per: [meeting] },
  );
  tracker.step('special-urgency-agreed', `agreed by ${consent.by}`);
  return true;
}

/** Reg 5: notice of the intention to meet in private (unless it is late), then its confirmation. */
async function givePrivateMeetingNotice(
  context: DecisionContext,
  state: DecisionState,
  late: boolean,
): Promise<void> {
  const { so, input, tracker, effects, waits } = context;
  const meeting = state.meeting;
  if (!late) {
    await effects.record(
      'private-meeting-notice',
      { meeting, notice: 'intention', paragraph: input.exemptParagraph },
      { per: [meeting] },
    );
  }
  await waits.untilDeadline(
    waits.deadline({
      what: 'the private-meeting confirmation notice',
      from: (calendar) =>
        atLondonTime(meetingDeadlines(meeting, so.notice, calendar).privateMeetingConfirmBy, '09:00'),
      summary: (d) => `Private-meeting confirmation notice, ${d.on}`,
      show: (d) =>
        tracker.enter('awaiting-notice-period', `the private-meeting confirmation notice on ${d.on}`, {
          deadline: d.at,
        }),
    }),
  );
  await effects.record(
    'private-meeting-notice',
    { meeting, notice: 'confirmation', paragraph: input.exemptParagraph },
    { step: 'private-meeting-confirmation', per: [meeting] },
  );
}

/**
 * The agenda is published five clear working days before the meeting; an item not on its meeting's agenda
 * (a decision started before meetings were processes) sends members its own agenda and invitation.
 */
export async function publishAgenda(context: DecisionContext, state: DecisionState): Promise<void> {
  const { so, input, tracker, effects, waits } = context;
  const meeting = state.meeting;
  await waits.untilDeadline(
    waits.deadline({
      what: 'agenda publication',
      from: (calendar) =>
        atLondonTime(meetingDeadlines(meeting, so.notice, calendar).agendaPublishBy, '09:00'),
      summary: () => `Publish the agenda for ${meeting}`,
      show: (d) =>
        tracker.enter('awaiting-agenda-publication', `agenda publication on ${d.on}`, {
          deadline: d.at,
          next: `the meeting on ${meeting}`,
        }),
    }),
  );
  state.agendaSent();
  // On its meeting's agenda, the item is in the meeting's one published agenda, mail and invitation.
  if (state.onMeetingAgenda) return;
  await effects.record(
    'agenda-published',
    { meeting, summary: context.publicSummary, exempt: context.exemptNote },
    { per: [meeting] },
  );
  await effects.notify('agenda-published', {
    to: boardMembers(so),
    action: `Read the report and come to the meeting on ${meeting} ready to vote; declare any interest before the vote.`,
    deadline: meeting,
    per: [meeting],
    facts: { meeting },
    invite: {
      uid: `${so.board.id}-${input.ref}-meeting@govflow`,
      sequence: state.inviteSequence,
      method: 'REQUEST',
      summary: `${so.board.name}: ${input.title}`,
      start: londonInstant(meeting, '10:00'),
      end: londonInstant(meeting, '12:00'),
      description: context.publicSummary,
    },
  });
}

/**
 * Reg 9(1)(e)-(g): the report to be considered, and the officer to ask for it: the board's commissioning
 * officer where the standing orders name one, else democratic services (a work address, never a member's).
 */
function forwardPlanContact({ so, input, exempt }: DecisionContext) {
  const officer = so.officers.commissioning ?? so.officers.democraticServices;
  return {
    contact: officer.name ? `${officer.name} (${officer.email})` : officer.email,
    documents: [{ title: exempt ? 'Report (exempt)' : `Report: ${input.title}` }],
  };
}
