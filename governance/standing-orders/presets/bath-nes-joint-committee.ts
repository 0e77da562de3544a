/**
 * Bath & North East Somerset: the Joint Committee for the Oversight of Joint Working between the
 * Council and the NHS B&NES Clinical Commissioning Group, from the Council report of
 * 13 September 2012 (seeds/bath-nes-2012-joint-working-framework.txt).
 *
 * From the report: a joint committee of Council and CCG (¶2.3) that oversees joint working and
 * pooled budgets and is the route to escalate disputes, but does not decide how budgets are
 * allocated (¶5.7), so no delegated power; s75 pooled funds, s256 transfers and aligned
 * expenditure, 2012/13 values in £'000 (¶3.3).
 *
 * EXAMPLES, not from the report: the membership (the report gives no composition; here 3 per
 * partner), every person's name and email address, the quorum, the key-decision threshold
 * (£500,000), the escalation deadlines and the meeting calendar (fourth Wednesday of each month).
 */
import type { StandingOrdersInput } from '../schema';

const k = (thousands: number) => thousands * 1000;

export const bathNesJointCommittee: StandingOrdersInput = {
  board: {
    id: 'bath-nes-joint-committee',
    name: 'Bath & North East Somerset Joint Committee for the Oversight of Joint Working',
    kind: 'joint-committee',
  },
  partners: [
    {
      id: 'council',
      name: 'Bath & North East Somerset Council',
      kind: 'council',
      parentBody: { name: 'Cabinet of Bath & North East Somerset Council' },
      clerk: { name: 'Example Democratic Services Manager', email: 'cabinet.clerk@bathnes.example.org' },
      chiefExecutive: {
        name: 'Example Council Chief Executive',
        email: 'chief.executive@bathnes.example.org',
      },
    },
    {
      id: 'nhs',
      name: 'NHS Bath and North East Somerset Clinical Commissioning Group',
      kind: 'nhs',
      parentBody: { name: 'B&NES CCG Governing Body' },
      clerk: { name: 'Example Governing Body Secretary', email: 'governing.body@bathnes-ccg.example.nhs.uk' },
      chiefExecutive: {
        name: 'Example CCG Accountable Officer',
        email: 'accountable.officer@bathnes-ccg.example.nhs.uk',
      },
    },
  ],
  members: [
    {
      id: 'cllr-amy-rowe',
      name: 'Cllr Amy Rowe',
      email: 'amy.rowe@bathnes.example.org',
      partner: 'council',
      role: 'Cabinet Member for Wellbeing',
      voting: true,
      isCabinetMember: true,
    },
    {
      id: 'cllr-ben-stone',
      name: 'Cllr Ben Stone',
      email: 'ben.stone@bathnes.example.org',
      partner: 'council',
      role: 'Cabinet Member for Early Years, Children and Youth',
      voting: true,
      isCabinetMember: true,
    },
    {
      id: 'cat-tate',
      name: 'Cat Tate',
      email: 'cat.tate@bathnes.example.org',
      partner: 'council',
      role: 'Strategic Director, People and Communities',
      voting: false,
    },
    {
      id: 'dr-dan-upton',
      name: 'Dr Dan Upton',
      email: 'dan.upton@bathnes-ccg.example.nhs.uk',
      partner: 'nhs',
      role: 'CCG Chair',
      voting: true,
    },
    {
      id: 'dr-eli-vance',
      name: 'Dr Eli Vance',
      email: 'eli.vance@bathnes-ccg.example.nhs.uk',
      partner: 'nhs',
      role: 'CCG Accountable Officer (GP)',
      voting: true,
    },
    {
      id: 'flo-ward',
      name: 'Flo Ward',
      email: 'flo.ward@bathnes-ccg.example.nhs.uk',
      partner: 'nhs',
      role: 'CCG Chief Finance Officer',
      voting: false,
    },
  ],
  chair: 'cllr-amy-rowe',
  partnerLeads: { council: 'cllr-amy-rowe', nhs: 'dr-dan-upton' },
  overviewAndScrutiny: {
    committee: 'Wellbeing Policy Development and Scrutiny Panel',
    chair: { name: 'Cllr Gia Young', email: 'gia.young@bathnes.example.org' },
    members: [
      { name: 'Cllr Hal Zane', email: 'hal.zane@bathnes.example.org' },
      { name: 'Cllr Ira Abbot', email: 'ira.abbot@bathnes.example.org' },
      { name: 'Cllr Jon Bell', email: 'jon.bell@bathnes.example.org' },
      { name: 'Cllr Kay Cross', email: 'kay.cross@bathnes.example.org' },
      { name: 'Cllr Liv Drake', email: 'liv.drake@bathnes.example.org' },
    ],
  },
  officers: {
    democraticServices: { name: 'Democratic Services', email: 'democratic.services@bathnes.example.org' },
  },
  // ¶5.7: oversight of the framework and pooled budgets; budget allocation stays with the partners.
  delegation: {
    delegatedPower: false,
    scope: ['joint working framework', 'pooled budgets', 'joint management and staffing', 'disputes'],
  },
  quorum: { council: 1, nhs: 1 },
  consensus: { rule: 'unanimity' },
  keyDecision: { thresholdGbp: 500_000, wardsThreshold: 2 },
  spendingLimit: { amountGbp: null, unanimity: 'none' },
  holidays: { region: 'england-and-wales', adjustments: { add: [], remove: [] } },
  // Where its meetings are held (outside the registered digest: democratic services may change it).
  meetingArrangements: { venue: 'Guildhall, High Street, Bath BA1 5AW', attendance: 'in-person' },
  deferral: { limit: 2 },
  escalation: {
    steps: [
      {
        step: 'joint-committee',
        deadlineWorkingDays: 20,
        recipients: ['democratic.services@bathnes.example.org'],
      },
      { step: 'chief-executives', deadlineWorkingDays: 15, recipients: [] },
      { step: 'parent-bodies', deadlineWorkingDays: 40, recipients: [] },
    ],
  },
  pooledBudgets: [
    {
      id: 'learning-difficulties',
      name: 'Learning Difficulties Pool',
      kind: 's75',
      amountGbp: k(23_168),
      contributions: { council: k(18_270), nhs: k(4_898) },
    },
    {
      id: 'community-equipment',
      name: 'Community Equipment Pool',
      kind: 's75',
      amountGbp: k(503),
      contributions: { council: k(285), nhs: k(218) },
    },
    {
      id: 'drug-alcohol-treatment',
      name: 'Drug & Alcohol Treatment Pool',
      kind: 's75',
      amountGbp: k(2_805),
      contributions: { council: k(682), nhs: k(2_123) },
    },
    {
      id: 'childrens',
      name: "Children's Pool",
      kind: 's75',
      amountGbp: k(2_615),
      contributions: { council: k(2_484), nhs: k(131) },
    },
    {
      id: 's256-national-funding',
      name: 'National funding per 12/13 allocation',
      kind: 's256',
      amountGbp: k(1_896),
      contributions: { nhs: k(1_896) },
    },
    {
      id: 's256-reablement',
      name: 'Local re-ablement/post discharge support funding',
      kind: 's256',
      amountGbp: k(900),
      contributions: { nhs: k(900) },
    },
    {
      id: 'sirona-care-and-health',
      name: 'Sirona Care and Health: community health and social care contract',
      kind: 'aligned',
      amountGbp: k(43_838),
      contributions: { council: k(18_441), nhs: k(25_397) },
    },
  ],
};
