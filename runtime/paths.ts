import path from 'node:path';

/** The project root: every relative default (.tools, .data) hangs off it, wherever the command runs from. */
export const projectRoot = path.resolve(__dirname, '..');

export const toolsDir = path.join(projectRoot, '.tools');
