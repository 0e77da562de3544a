import path from 'node:path';

/** The project root: every relative default (.tools, .data) hangs off it, wherever the command runs from. */
export const projectRoot = path.resolve(__dirname, '..');

export const toolsDir = path.join(projectRoot, '.tools');

export function dataDir(): string {
  return path.resolve(projectRoot, process.env.GOVFLOW_DATA_DIR ?? '.data');
}
