/** Module-cost probe: the bare baseline plus all of governance/, with the standing-orders schema and presets. */
import * as governance from '../../governance';
export { idle } from '../baseline-workflow';
export const probe = governance;
