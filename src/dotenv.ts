/**
 * Loads `.env` into `process.env` when the file exists. Variables already set win: Node's loader never
 * overrides them, so a deployment's real environment beats a stray file. Returns whether a file was read.
 */
export function loadDotEnv(path = '.env'): boolean {
  try {
    process.loadEnvFile(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
