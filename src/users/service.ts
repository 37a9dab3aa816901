// Accounts, profiles and the patient → doctor assignment.
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { assignments, users, type User } from '../db/schema.js';
import { auditOnce } from '../audit/log.js';
import { notFound, unauthorized, validationFailed } from '../errors.js';
import { authorize, canSelectDoctor, isChoosableDoctor } from '../policies.js';
import { inTransaction } from '../events/unitOfWork.js';
import { presentAssignment, presentDoctor, presentListedDoctor, presentUser } from './presenters.js';

type Ctx = Pick<AppContext, 'db' | 'auth' | 'keyring' | 'events' | 'log'>;

export { signup } from './signup.js';

export async function login(ctx: Ctx, input: { email: string; password: string }) {
  const session = await ctx.auth.signIn(input.email, input.password);
  const verified = await ctx.auth.verify(session.idToken);
  const user = await findByFirebaseUid(ctx, verified.uid);
  if (!user) throw unauthorized('no profile for this account');
  await auditOnce(ctx.db, user.id, 'session.login', `user:${user.id}`);
  return { user: presentUser(user), session };
}

/** Ends every session of the user: refresh tokens now, ID tokens as each verifier re-checks. */
export async function logout(ctx: Ctx, user: User): Promise<void> {
  await ctx.auth.revokeSessions(user.firebaseUid);
  // Open sockets checked their token at connect only: close them now (a reconnect is refused).
  ctx.events.disconnectUser(user.id);
  await auditOnce(ctx.db, user.id, 'session.logout', `user:${user.id}`);
}

export async function refresh(ctx: Ctx, refreshToken: string) {
  return { session: await ctx.auth.refresh(refreshToken) };
}

export async function findByFirebaseUid(ctx: Pick<AppContext, 'db'>, uid: string): Promise<User | undefined> {
  const [user] = await ctx.db.select().from(users).where(eq(users.firebaseUid, uid));
  return user;
}

/** Verifies an ID token and loads its profile: the single way a request or socket becomes a user. */
export async function authenticate(ctx: Ctx, idToken: string, checkRevoked = false): Promise<User> {
  return (await authenticateSession(ctx, idToken, checkRevoked)).user;
}

/** Also says when the token expires: a socket is closed then, and the client reconnects with a fresh one. */
export async function authenticateSession(
  ctx: Ctx,
  idToken: string,
  checkRevoked = false,
): Promise<{ user: User; expiresAt: number }> {
  const verified = await ctx.auth.verify(idToken, checkRevoked);
  const user = await findByFirebaseUid(ctx, verified.uid);
  if (!user) throw unauthorized('no profile for this account');
  return { user, expiresAt: verified.expiresAt };
}

export async function activeDoctorOf(ctx: Pick<AppContext, 'db'>, patientId: string): Promise<User | null> {
  const [row] = await ctx.db
    .select({ doctor: users })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.doctorId))
    .where(and(eq(assignments.patientId, patientId), eq(assignments.active, true)));
  return row?.doctor ?? null;
}

export async function me(ctx: Ctx, user: User) {
  const body: { user: ReturnType<typeof presentUser>; doctor?: { id: string; name: string } | null } = {
    user: presentUser(user),
  };
  if (user.role === 'patient') {
    const doctor = await activeDoctorOf(ctx, user.id);
    body.doctor = doctor ? presentDoctor(doctor) : null;
  }
  return body;
}

/** Verified doctors only (an unverified account may be anyone); namesakes in signup order. */
export async function listDoctors(ctx: Ctx) {
  const rows = await ctx.db
    .select({ id: users.id, name: users.name, email: users.email, verifiedAt: users.verifiedAt })
    .from(users)
    .where(and(eq(users.role, 'doctor'), isNotNull(users.verifiedAt)))
    .orderBy(asc(users.name), asc(users.verifiedAt), asc(users.id));
  return { doctors: rows.map(presentListedDoctor) };
}

export async function selectDoctor(ctx: Ctx, patient: User, doctorId: string) {
  authorize(canSelectDoctor(patient), 'only patients choose a doctor');
  const [doctor] = await ctx.db.select().from(users).where(eq(users.id, doctorId));
  if (!doctor) throw notFound('doctor');
  if (doctor.role !== 'doctor')
    throw validationFailed('doctorId is not a doctor', [{ path: 'doctorId', message: 'not a doctor' }]);
  // An unverified doctor is not listed, so to the patient it does not exist: the same 404.
  if (!isChoosableDoctor(doctor)) throw notFound('doctor');
  const about = { patientId: patient.id };
  const assignment = await inTransaction(ctx, async (uow) => {
    // Serialise one patient's selections on their user row: with no active assignment yet there is
    // no row for the FOR UPDATE below to lock, and two concurrent inserts hit the unique index (500).
    await uow.tx.select({ id: users.id }).from(users).where(eq(users.id, patient.id)).for('update');
    const [current] = await uow.tx
      .select()
      .from(assignments)
      .where(and(eq(assignments.patientId, patient.id), eq(assignments.active, true)))
      .for('update');
    if (current?.doctorId === doctorId) return current;
    if (current) {
      await uow.tx
        .update(assignments)
        .set({ active: false, endedAt: new Date() })
        .where(eq(assignments.id, current.id));
      uow.emit(current.doctorId, 'patient:unassigned', { patient: { id: patient.id, name: patient.name } }, about);
    }
    const [created] = await uow.tx.insert(assignments).values({ patientId: patient.id, doctorId }).returning();
    // Who may read the record follows the assignment, so each change is on the trail.
    uow.audit(patient.id, 'assignment.change', `patient:${patient.id}`);
    uow.emit(doctorId, 'patient:assigned', { patient: { id: patient.id, name: patient.name } }, about);
    return created!;
  });
  return { assignment: presentAssignment(assignment) };
}
