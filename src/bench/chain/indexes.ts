// A big table's indexes set aside while COPY fills it, then built again: PostgreSQL builds an
// index from all its rows at once (sorted, in maintenance_work_mem) many times faster than it
// maintains it row by row — a trigram GIN or a unique index on random codes above all. Set aside:
// every index but those a foreign key leans on (dropping them would take the key with them).
// Those behind a PRIMARY KEY, UNIQUE or EXCLUDE constraint go with their constraint and come back
// with it, from its own definition: the same names and definitions as before, and the uniqueness
// checked over every row when it is built again. Inside the load's transaction: a failed build
// puts them all back by its rollback.
import type pg from 'pg';

interface Aside {
  drop: string;
  /** The statement that makes it again. */
  make: string;
}

/** Drops `table`'s indexes (but those a foreign key needs); the statements that make them again. */
export async function setIndexesAside(client: pg.ClientBase, table: string): Promise<string[]> {
  const { rows } = await client.query<Aside>(
    `SELECT CASE WHEN c.oid IS NULL THEN format('DROP INDEX %s', x.indexrelid::regclass)
                 ELSE format('ALTER TABLE %s DROP CONSTRAINT %I', x.indrelid::regclass, c.conname) END AS drop,
            CASE WHEN c.oid IS NULL THEN pg_get_indexdef(x.indexrelid)
                 ELSE format('ALTER TABLE %s ADD CONSTRAINT %I %s', x.indrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) END AS make
       FROM pg_index x
       LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid AND c.contype IN ('p', 'u', 'x')
      WHERE x.indrelid = $1::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = x.indexrelid)
        -- Kept too: what building again would not bring back (a CLUSTER or replica identity mark, a comment).
        AND NOT x.indisclustered AND NOT x.indisreplident
        AND NOT EXISTS (SELECT 1 FROM pg_description d WHERE d.objoid IN (x.indexrelid, c.oid))
      ORDER BY x.indexrelid`,
    [table],
  );
  for (const r of rows) await client.query(r.drop);
  return rows.map((r) => r.make);
}

/** Builds again what setIndexesAside dropped. */
export async function putIndexesBack(client: pg.ClientBase, statements: readonly string[]): Promise<void> {
  for (const s of statements) await client.query(s);
}
