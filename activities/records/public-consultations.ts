/**
 * The public consultations open now (P7), for the public pages: what each is about, who is affected, how
 * to respond and when it closes. Read from the register's audit log, where the consultation process
 * writes what it publishes (`public-consultation-opened`) and its close; nothing else of the log is read.
 * Called "public consultation" throughout: in OParl a Consultation is a paper before a meeting.
 */
import type { Queryable } from './db';

export interface PublicConsultation {
  consultationId: string;
  boardId: string;
  boardName: string | null;
  ref: string;
  subject: string;
  affected: string;
  methods: string[];
  howToRespond: string;
  opensOn: string;
  closesOn: string;
  /** The instant it closes: the end of the closing day in London. */
  closesAt: string;
  reportedTo: string[];
}

interface Row {
  process_id: string;
  board_id: string;
  board_name: string | null;
  data: Omit<PublicConsultation, 'consultationId' | 'boardId' | 'boardName'>;
}

/** Consultations opened and not yet closed, whose closing instant is still ahead, soonest to close first. */
export async function openPublicConsultations(
  db: Queryable,
  now = new Date(),
): Promise<PublicConsultation[]> {
  const { rows } = await db.query<Row>(
    `select o.process_id, o.board_id, b.name as board_name, o.data
       from audit_log o left join boards b on b.board_id = o.board_id
      where o.kind = 'public-consultation-opened'
        and (o.data->>'closesAt')::timestamptz > $1
        and not exists (select 1 from audit_log c
                         where c.process_id = o.process_id and c.kind = 'public-consultation-closed')
      order by (o.data->>'closesAt')::timestamptz, o.process_id`,
    [now.toISOString()],
  );
  return rows.map((r) => ({
    consultationId: r.process_id,
    boardId: r.board_id,
    boardName: r.board_name,
    ref: r.data.ref,
    subject: r.data.subject,
    affected: r.data.affected,
    methods: r.data.methods,
    howToRespond: r.data.howToRespond,
    opensOn: r.data.opensOn,
    closesOn: r.data.closesOn,
    closesAt: r.data.closesAt,
    reportedTo: r.data.reportedTo,
  }));
}
