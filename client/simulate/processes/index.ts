import type { ScenarioFile } from '../format';
import type { SimulatedProcess } from '../process';
import { boardProcess } from './board';
import { decisionProcess } from './decision';

/** The processes a scenario may rehearse, by the scenario's `process` value. */
export const PROCESSES: Record<ScenarioFile['process'], SimulatedProcess> = {
  decision: decisionProcess,
  board: boardProcess,
};
