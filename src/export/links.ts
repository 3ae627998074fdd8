import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived download links for exports. The token carries what to export, for whom and until
 * when, signed with HMAC-SHA256, so the bot keeps no state for it and any instance sharing the
 * secret can serve it. Changing any part of the token breaks the signature.
 */

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportClaims {
  roundId: string;
  format: ExportFormat;
  tenantId: string;
  aadObjectId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** An analysis instead of a round's reports: "rounds|forum|scheme|view" (view '' = every view; src/export/analysisExport.ts). */
  analysis?: string;
  /** A closed meeting's recommendation as CSV instead of the round's reports (src/export/meetingCsvRoute.ts). */
  meeting?: string;
  /** The language the file is written in (the card's), where the file has words of its own. */
  locale?: string;
}

export type Verified = { ok: true; claims: ExportClaims } | { ok: false; status: 404 | 410 };

const b64 = (buf: Buffer) => buf.toString('base64url');
const TOKEN = /^[A-Za-z0-9_-]{10,1200}\.[A-Za-z0-9_-]{43}$/;

export class ExportLinks {
  readonly ttlMs: number;
  private readonly secret: Buffer;
  private readonly now: () => Date;
  private readonly baseUrl: () => string;

  constructor(opts: { secret?: string; ttlMinutes: number; now: () => Date; baseUrl: () => string }) {
    // Without a configured secret each process makes its own: links then work on the instance
    // that made them only, which is enough for one instance and safe for many.
    this.secret = opts.secret ? Buffer.from(opts.secret, 'utf8') : randomBytes(32);
    this.ttlMs = opts.ttlMinutes * 60_000;
    this.now = opts.now;
    this.baseUrl = opts.baseUrl;
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest();
  }

  sign(claims: Omit<ExportClaims, 'expiresAt'>): { token: string; url: string; expiresAt: Date } {
    const expiresAt = this.now().getTime() + this.ttlMs;
    const payload = b64(
      Buffer.from(
        JSON.stringify({
          r: claims.roundId,
          f: claims.format,
          t: claims.tenantId,
          u: claims.aadObjectId,
          e: expiresAt,
          ...(claims.analysis ? { a: claims.analysis } : {}),
          ...(claims.meeting ? { m: claims.meeting } : {}),
          ...(claims.locale ? { l: claims.locale } : {}),
        }),
        'utf8',
      ),
    );
    const token = `${payload}.${b64(this.mac(payload))}`;
    return { token, url: `${this.baseUrl().replace(/\/+$/, '')}/exports/${token}`, expiresAt: new Date(expiresAt) };
  }

  /** 404 for anything not made by this secret, 410 for a genuine link whose time is up. */
  verify(token: string): Verified {
    if (typeof token !== 'string' || !TOKEN.test(token)) return { ok: false, status: 404 };
    const [payload, signature] = token.split('.');
    const expected = this.mac(payload);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, status: 404 };
    let raw: { r?: unknown; f?: unknown; t?: unknown; u?: unknown; e?: unknown; a?: unknown; m?: unknown; l?: unknown };
    try {
      raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, status: 404 };
    }
    if (
      typeof raw.r !== 'string' ||
      !EXPORT_FORMATS.includes(raw.f as ExportFormat) ||
      typeof raw.t !== 'string' ||
      typeof raw.u !== 'string' ||
      typeof raw.e !== 'number' ||
      (raw.a !== undefined && typeof raw.a !== 'string') ||
      (raw.m !== undefined && typeof raw.m !== 'string') ||
      (raw.l !== undefined && typeof raw.l !== 'string')
    )
      return { ok: false, status: 404 };
    if (this.now().getTime() > raw.e) return { ok: false, status: 410 };
    return {
      ok: true,
      claims: {
        roundId: raw.r,
        format: raw.f as ExportFormat,
        tenantId: raw.t,
        aadObjectId: raw.u,
        expiresAt: raw.e,
        ...(typeof raw.a === 'string' ? { analysis: raw.a } : {}),
        ...(typeof raw.m === 'string' ? { meeting: raw.m } : {}),
        ...(typeof raw.l === 'string' ? { locale: raw.l } : {}),
      },
    };
  }
}
