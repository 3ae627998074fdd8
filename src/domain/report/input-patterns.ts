import type { MessageKey } from '../i18n';

/**
 * What a card input can check in the Teams client before a round trip (Adaptive Cards `regex`
 * with its `errorMessage`). Each pattern lets through everything its coercer in card-input.ts
 * accepts (a unit test holds them to that), so the client only ever catches plain mistakes and
 * the server's check stays the authority (check digits, lengths, the rules across fields).
 * Written for JavaScript's RegExp, which the Teams renderer uses; anchored, since it is not.
 */
export interface InputPattern {
  regex: string;
  /** Shown by the client under the input when the pattern does not match (or it is left empty). */
  message: MessageKey;
}

export const INPUT_PATTERNS = {
  /** 9 digits, spaces anywhere between them: "974 760 673". */
  orgnr: { regex: '^\\s*(\\d\\s*){9}$', message: 'report.error.orgnr.format' },
  /** Something@something.tld; the server checks the parts. */
  email: { regex: '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]{2,}\\s*$', message: 'report.error.email' },
  /** 7 to 17 digits with spaces, an optional + first: Norwegian, 00- and +-numbers. */
  phone: { regex: '^\\s*\\+?(\\d\\s*){7,17}$', message: 'report.error.phone' },
} as const satisfies Record<string, InputPattern>;

export type PatternName = keyof typeof INPUT_PATTERNS;
