// The two notes of the encryption-at-rest tests, and dumps of everything a thief of the database
// or of Redis would take away.
import { sql } from 'drizzle-orm';
import type { TestApp } from './app.js';

export const NOTE_A = 'Take nitrofurantoin 100mg twice daily for 1 day. Buy a thermoquartz humidifier.';
// Its plan is as-needed only: it replaces A's plan without starting another reminder chain.
export const NOTE_B =
  'Collect the vortiplex spacer from the pharmacy. Pick up the quendravex ointment. Use the salbutamol inhaler as needed.';

export const rowsOf = (res: unknown) => (res as { rows: Array<Record<string, unknown>> }).rows;

export async function dumpDatabase(app: TestApp): Promise<{ text: string; tables: string[] }> {
  const tables = rowsOf(
    await app.ctx.db.execute(sql`select table_schema as s, table_name as t from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`),
  );
  const parts: string[] = [];
  for (const { s, t } of tables) {
    const id = `"${String(s).replace(/"/g, '""')}"."${String(t).replace(/"/g, '""')}"`;
    for (const row of rowsOf(await app.ctx.db.execute(sql.raw(`select r::text as line from ${id} r`))))
      parts.push(`${id} ${row.line}`);
  }
  return { text: parts.join('\n'), tables: tables.map((r) => String(r.t)) };
}

export async function dumpRedis(app: TestApp): Promise<{ text: string; keys: string[] }> {
  const redis = app.ctx.redis;
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${process.env.TEST_REDIS_PREFIX}*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  const parts: string[] = [];
  for (const key of keys) {
    const type = await redis.type(key);
    const value =
      type === 'string'
        ? await redis.get(key)
        : type === 'hash'
          ? JSON.stringify(await redis.hgetall(key))
          : type === 'list'
            ? JSON.stringify(await redis.lrange(key, 0, -1))
            : type === 'set'
              ? JSON.stringify(await redis.smembers(key))
              : type === 'zset'
                ? JSON.stringify(await redis.zrange(key, '0', '-1', 'WITHSCORES'))
                : `(${type})`;
    parts.push(`${key} ${value}`);
  }
  return { text: parts.join('\n'), keys };
}
