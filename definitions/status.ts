/** What every govflow process answers to its `status` query: where it is and what it waits for. */
export interface ProcessStatus<Stage extends string = string> {
  process: string;
  boardId: string;
  stage: Stage;
  /** The next statutory or configured deadline (ISO instant), if one is running. */
  nextDeadline?: string;
  /** Who or what the process waits for, in plain words. */
  waitingFor: string;
  steps: { at: string; kind: string; detail: string }[];
}
