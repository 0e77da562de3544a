import type { ConsultationStage, ResponseTally } from '../../definitions';
import {
  awaitingBodies,
  consultationOutcome,
  type BodyAnswer,
  type ConsultationOutcome,
  type ReportedTo,
} from '../../governance/consultation';
import type { CivilDate } from '../../governance/civil-date';

/** Responses counted in one go, and whether the register has them yet. */
export interface ResponseBatch {
  count: number;
  themes: string[];
  by: string;
  at: string;
  recorded: boolean;
}

/** A body's note or decision on the outcome, and whether the register has it yet. */
export interface Answer {
  answer: BodyAnswer;
  resolution: string;
  by: string;
  at: string;
  recorded: boolean;
}

/** Where the consultation is: its stage, as the status shows it. */
export type Phase = ConsultationStage;

/** What the consultation has gathered so far; changed only through its methods. */
export class ConsultationState {
  phase: Phase = 'open';
  private readonly batches: ResponseBatch[] = [];
  private readonly answers = new Map<ReportedTo, Answer>();
  report: { summary: string; by: string; at: string } | undefined;
  /** Counts every Update taken, so a waiting stage wakes to write it down. */
  changes = 0;

  constructor(
    readonly opensOn: CivilDate,
    readonly closesOn: CivilDate,
  ) {}

  addResponses(batch: Omit<ResponseBatch, 'recorded'>): void {
    this.batches.push({ ...batch, recorded: false });
    this.changes++;
  }

  close(): void {
    this.phase = 'closed';
  }

  takeReport(report: { summary: string; by: string; at: string }): void {
    this.report = report;
    this.changes++;
  }

  reported(): void {
    this.phase = 'reported';
  }

  answer(body: ReportedTo, answer: Omit<Answer, 'recorded'>): void {
    this.answers.set(body, { ...answer, recorded: false });
    this.changes++;
  }

  conclude(outcome: ConsultationOutcome): void {
    this.phase = outcome;
  }

  answerOf(body: ReportedTo): Answer | undefined {
    return this.answers.get(body);
  }

  tally(): ResponseTally {
    return {
      count: this.batches.reduce((sum, b) => sum + b.count, 0),
      themes: [...new Set(this.batches.flatMap((b) => b.themes))],
    };
  }

  /** The first batch of responses not yet in the register, marked as recorded as it is handed out. */
  nextUnrecordedResponses(): [number, ResponseBatch] | undefined {
    const index = this.batches.findIndex((b) => !b.recorded);
    if (index < 0) return undefined;
    this.batches[index]!.recorded = true;
    return [index + 1, this.batches[index]!];
  }

  /** The first answer not yet in the register, marked as recorded as it is handed out. */
  nextUnrecordedAnswer(): [ReportedTo, Answer] | undefined {
    for (const entry of this.answers) {
      if (entry[1].recorded) continue;
      entry[1].recorded = true;
      return entry;
    }
    return undefined;
  }

  private given(): Partial<Record<ReportedTo, BodyAnswer>> {
    return Object.fromEntries([...this.answers].map(([body, a]) => [body, a.answer]));
  }

  /** Each body's answer, or 'awaiting'. */
  bodies(): Record<ReportedTo, BodyAnswer | 'awaiting'> {
    const given = this.given();
    return {
      'partnership-board': given['partnership-board'] ?? 'awaiting',
      cabinet: given.cabinet ?? 'awaiting',
      'nhs-board': given['nhs-board'] ?? 'awaiting',
    };
  }

  awaiting(): ReportedTo[] {
    return awaitingBodies(this.given());
  }

  outcome(): ConsultationOutcome | undefined {
    return consultationOutcome(this.given());
  }
}
