import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Everything the page loads comes from this server: the project's own files and Microsoft's Adaptive Cards
 * renderer from node_modules. No CDN, no inline script or style, so the policy below can be strict.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const here = dirname(fileURLToPath(import.meta.url));
const adaptiveCardsDist = join(
  dirname(createRequire(import.meta.url).resolve('adaptivecards/package.json')),
  'dist',
);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** URL path → file. A fixed table: nothing else on disk can be asked for. */
const FILES: Record<string, string> = {
  '/': join(here, 'public', 'index.html'),
  '/assets/playground.css': join(here, 'public', 'playground.css'),
  '/assets/playground.js': join(here, 'public', 'playground.js'),
  '/assets/block-kit.js': join(here, 'public', 'block-kit.js'),
  '/assets/slack-pane.js': join(here, 'public', 'slack-pane.js'),
  '/assets/teams-pane.js': join(here, 'public', 'teams-pane.js'),
  '/assets/dom.js': join(here, 'public', 'dom.js'),
  '/vendor/adaptivecards.js': join(adaptiveCardsDist, 'adaptivecards.min.js'),
};

export const securityHeaders = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

/** Serves one of the page's files; false when the path is not one of them. */
export function serveStatic(path: string, res: ServerResponse): boolean {
  const file = FILES[path];
  if (!file) return false;
  const body = readFileSync(file);
  const type = TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
  res.writeHead(200, {
    'content-type': type,
    'content-length': body.length,
    'cache-control': 'no-cache',
    ...securityHeaders,
  });
  res.end(body);
  return true;
}
