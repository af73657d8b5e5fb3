import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.ts';

/** 1 MiB: far above a Slack interaction or a Teams activity, far below what could exhaust memory. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

const tooLarge = (limit: number) =>
  new HttpError(413, 'payload_too_large', `request body is larger than ${limit} bytes`);

/**
 * Reads a request body into memory, refusing more than `limitBytes`: it rejects with an `HttpError` 413 (the
 * server answers it) as soon as the declared length or the bytes received pass the limit, without buffering
 * the rest. The raw bytes are returned because Slack signs them exactly as sent.
 */
export function readBody(
  req: IncomingMessage,
  limitBytes: number = DEFAULT_BODY_LIMIT_BYTES,
): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.reject(tooLarge(limitBytes));
  // A body can be read once; waiting for an 'end' that already happened would hang the request.
  if (req.readableEnded) return Promise.reject(new Error('the request body has already been read'));

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        // Stop buffering; the stream keeps flowing with no listener, so the rest is discarded, not stored.
        cleanup();
        chunks.length = 0;
        reject(tooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new HttpError(400, 'request_aborted', error.message));
    };
    const onClose = () => {
      cleanup();
      reject(new HttpError(400, 'request_aborted', 'the client closed the connection before the body ended'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
