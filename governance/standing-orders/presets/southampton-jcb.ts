/**
 * Southampton Joint Commissioning Board (Southampton City Council + Southampton City CCG), from
 * the Cabinet/Council report of 2017 (seeds/southampton-2017-joint-commissioning-board.txt).
 *
 * From the report: 3 Cabinet Members + 3 CCG Governing Body members (¶14); delegated decisions
 * need consensus of both partners, shown by a show of hands, else deferral (¶18); Forward Plan 28
 * days, reports 5 working days before the meeting, 28 days' notice of a private item (¶15); an
 * individual Cabinet Member may commit up to £2M only when all 3 Cabinet Members on the Board
 * agree (¶28); the Better Care s75 pool of £105,196k across 10 schemes (¶24); scope (¶11-12).
 *
 * EXAMPLES, not from the report: every person's name and email address, the roles' portfolio
 * names, the quorum (2 per partner), the key-decision threshold (£500,000), the escalation
 * deadlines and the meeting calendar (second Thursday of each month). Replace them with the
 * board's real values.
 */
import type { StandingOrdersInput } from '../schema';

const k = (thousands: number) => thousands * 1000;

export const southamptonJcb: StandingOrdersInput = {
  board: {
    id: 'southampton-jcb',
    name: 'Southampton Joint Commissioning Board',
    kind: 'joint-commissioning-board',
  },
  partners: [
    {
      id: 'council',
      name: 'Southampton City Council',
      kind: 'council',
      parentBody: { name: 'Cabinet of Southampton City Council' },
      clerk: { name: 'Example Cabinet Clerk', email: 'cabinet.clerk@southampton.example.org' },
      chiefExecutive: {
        name: 'Example Council Chief Executive',
        email: 'chief.executive@southampton.example.org',
      },
    },
    {
      id: 'nhs',
      name: 'NHS Southampton City Clinical Commissioning Group',
      kind: 'nhs',
      parentBody: { name: 'Southampton City CCG Governing Body' },
      clerk: {
        name: 'Example Governing Body Secretary',
        email: 'governing.body@southampton-ccg.example.nhs.uk',
      },
      chiefExecutive: {
        name: 'Example CCG Accountable Officer',
        email: 'accountable.officer@southampton-ccg.example.nhs.uk',
      },
    },
  ],
  members: [
    {
      id: 'cllr-ada-shaw',
      name: 'Cllr Ada Shaw',
      email: 'ada.shaw@southampton.example.org',
      partner: 'council',
      role: 'Cabinet Member for Health and Adult Social Care',
      voting: true,
      isCabinetMember: true,
    },
    {
      id: 'cllr-ben-okafor',
      name: 'Cllr Ben Okafor',
      email: 'ben.okafor@southampton.example.org',
      partner: 'council',
      role: "Cabinet Member for Children's Social Care",
      voting: true,
      isCabinetMember: true,
    },
    {
      id: 'cllr-cara-lewis',
      name: 'Cllr Cara Lewis',
      email: 'cara.lewis@southampton.example.org',
      partner: 'council',
      role: 'Cabinet Member for Finance',
      voting: true,
      isCabinetMember: true,
    },
    {
      id: 'dr-dev-patel',
      name: 'Dr Dev Patel',
      email: 'dev.patel@southampton-ccg.example.nhs.uk',
      partner: 'nhs',
      role: 'CCG Chair (Governing Body GP member)',
      voting: true,
    },
    {
      id: 'dr-eve-morgan',
      name: 'Dr Eve Morgan',
      email: 'eve.morgan@southampton-ccg.example.nhs.uk',
      partner: 'nhs',
      role: 'Governing Body GP member',
      voting: true,
    },
    {
      id: 'finn-hughes',
      name: 'Finn Hughes',
      email: 'finn.hughes@southampton-ccg.example.nhs.uk',
      partner: 'nhs',
      role: 'Governing Body lay member',
      voting: true,
    },
  ],
  chair: 'cllr-ada-shaw',
  partnerLeads: { council: 'cllr-ada-shaw', nhs: 'dr-dev-patel' },
  overviewAndScrutiny: {
    committee: 'Overview and Scrutiny Management Committee',
    chair: { name: 'Cllr Gil Turner', email: 'gil.turner@southampton.example.org' },
    members: [
      { name: 'Cllr Hana Ali', email: 'hana.ali@southampton.example.org' },
      { name: 'Cllr Ian Brooks', email: 'ian.brooks@southampton.example.org' },
      { name: 'Cllr Jo Carter', email: 'jo.carter@southampton.example.org' },
      { name: 'Cllr Kit Dawson', email: 'kit.dawson@southampton.example.org' },
      { name: 'Cllr Lee Evans', email: 'lee.evans@southampton.example.org' },
      { name: 'Cllr Mo Farah-Green', email: 'mo.farah-green@southampton.example.org' },
    ],
  },
  officers: {
    democraticServices: { name: 'Democratic Services', email: 'democratic.services@southampton.example.org' },
    commissioning: {
      name: 'Example Integrated Commissioning Lead',
      email: 'integrated.commissioning@southampton.example.org',
    },
  },
  delegation: {
    delegatedPower: true,
    // ¶11: Better Care Fund s75 areas and other existing partnership agreements.
    scope: [
      'better care fund',
      'integrated rehabilitation and reablement',
      'hospital discharge',
      'carers support',
      'care technology',
      'joint equipment service',
      'mental health',
      'children with complex health needs',
    ],
  },
  quorum: { council: 2, nhs: 2 },
  consensus: { rule: 'majority-of-each-partner' },
  keyDecision: { thresholdGbp: 500_000, wardsThreshold: 2 },
  spendingLimit: { amountGbp: 2_000_000, unanimity: 'cabinet-members' },
  notice: {
    forwardPlan: { days: 28, counting: 'calendar' },
    generalException: { days: 5, counting: 'working' },
    privateMeeting: { days: 28, counting: 'calendar' },
    privateMeetingConfirmation: { days: 5, counting: 'working' },
    agenda: { days: 5, counting: 'working' },
  },
  holidays: { region: 'england-and-wales', adjustments: { add: [], remove: [] } },
  // Where its meetings are held (outside the registered digest: democratic services may change it).
  meetingArrangements: { venue: 'Civic Centre, Southampton SO14 7LY', attendance: 'in-person' },
  publication: { cutOffTime: '17:00' },
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
  // ¶24: 2017/18 Better Care s75 pool, £'000 (CCG, SCC).
  pooledBudgets: [
    {
      id: 'carers',
      name: 'Carers',
      kind: 's75',
      amountGbp: k(1_374),
      contributions: { nhs: k(1_240), council: k(134) },
    },
    {
      id: 'clusters',
      name: 'Clusters',
      kind: 's75',
      amountGbp: k(49_238),
      contributions: { nhs: k(47_026), council: k(2_212) },
    },
    {
      id: 'rehab-reablement',
      name: 'Rehab & Reablement',
      kind: 's75',
      amountGbp: k(15_094),
      contributions: { nhs: k(10_543), council: k(4_551) },
    },
    {
      id: 'capital',
      name: 'Capital',
      kind: 's75',
      amountGbp: k(1_882),
      contributions: { council: k(1_882) },
    },
    {
      id: 'joint-equipment-store',
      name: 'Joint Equipment Store',
      kind: 's75',
      amountGbp: k(1_601),
      contributions: { nhs: k(798), council: k(803) },
    },
    { id: 'telecare', name: 'Telecare', kind: 's75', amountGbp: k(250), contributions: { council: k(250) } },
    {
      id: 'direct-payments',
      name: 'Direct Payments',
      kind: 's75',
      amountGbp: k(500),
      contributions: { council: k(500) },
    },
    {
      id: 'long-term-care',
      name: 'Long Term Care',
      kind: 's75',
      amountGbp: k(2_750),
      contributions: { council: k(2_750) },
    },
    {
      id: 'integrated-care-teams',
      name: 'Integrated Care Teams',
      kind: 's75',
      amountGbp: k(26_308),
      contributions: { nhs: k(9_894), council: k(16_414) },
    },
    {
      id: 'prevention-early-intervention',
      name: 'Prevention & Early Intervention',
      kind: 's75',
      amountGbp: k(6_199),
      contributions: { council: k(6_199) },
    },
  ],
};
