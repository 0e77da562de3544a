/**
 * Wiltshire Council and NHS Wiltshire Joint Commissioning Board for adult health and social care,
 * from the Implementation Executive report of 13 May 2009
 * (seeds/wiltshire-2009-adult-joint-commissioning-board.txt).
 *
 * From the report: 10 members (¶16): 2 Cabinet members and 3 officers of Wiltshire Council,
 * 2 Non-Executive Directors and 3 directors of NHS Wiltshire (the PCT); no delegated power: it
 * recommends to the Council's Cabinet and the PCT Board (¶11-12, ¶22); its care groups (¶11); the
 * review after twelve months (¶15, ¶30); no direct financial implications, so no pooled budget (¶27).
 *
 * EXAMPLES, not from the report: every person's name and email address, the chair, the voting
 * flags (all members vote), the quorum (2 per partner), the key-decision threshold (£500,000),
 * the escalation deadlines and the meeting calendar (third Tuesday of each month).
 */
import type { StandingOrdersInput } from '../schema';

export const wiltshireAdultJcb: StandingOrdersInput = {
  board: {
    id: 'wiltshire-adult-jcb',
    name: 'Wiltshire Adult Health and Social Care Joint Commissioning Board',
    kind: 'joint-commissioning-board',
  },
  partners: [
    {
      id: 'council',
      name: 'Wiltshire Council',
      kind: 'council',
      parentBody: { name: 'Cabinet of Wiltshire Council' },
      clerk: { name: 'Example Cabinet Clerk', email: 'cabinet.clerk@wiltshire.example.org' },
      chiefExecutive: {
        name: 'Example Council Chief Executive',
        email: 'chief.executive@wiltshire.example.org',
      },
    },
    {
      id: 'nhs',
      name: 'NHS Wiltshire',
      kind: 'nhs',
      parentBody: { name: 'NHS Wiltshire Board' },
      clerk: { name: 'Example Board Secretary', email: 'board.secretary@wiltshire-pct.example.nhs.uk' },
      chiefExecutive: {
        name: 'Example PCT Chief Executive',
        email: 'chief.executive@wiltshire-pct.example.nhs.uk',
      },
    },
  ],
  members: [
    {
      id: 'cllr-ann-baker',
      name: 'Cllr Ann Baker',
      email: 'ann.baker@wiltshire.example.org',
      partner: 'council',
      role: 'Cabinet member for Adult Care',
      voting: true,
      isCabinetMember: true,
    },
    {
      id: 'cllr-bob-cole',
      name: 'Cllr Bob Cole',
      email: 'bob.cole@wiltshire.example.org',
      partner: 'council',
      role: 'Cabinet member for Health and Wellbeing',
      voting: true,
      isCabinetMember: true,
    },
    {
      id: 'carl-dean',
      name: 'Carl Dean',
      email: 'carl.dean@wiltshire.example.org',
      partner: 'council',
      role: 'Director of Community Services',
      voting: true,
    },
    {
      id: 'dina-ellis',
      name: 'Dina Ellis',
      email: 'dina.ellis@wiltshire.example.org',
      partner: 'council',
      role: 'Service Director - Commissioning, Strategy and Procurement',
      voting: true,
    },
    {
      id: 'ed-fox',
      name: 'Ed Fox',
      email: 'ed.fox@wiltshire.example.org',
      partner: 'council',
      role: 'Head of Finance (Adult Social Care)',
      voting: true,
    },
    {
      id: 'fay-grant',
      name: 'Fay Grant',
      email: 'fay.grant@wiltshire-pct.example.nhs.uk',
      partner: 'nhs',
      role: 'Non-Executive Director',
      voting: true,
    },
    {
      id: 'guy-hall',
      name: 'Guy Hall',
      email: 'guy.hall@wiltshire-pct.example.nhs.uk',
      partner: 'nhs',
      role: 'Non-Executive Director',
      voting: true,
    },
    {
      id: 'hal-irwin',
      name: 'Hal Irwin',
      email: 'hal.irwin@wiltshire-pct.example.nhs.uk',
      partner: 'nhs',
      role: 'Chief Executive, NHS Wiltshire',
      voting: true,
    },
    {
      id: 'ivy-jones',
      name: 'Ivy Jones',
      email: 'ivy.jones@wiltshire-pct.example.nhs.uk',
      partner: 'nhs',
      role: 'Director of Nursing, Midwifery and AHP',
      voting: true,
    },
    {
      id: 'jay-khan',
      name: 'Jay Khan',
      email: 'jay.khan@wiltshire-pct.example.nhs.uk',
      partner: 'nhs',
      role: 'Director of Finance',
      voting: true,
    },
  ],
  chair: 'cllr-ann-baker',
  partnerLeads: { council: 'carl-dean', nhs: 'hal-irwin' },
  overviewAndScrutiny: {
    committee: 'Health and Adult Social Care Overview and Scrutiny Committee',
    chair: { name: 'Cllr Kim Lowe', email: 'kim.lowe@wiltshire.example.org' },
    members: [
      { name: 'Cllr Lia Mann', email: 'lia.mann@wiltshire.example.org' },
      { name: 'Cllr Max Nash', email: 'max.nash@wiltshire.example.org' },
      { name: 'Cllr Nia Owen', email: 'nia.owen@wiltshire.example.org' },
      { name: 'Cllr Oli Park', email: 'oli.park@wiltshire.example.org' },
      { name: 'Cllr Pam Quinn', email: 'pam.quinn@wiltshire.example.org' },
    ],
  },
  officers: {
    democraticServices: { name: 'Democratic Services', email: 'democratic.services@wiltshire.example.org' },
  },
  // ¶11: recommends to Cabinet and the PCT Board on these care groups; decides nothing itself.
  delegation: {
    delegatedPower: false,
    scope: ['mental health', 'learning disabilities', 'older people', 'physical impairment'],
  },
  quorum: { council: 2, nhs: 2 },
  consensus: { rule: 'majority-of-each-partner' },
  keyDecision: { thresholdGbp: 500_000, wardsThreshold: 2 },
  spendingLimit: { amountGbp: null, unanimity: 'none' },
  holidays: { region: 'england-and-wales', adjustments: { add: [], remove: [] } },
  // Where its meetings are held (outside the registered digest: democratic services may change it).
  meetingArrangements: { venue: 'County Hall, Bythesea Road, Trowbridge BA14 8JN', attendance: 'in-person' },
  callIn: { windowWorkingDays: 5, signatoriesRequired: 5, scrutinyMeetingWithinWorkingDays: 15 },
  deferral: { limit: 2 },
  escalation: {
    steps: [
      { step: 'chief-executives', deadlineWorkingDays: 15, recipients: [] },
      { step: 'parent-bodies', deadlineWorkingDays: 40, recipients: [] },
    ],
  },
  review: { firstAfterMonths: 12, reminderDaysBefore: [28, 7], recurringEveryMonths: 12 },
  establishment: { approvalDeadlineMonths: 3 },
  pooledBudgets: [],
};
