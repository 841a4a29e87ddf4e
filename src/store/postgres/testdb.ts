// A throwaway database on the test server (tests and benchmarks): $MARSAD_TEST_PG, else
// postgres://postgres@127.0.0.1:5432/test. Fails with a clear message when no server answers.
import pg from 'pg';

export const TEST_PG = process.env.MARSAD_TEST_PG || 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** The URL of the same server with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

export async function createTestDatabase(prefix = 'marsad_test'): Promise<TestDatabase> {
  const admin = new pg.Client({ connectionString: TEST_PG, connectionTimeoutMillis: 10_000 });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_PG} (${e instanceof Error ? e.message || e.name : String(e)}). ` +
        'Start it (pg_ctlcluster 15 main start, or service postgresql start), point MARSAD_TEST_PG at a server, or set MARSAD_SKIP_PG=1 to skip these tests.',
    );
  }
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(TEST_PG, name),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_PG });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
