import { temporal } from '@temporalio/proto';
import { decisionInputSchema } from '../definitions';
import { addDays, londonCivilDate } from '../governance/civil-date';
import { keyItem, southamptonMeeting } from './items';
import { now, round } from './support';

export interface PayloadSizes {
  what: string;
  decisionInputBytes: number;
  standingOrdersBytes: number;
  /** Mean time to validate a decision's input with its zod schema, as the workflow does at its start (Node, outside the sandbox). */
  inputParseMs: number;
  /** Bytes of the happy path's history by event type (encoded protobuf), largest first. */
  happyPathBytesByType?: Record<string, number>;
  happyPathBytes?: number;
}

const EventType = temporal.api.enums.v1.EventType;

/** How big a decision's input is, how long its validation takes, and where the bytes of its history go. */
export function payloadSizes(happy?: temporal.api.history.v1.IHistory): PayloadSizes {
  // Sizes only: any meeting will do; the board's first after today (its standing orders carry the same
  // three years of meetings, so the same bytes, whatever the day).
  const input = keyItem('2027-014', southamptonMeeting(addDays(londonCivilDate(Date.now()), 1)));
  const runs = 300;
  for (let i = 0; i < 30; i++) decisionInputSchema.parse(input);
  const t0 = now();
  for (let i = 0; i < runs; i++) decisionInputSchema.parse(input);
  const inputParseMs = round((now() - t0) / runs, 3);
  const result: PayloadSizes = {
    what: 'the decision input as JSON (what the client sends and the first event stores), the zod validation of it, and the happy-path history by event type',
    decisionInputBytes: Buffer.byteLength(JSON.stringify(input)),
    standingOrdersBytes: Buffer.byteLength(JSON.stringify(input.standingOrders)),
    inputParseMs,
  };
  if (happy) {
    const bytes: Record<string, number> = {};
    for (const event of happy.events ?? []) {
      const name = (EventType[event.eventType ?? 0] ?? String(event.eventType)).replace(/^EVENT_TYPE_/, '');
      bytes[name] = (bytes[name] ?? 0) + temporal.api.history.v1.HistoryEvent.encode(event).finish().length;
    }
    result.happyPathBytesByType = Object.fromEntries(Object.entries(bytes).sort((a, b) => b[1] - a[1]));
    result.happyPathBytes = temporal.api.history.v1.History.encode(happy).finish().length;
  }
  return result;
}
