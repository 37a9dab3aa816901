// An admin account for tests. Admins never sign up through the API (signup knows doctor and
// patient only): an operator makes them; here, the Firebase account and the profile directly.
import { generateUserKeyPair } from '../../src/crypto/index.js';
import { users } from '../../src/db/schema.js';
import { uniqueEmail, type TestApp } from './app.js';
import { client } from './http.js';

export async function createAdmin(app: TestApp) {
  const email = uniqueEmail('admin');
  const password = 'correct-horse-1';
  const uid = await app.ctx.auth.createUser({ email, password, name: 'Admin', role: 'admin' as 'doctor' });
  const keys = generateUserKeyPair(app.ctx.keyring);
  const [row] = await app.ctx.db
    .insert(users)
    .values({ firebaseUid: uid, role: 'admin', name: 'Admin', email, ...keys })
    .returning();
  const session = await app.ctx.auth.signIn(email, password);
  return { id: row!.id, email, token: session.idToken, api: client(app.url, session.idToken) };
}
