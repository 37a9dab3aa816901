// The ID tokens an HTTP process verified lately, revocation included (auth/firebase.ts): asking
// the provider is a request per call, so a verification is remembered for a short window.
import type { VerifiedToken } from './firebase.js';

interface Remembered extends VerifiedToken {
  checkedAt: number;
}

/**
 * Bounded. Each token is (re-)inserted last, so the map runs oldest check first: when full, the
 * oldest goes, a stale one before any fresh. It used to empty itself when full, which sent every
 * signed-in user's next request to the provider at once.
 */
export class VerifiedTokens {
  private readonly tokens = new Map<string, Remembered>();

  constructor(
    private readonly windowMs: number,
    private readonly max: number,
  ) {}

  /** The token as verified within the window and not yet expired, else undefined (and forgotten). */
  get(idToken: string, now: number): VerifiedToken | undefined {
    const known = this.tokens.get(idToken);
    if (known && known.expiresAt > now && now - known.checkedAt < this.windowMs)
      return { uid: known.uid, role: known.role, expiresAt: known.expiresAt };
    this.tokens.delete(idToken);
    return undefined;
  }

  remember(idToken: string, token: VerifiedToken, now: number): void {
    this.tokens.delete(idToken);
    for (const oldest of this.tokens.keys()) {
      if (this.tokens.size < this.max) break;
      this.tokens.delete(oldest);
    }
    this.tokens.set(idToken, { ...token, checkedAt: now });
  }

  /** A logout: this process forgets the user's tokens at once. */
  forgetUser(uid: string): void {
    for (const [idToken, known] of this.tokens) if (known.uid === uid) this.tokens.delete(idToken);
  }
}
