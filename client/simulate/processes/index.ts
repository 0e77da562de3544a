import type { ScenarioFile } from '../format';
import type { SimulatedProcess } from '../process';
import { boardProcess } from './board';
import { consultationProcess } from './consultation';
import { decisionProcess } from './decision';
import { meetingProcess } from './meeting';
import { partnershipRecommendationProcess } from './partnership-recommendation';
import { pooledBudgetProcess } from './pooled-budget';

/** The processes a scenario may rehearse, by the scenario's `process` value. */
export const PROCESSES: Record<ScenarioFile['process'], SimulatedProcess> = {
  decision: decisionProcess,
  board: boardProcess,
  meeting: meetingProcess,
  'pooled-budget': pooledBudgetProcess,
  consultation: consultationProcess,
  'partnership-recommendation': partnershipRecommendationProcess,
};
