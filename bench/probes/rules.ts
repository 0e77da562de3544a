/** Module-cost probe: the bare baseline plus govflow's pure rules that use no zod (calendar, notice, voting...). */
import * as civilDate from '../../governance/civil-date';
import * as bankHolidays from '../../governance/bank-holidays';
import * as notice from '../../governance/notice';
import * as schedule from '../../governance/schedule';
import * as classification from '../../governance/classification';
import * as voting from '../../governance/voting';
export { idle } from '../baseline-workflow';
export const probe = [civilDate, bankHolidays, notice, schedule, classification, voting];
