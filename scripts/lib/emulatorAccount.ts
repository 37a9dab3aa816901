// A bench account straight through the Auth Emulator's REST API (no Carebeat signup: the profiles
// are inserted directly), with an ID token the socket handshake's revocation check accepts.
import { randomUUID } from 'node:crypto';

const call = async (host: string, method: string, body: object) => {
  const res = await fetch(`http://${host}/identitytoolkit.googleapis.com/v1/accounts:${method}?key=bench`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, returnSecureToken: true }),
  });
  if (!res.ok) throw new Error(`emulator ${method}: ${res.status}`);
  return (await res.json()) as { localId: string; idToken: string; email: string };
};

export async function emulatorAccount(host: string, label: string) {
  const account = { email: `${label}-${randomUUID().slice(0, 8)}@bench.carebeat.dev`, password: 'bench-password-1' };
  const { localId } = await call(host, 'signUp', account);
  // Not signUp's own token: the emulator dates it from the call's start and the account's
  // validSince from its end, so a call that crosses a second hands out a token the revocation
  // check refuses (auth/id-token-revoked, about one run in three). A sign-in's is dated after both.
  const { idToken, email } = await call(host, 'signInWithPassword', account);
  return { uid: localId, token: idToken, email };
}
