import type { Database } from '../db/client.ts';
import { createEvidenceFilesRepository } from '../db/evidence-files-repo.ts';
import { sendJson } from './send-json.ts';
import type { Route } from './server.ts';

export const DOWNLOAD_PATH = '/files';

/** GET /files?id=…: an evidence bundle while its link lives (the id is the secret), else 404. */
export function evidenceDownloadRoute(database: Database, clock: () => Date): Route {
  const files = createEvidenceFilesRepository(database);
  return {
    method: 'GET',
    path: DOWNLOAD_PATH,
    handle(req, res) {
      const id = new URL(req.url ?? '/', 'http://localhost').searchParams.get('id') ?? '';
      const file = /^[0-9a-f]{32}$/.test(id) ? files.get(id, clock()) : null;
      if (!file) return sendJson(res, 404, { error: 'not_found' });
      res.writeHead(200, {
        'content-type': 'application/zip',
        'content-length': String(file.bytes.length),
        'content-disposition': `attachment; filename="${file.filename}"`,
        'cache-control': 'no-store',
        'x-content-sha256': file.sha256,
      });
      res.end(file.bytes);
    },
  };
}
