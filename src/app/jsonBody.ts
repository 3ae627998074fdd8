import type { IncomingMessage } from 'node:http';

/** A Bot Framework activity is a few kB; a full card action with every field well under 100 kB. */
export const MAX_BODY_BYTES = 256 * 1024;

export type BodyResult = { ok: true; body: unknown } | { ok: false; status: 400 | 413 | 415; error: string };

/**
 * Reads a JSON request body with a hard byte cap, before anything else looks at the request.
 * Only `application/json` in UTF-8, and no `content-encoding` (a 1.5 MB gzip body can inflate to
 * gigabytes, so nothing is decompressed); no multipart, nothing written to disk. The bytes are
 * counted as they arrive, so an oversize or lying `content-length` is cut off at the cap.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const [type, ...params] = String(req.headers['content-type'] ?? '')
    .toLowerCase()
    .split(';')
    .map((s) => s.trim());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (type !== 'application/json' || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    return { ok: false, status: 415, error: 'Only application/json (UTF-8) is accepted.' };
  }
  const encoding = String(req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding !== 'identity' && encoding !== '') {
    return { ok: false, status: 415, error: 'Compressed request bodies are not accepted.' };
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return tooLarge(limit);

  const chunks: Buffer[] = [];
  let size = 0;
  const complete = await new Promise<boolean>((resolve) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done(false);
        return;
      }
      chunks.push(chunk);
    };
    const done = (whole: boolean) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      resolve(whole);
    };
    const onEnd = () => done(true);
    const onError = () => done(false);
    const onClose = () => done(false);
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
  if (!complete) {
    chunks.length = 0;
    return size > limit ? tooLarge(limit) : { ok: false, status: 400, error: 'The request body did not arrive whole.' };
  }
  try {
    return { ok: true, body: JSON.parse(Buffer.concat(chunks, size).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, error: 'The body is not valid JSON.' };
  }
}

const tooLarge = (limit: number): BodyResult => ({ ok: false, status: 413, error: `The request body is larger than ${limit / 1024} KB.` });
