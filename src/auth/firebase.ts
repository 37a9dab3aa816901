// Firebase Authentication: the admin SDK verifies ID tokens and manages users; the Identity
// Toolkit / Secure Token REST endpoints sign in and refresh (the admin SDK cannot check passwords).
// Locally both point at the Auth Emulator.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { initializeApp, cert, deleteApp, type App } from 'firebase-admin/app';
import { getAuth, type Auth } from 'firebase-admin/auth';
import { invalidCredentials, unauthorized, AppError } from '../errors.js';
import { VerifiedTokens } from './verifiedTokens.js';

export type Role = 'doctor' | 'patient';

export interface Session {
  idToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface VerifiedToken {
  uid: string;
  role?: Role;
  /** When the token stops being valid (ms since epoch). */
  expiresAt: number;
}

export interface FirebaseAuthOptions {
  projectId: string;
  apiKey: string;
  credentialsFile?: string;
  emulatorHost?: string;
  /** How long an HTTP verification (revocation included) is remembered per token; default 30 s. */
  revocationCheckMs?: number;
  /** Tokens remembered at most; default 10 000 (about 1 kB each). */
  verifiedTokensMax?: number;
}

const providerUnavailable = () => new AppError(502, 'AUTH_PROVIDER_UNAVAILABLE', 'identity provider did not answer');

/** firebase-admin's own codes for a request that got no answer: `app/network-error`, `app/network-timeout`. */
function providerDown(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('app/network') || code === 'auth/internal-error');
}

export class FirebaseAuth {
  private readonly app: App;
  private readonly verified: VerifiedTokens;
  readonly admin: Auth;
  private readonly identityBase: string;
  private readonly tokenBase: string;
  private readonly revocationCheckMs: number;

  constructor(private readonly opts: FirebaseAuthOptions) {
    if (opts.emulatorHost) {
      // The admin SDK reads this variable on each call to decide it talks to the emulator.
      process.env.FIREBASE_AUTH_EMULATOR_HOST = opts.emulatorHost;
    }
    const credential = opts.credentialsFile ? cert(JSON.parse(readFileSync(opts.credentialsFile, 'utf8'))) : undefined;
    this.app = initializeApp(
      { projectId: opts.projectId, ...(credential ? { credential } : {}) },
      `carebeat-${randomUUID()}`,
    );
    this.admin = getAuth(this.app);
    const prefix = opts.emulatorHost ? `http://${opts.emulatorHost}/` : 'https://';
    this.identityBase = `${prefix}identitytoolkit.googleapis.com/v1`;
    this.tokenBase = `${prefix}securetoken.googleapis.com/v1`;
    this.revocationCheckMs = opts.revocationCheckMs ?? 30_000;
    this.verified = new VerifiedTokens(this.revocationCheckMs, opts.verifiedTokensMax ?? 10_000);
  }

  async createUser(input: { email: string; password: string; name: string; role: Role }): Promise<string> {
    try {
      const record = await this.admin.createUser({
        email: input.email,
        password: input.password,
        displayName: input.name,
      });
      await this.admin.setCustomUserClaims(record.uid, { role: input.role });
      return record.uid;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'auth/email-already-exists')
        throw new AppError(409, 'EMAIL_TAKEN', 'an account with this email exists');
      if (code === 'auth/invalid-password') throw new AppError(400, 'VALIDATION_FAILED', 'password is too weak');
      if (code === 'auth/invalid-email') throw new AppError(400, 'VALIDATION_FAILED', 'email is invalid');
      if (providerDown(err)) throw providerUnavailable();
      throw err;
    }
  }

  async deleteUser(uid: string): Promise<void> {
    await this.admin.deleteUser(uid).catch(() => {});
  }

  async signIn(email: string, password: string): Promise<Session> {
    const res = await this.post(`${this.identityBase}/accounts:signInWithPassword`, {
      email,
      password,
      returnSecureToken: true,
    });
    if (!res.ok) {
      if (res.status === 400) throw invalidCredentials();
      throw providerUnavailable();
    }
    const body = (await res.json()) as { idToken: string; refreshToken: string; expiresIn: string };
    return { idToken: body.idToken, refreshToken: body.refreshToken, expiresIn: Number(body.expiresIn) };
  }

  async refresh(refreshToken: string): Promise<Session> {
    const res = await this.post(
      `${this.tokenBase}/token`,
      new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    );
    if (!res.ok) {
      if (res.status === 400 || res.status === 401) throw unauthorized('refresh token is invalid or expired');
      throw providerUnavailable();
    }
    const body = (await res.json()) as { id_token: string; refresh_token: string; expires_in: string };
    // The Auth Emulator keeps honouring a revoked refresh token (Firebase does not); the ID token
    // it hands out keeps the old sign-in time, so checking that token for revocation refuses both.
    await this.verify(body.id_token, true).catch((err) => {
      if (err instanceof AppError && err.code === 'AUTH_PROVIDER_UNAVAILABLE') throw err;
      throw unauthorized('refresh token is invalid or expired');
    });
    return { idToken: body.id_token, refreshToken: body.refresh_token, expiresIn: Number(body.expires_in) };
  }

  /**
   * Throws 401 for anything that is not a valid, unexpired, unrevoked token of this project.
   * Revocation (logout, a disabled or deleted account) is only known by asking Firebase, a request
   * per call, so HTTP remembers a verified token for `revocationCheckMs` (never past its `exp`):
   * a logout ends HTTP access within that window. `askNow` — the socket handshake — always asks.
   */
  async verify(idToken: string, askNow = false): Promise<VerifiedToken> {
    const now = Date.now();
    const known = askNow ? undefined : this.verified.get(idToken, now);
    if (known) return known;
    let token: VerifiedToken;
    try {
      const decoded = await this.admin.verifyIdToken(idToken, true);
      const role = decoded.role === 'doctor' || decoded.role === 'patient' ? decoded.role : undefined;
      token = { uid: decoded.uid, role, expiresAt: decoded.exp * 1000 };
    } catch (err) {
      // The provider not answering (the revocation check asks it) says nothing of the token: a
      // client told 401 would sign its user out, so it is told to come back instead.
      if (providerDown(err)) throw providerUnavailable();
      throw unauthorized('invalid or expired token');
    }
    this.verified.remember(idToken, token, now);
    return token;
  }

  /**
   * Logout: Firebase refuses the user's refresh tokens and, once checked, their ID tokens issued
   * before now. This process forgets them at once; other instances within revocationCheckMs.
   */
  async revokeSessions(uid: string): Promise<void> {
    try {
      await this.admin.revokeRefreshTokens(uid);
    } catch (err) {
      if ((err as { code?: string }).code === 'auth/user-not-found') throw unauthorized('no such account');
      throw providerUnavailable();
    }
    this.verified.forgetUser(uid);
  }

  async close(): Promise<void> {
    await deleteApp(this.app).catch(() => {});
  }

  /** A REST call to the provider; no answer at all (refused, reset, timed out) is 502, not a 500. */
  private async post(url: string, body: object): Promise<Response> {
    const form = body instanceof URLSearchParams;
    try {
      return await fetch(`${url}?key=${encodeURIComponent(this.opts.apiKey)}`, {
        method: 'POST',
        headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
        body: form ? body.toString() : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw providerUnavailable();
    }
  }
}
