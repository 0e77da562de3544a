import {
  amendStandingOrdersUpdate,
  decideReviewOutcomeUpdate,
  decideTermsOfReferenceUpdate,
  reviewOutcomeDecisionSchema,
  reviseTermsOfReferenceUpdate,
  selfAssessmentSchema,
  standingOrdersAmendmentSchema,
  submitSelfAssessmentUpdate,
  termsOfReferenceDecisionSchema,
  termsOfReferenceRevisionSchema,
  type PartnerKind,
} from '../../definitions';
import { clerkRefusal, democraticServicesRefusal, memberRefusal } from '../../governance/authority';
import { contentHash } from '../../governance/content-hash';
import { action, registerActions } from '../kit/actions';
import type { BoardContext } from './context';
import { KINDS, type BoardState } from './state';

const refuse = (message: string): never => {
  throw new Error(message);
};

/**
 * Registers what clerks, democratic services and members may do to a board, one Update each. The Terms of
 * Reference actions are allowed by the draft's phase, the review's by the review's; standing orders may be
 * amended at any time.
 */
export function registerBoardActions(context: BoardContext, state: BoardState): void {
  const { authority, tracker } = context;
  const at = () => `(stage: ${tracker.status.stage})`;
  registerActions({ authority, stage: () => state.draft.phase }, termsOfReferenceActions(context, state, at));
  registerActions({ authority, stage: () => state.review.phase }, reviewActions(context, state, at));
  registerActions(
    { authority, stage: () => 'any' as const },
    { amendStandingOrders: amendment(context, state) },
  );
}

function notTheClerk(state: BoardState, body: PartnerKind, by: string, what?: string) {
  return clerkRefusal(state.bodyName(body), state.partnerOf(body).clerk.email, by, what);
}

/** Each parent body's clerk records its decision on the draft; democratic services revise it. */
function termsOfReferenceActions({ tracker }: BoardContext, state: BoardState, at: () => string) {
  const reviser = (by: string) =>
    democraticServicesRefusal(state.so, by, 'submit a revised Terms of Reference');
  return {
    decideTermsOfReference: action(decideTermsOfReferenceUpdate, {
      schema: termsOfReferenceDecisionSchema,
      what: 'decision',
      who: (d) => notTheClerk(state, d.body, d.by),
      actor: (d) => d.by,
      allowed: {
        in: ['awaiting-approval'],
        otherwise: () => `no Terms of Reference are before the parent bodies now ${at()}`,
      },
      check: (d) => {
        const { version } = state.draft;
        if (d.version !== undefined && d.version !== version)
          refuse(`version ${d.version} is not before the parent bodies; version ${version} is`);
        const earlier = state.draft.decisions.get(d.body);
        if (earlier)
          refuse(`${state.bodyName(d.body)} has already decided on version ${version} (${earlier.outcome})`);
      },
      apply: (d) => {
        state.decideTermsOfReference(d.body, { outcome: d.outcome, by: d.by, comments: d.comments });
        tracker.step(
          'tor-decision',
          `${state.bodyName(d.body)}: ${d.outcome} (version ${state.draft.version})`,
        );
        tracker.show();
        return state.draftView();
      },
    }),
    reviseTermsOfReference: action(reviseTermsOfReferenceUpdate, {
      schema: termsOfReferenceRevisionSchema,
      what: 'revision',
      who: (r) => reviser(r.by),
      actor: (r) => r.by,
      allowed: {
        in: ['revision-requested'],
        otherwise: () => `no revision of the Terms of Reference has been requested ${at()}`,
      },
      check: (r) => {
        if (contentHash(r.text) === state.draft.contentHash)
          refuse(
            `the revised text is identical to version ${state.draft.version}; it must make the amendments asked for`,
          );
      },
      apply: (r) => {
        state.revise(r.text, r.by);
        tracker.step('tor-revised', `version ${state.draft.version} submitted by democratic services`);
        tracker.show();
        return { version: state.draft.version, contentHash: state.draft.contentHash };
      },
    }),
  };
}

/** Members send their self-assessments; each parent body's clerk records its response to the review. */
function reviewActions({ tracker }: BoardContext, state: BoardState, at: () => string) {
  return {
    submitSelfAssessment: action(submitSelfAssessmentUpdate, {
      schema: selfAssessmentSchema,
      what: 'self-assessment',
      who: (a) => memberRefusal(state.so, a.member),
      actor: (a) => a.member,
      allowed: {
        in: ['self-assessment'],
        otherwise: () => `self-assessments are not being collected now ${at()}`,
      },
      check: (a) => {
        const member = state.so.members.find((m) => m.id === a.member)!;
        if (state.review.assessments.has(member.id))
          refuse(`${member.name} has already sent a self-assessment for review ${state.review.cycle}`);
      },
      apply: (a) => {
        state.assess(a.member, a.rating, a.comments);
        tracker.step('self-assessment', `${a.member} rated the board ${a.rating}/5`);
        const outstanding = state.outstandingMembers();
        tracker.current.waitingFor = `self-assessments from ${outstanding.length} of ${state.so.members.length} members`;
        tracker.show();
        return { received: state.review.assessments.size, outstanding };
      },
    }),
    decideReviewOutcome: action(decideReviewOutcomeUpdate, {
      schema: reviewOutcomeDecisionSchema,
      what: 'review outcome',
      who: (d) => notTheClerk(state, d.body, d.by, 'response'),
      actor: (d) => d.by,
      allowed: {
        in: ['outcome'],
        otherwise: () => `no review report is before the parent bodies now ${at()}`,
      },
      check: (d) => {
        const earlier = state.review.outcomes.get(d.body);
        if (earlier)
          refuse(
            `${state.bodyName(d.body)} has already responded to review ${state.review.cycle} (${earlier.outcome})`,
          );
      },
      apply: (d) => {
        state.decideReviewOutcome(d.body, {
          outcome: d.outcome,
          by: d.by,
          comments: d.comments,
          extension: d.extension,
        });
        tracker.step('review-outcome-decision', `${state.bodyName(d.body)}: ${d.outcome}`);
        tracker.show();
        return state.outcomesView();
      },
    }),
  };
}

/** Democratic services register amended standing orders: the board keeps its id and its two partners. */
function amendment({ boardId, calendar, tracker, effects, today }: BoardContext, state: BoardState) {
  return action(amendStandingOrdersUpdate, {
    schema: standingOrdersAmendmentSchema,
    what: 'amendment',
    who: (a) => democraticServicesRefusal(state.so, a.by, 'register amended standing orders'),
    actor: (a) => a.by,
    allowed: { in: ['any'], otherwise: () => 'never' },
    check: ({ standingOrders: next }) => {
      if (next.board.id !== boardId)
        refuse(`standingOrders.board.id: must stay "${boardId}" (a board keeps its id)`);
      for (const kind of KINDS) {
        if (next.partners.filter((p) => p.kind === kind).length !== 1)
          refuse(`standingOrders.partners: must keep one ${kind} partner`);
      }
      if (contentHash(JSON.stringify(next)) === state.registeredHash)
        refuse(`the standing orders are identical to version ${state.registration.version}`);
    },
    apply: async (a) => {
      state.amendStandingOrders(a.standingOrders, today());
      calendar.adopt(state.so.holidays);
      const { version } = state.registration;
      tracker.step('standing-orders-amended', `version ${version}: ${a.approvedBy}`);
      tracker.show();
      await effects.record(
        'standing-orders-amended',
        { version, contentHash: state.registeredHash, approvedBy: a.approvedBy, by: a.by },
        {
          step: 'standing-orders',
          per: [`v${version}`],
          summary: `Register version ${version} of the standing orders`,
        },
      );
      return { version, contentHash: state.registeredHash };
    },
  });
}
