import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.js';
import { DatabaseError, isMigrated, isSqlState, migrate, prepared, readMigrations, SqlState, type Db, type Queryable } from './index.js';
import type { Migration } from './migrate.js';

/** The one Db interface: PGlite by default, the PostgreSQL server when DATABASE_URL is set (CI runs both). */
describe(`the database interface (${process.env.DATABASE_URL ? 'PostgreSQL server' : 'PGlite'})`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await testDatabase();
    await db.exec(`CREATE TABLE shelf (id bigserial PRIMARY KEY, title text NOT NULL UNIQUE, copies int CHECK (copies >= 0),
                     parent bigint REFERENCES shelf (id), tags jsonb, added timestamptz DEFAULT now());
                   CREATE INDEX shelf_title_trgm ON shelf USING gin (title gin_trgm_ops);`);
  });
  afterAll(() => db.close());

  it('runs parameterised queries and counts the rows it touched', async () => {
    const ins = await db.query<{ id: number }>('INSERT INTO shelf (title, copies, tags) VALUES ($1, $2, $3), ($4, $5, $6) RETURNING id', [
      'Dream of the Red Chamber',
      3,
      JSON.stringify(['novel']),
      '红楼梦',
      1,
      JSON.stringify({ script: 'Hans' }),
    ]);
    expect(ins.rowCount).toBe(2);
    const upd = await db.query('UPDATE shelf SET copies = copies + 1 WHERE copies > $1', [0]);
    expect(upd.rowCount).toBe(2);
    const { rows } = await db.query<{ title: string; tags: unknown; added: Date }>('SELECT title, tags, added FROM shelf WHERE title = $1', ['红楼梦']);
    expect(rows).toEqual([{ title: '红楼梦', tags: { script: 'Hans' }, added: expect.any(Date) }]);
  });

  it('answers int8 values (ids, counts) as numbers, and numeric as exact text', async () => {
    const { rows } = await db.query<{ n: unknown; big: unknown; id: unknown; price: unknown }>(
      'SELECT count(*) AS n, 9007199254740991::bigint AS big, (SELECT min(id) FROM shelf) AS id, 12.50::numeric AS price FROM shelf',
    );
    expect(rows[0]).toEqual({ n: 2, big: Number.MAX_SAFE_INTEGER, id: expect.any(Number), price: '12.50' });
  });

  it('has pg_trgm on both backends', async () => {
    const { rows } = await db.query<{ title: string }>('SELECT title FROM shelf WHERE title % $1', ['Dream of the Red Chambre']);
    expect(rows.map((r) => r.title)).toEqual(['Dream of the Red Chamber']);
  });

  it('commits a transaction that succeeds', async () => {
    const id = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>("INSERT INTO shelf (title) VALUES ('Journey to the West') RETURNING id");
      await tx.query('UPDATE shelf SET copies = 7 WHERE id = $1', [rows[0]!.id]);
      return rows[0]!.id;
    });
    const { rows } = await db.query('SELECT copies FROM shelf WHERE id = $1', [id]);
    expect(rows).toEqual([{ copies: 7 }]);
  });

  it('rolls back everything a failing transaction wrote, and passes its error on', async () => {
    const failure = db.transaction(async (tx) => {
      await tx.query("INSERT INTO shelf (title) VALUES ('Water Margin')");
      await tx.query("INSERT INTO shelf (title) VALUES ('Water Margin')");
    });
    await expect(failure).rejects.toSatisfy((e) => isSqlState(e, SqlState.uniqueViolation));
    const thrown = db.transaction(async (tx) => {
      await tx.query("INSERT INTO shelf (title) VALUES ('Romance of the Three Kingdoms')");
      throw new Error('the librarian changed her mind');
    });
    await expect(thrown).rejects.toThrow('the librarian changed her mind');
    const { rows } = await db.query("SELECT title FROM shelf WHERE title IN ('Water Margin', 'Romance of the Three Kingdoms')");
    expect(rows).toEqual([]);
  });

  it('keeps a transaction\'s first statement inside it, whether it has parameters, is kept prepared or fails', async () => {
    const insert = prepared('INSERT INTO shelf (title, copies) VALUES ($1, $2) RETURNING id, copies');
    // Rolled back: the first statement with parameters, prepared, and one without.
    for (const first of [(tx: Queryable) => tx.query(insert, ['Outlaws of the Marsh', 1]), (tx: Queryable) => tx.exec("INSERT INTO shelf (title) VALUES ('Outlaws of the Marsh')")]) {
      await expect(db.transaction(async (tx) => {
        await first(tx);
        throw new Error('not this one');
      })).rejects.toThrow('not this one');
    }
    expect((await db.query("SELECT 1 FROM shelf WHERE title = 'Outlaws of the Marsh'")).rows).toEqual([]);
    // A first statement that fails, then the same prepared statement again: it answers its own rows.
    await expect(db.transaction((tx) => tx.query(insert, ['红楼梦', 1]))).rejects.toSatisfy((e) => isSqlState(e, SqlState.uniqueViolation));
    const { rows, rowCount } = await db.transaction((tx) => tx.query<{ copies: number }>(insert, ['Outlaws of the Marsh', 4]));
    expect({ rows: rows.map((r) => r.copies), rowCount }).toEqual({ rows: [4], rowCount: 1 });
    // A second transaction on a connection that already knows the statement.
    await db.transaction(async (tx) => void (await tx.query(insert, ['The Scholars', 2])));
    expect((await db.query<{ n: number }>("SELECT count(*) AS n FROM shelf WHERE title IN ('Outlaws of the Marsh', 'The Scholars')")).rows[0]!.n).toBe(2);
  });

  it('commits a transaction with its last statement, and commits nothing when that statement fails', async () => {
    const insert = prepared('INSERT INTO shelf (title, copies) VALUES ($1, $2) RETURNING id, copies');
    // The statement a commit depends on fails when its check does (a division by zero stands for it).
    const last = prepared('UPDATE shelf SET copies = copies + 1 WHERE title = $1 RETURNING copies, 1 / (SELECT count(*) FROM shelf WHERE title = $2)::int AS checked');
    const commitLast = (tx: Queryable, sql: string, params: unknown[]) => (tx.queryAndCommit ? tx.queryAndCommit<{ copies: number }>(sql, params) : tx.query<{ copies: number }>(sql, params));
    const answer = await db.transaction(async (tx) => {
      await tx.query(insert, ['The Peony Pavilion', 1]);
      return commitLast(tx, last, ['The Peony Pavilion', 'The Peony Pavilion']);
    });
    expect({ copies: answer.rows.map((r) => r.copies), rowCount: answer.rowCount }).toEqual({ copies: [2], rowCount: 1 });
    // Failing: the first statement's insert is not committed either, and the error is the statement's.
    await expect(db.transaction(async (tx) => {
      await tx.query(insert, ['The Palace of Eternal Youth', 1]);
      await commitLast(tx, last, ['The Palace of Eternal Youth', 'no such title']);
    })).rejects.toSatisfy((e) => isSqlState(e, '22012'));
    // The same without parameters, and alone (a transaction of one statement).
    await expect(db.transaction(async (tx) => {
      await tx.exec("INSERT INTO shelf (title) VALUES ('The Palace of Eternal Youth')");
      await commitLast(tx, "UPDATE shelf SET copies = 1 / 0 WHERE title = 'The Palace of Eternal Youth'", []);
    })).rejects.toSatisfy((e) => isSqlState(e, '22012'));
    await expect(db.transaction((tx) => commitLast(tx, last, ['The Peony Pavilion', 'no such title']))).rejects.toSatisfy((e) => isSqlState(e, '22012'));
    await db.transaction(async (tx) => {
      await tx.exec("INSERT INTO shelf (title, copies) VALUES ('Peach Blossom Fan', 1)");
      await commitLast(tx, "UPDATE shelf SET copies = 5 WHERE title = 'Peach Blossom Fan'", []);
    });
    await db.transaction((tx) => commitLast(tx, last, ['Peach Blossom Fan', 'Peach Blossom Fan']));
    const { rows } = await db.query<{ title: string; copies: number }>("SELECT title, copies FROM shelf WHERE title IN ('The Peony Pavilion', 'The Palace of Eternal Youth', 'Peach Blossom Fan') ORDER BY title");
    expect(rows).toEqual([{ title: 'Peach Blossom Fan', copies: 6 }, { title: 'The Peony Pavilion', copies: 2 }]);
    // Nothing goes after the commit, and the connection serves the next transaction.
    if (db.kind === 'postgres') {
      await expect(db.transaction(async (tx) => {
        await tx.query(insert, ['Flowers in the Mirror', 1]);
        await tx.queryAndCommit!('SELECT 1');
        await tx.query('SELECT 2');
      })).rejects.toThrow('a statement sent after its transaction committed');
      expect((await db.query("SELECT 1 FROM shelf WHERE title = 'Flowers in the Mirror'")).rows).toHaveLength(1);
    }
    await db.transaction(async (tx) => void (await tx.query("INSERT INTO shelf (title) VALUES ('Six Records of a Floating Life')")));
    expect((await db.query("SELECT 1 FROM shelf WHERE title = 'Six Records of a Floating Life'")).rows).toHaveLength(1);
  });

  it('stays usable after a failed transaction and a failed statement', async () => {
    await expect(db.query('SELECT * FROM no_such_table')).rejects.toBeInstanceOf(DatabaseError);
    await db.transaction(async (tx) => void (await tx.query("INSERT INTO shelf (title) VALUES ('Strange Tales')")));
    const { rows } = await db.query<{ n: number }>("SELECT count(*) AS n FROM shelf WHERE title = 'Strange Tales'");
    expect(rows[0]!.n).toBe(1);
  });

  it('names the SQLSTATE and constraint of a violation the same way on both backends', async () => {
    const attempts: [string, unknown[], string][] = [
      ['INSERT INTO shelf (title) VALUES ($1)', ['红楼梦'], SqlState.uniqueViolation],
      ['INSERT INTO shelf (title, parent) VALUES ($1, $2)', ['Orphan', 999_999], SqlState.foreignKeyViolation],
      ['INSERT INTO shelf (title, copies) VALUES ($1, $2)', ['Negative', -1], SqlState.checkViolation],
    ];
    for (const [sql, params, code] of attempts) {
      const err = await db.query(sql, params).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DatabaseError);
      expect(isSqlState(err, code)).toBe(true);
      expect((err as DatabaseError).constraint).toMatch(/^shelf_/);
    }
    expect(isSqlState(new Error('plain'), SqlState.uniqueViolation)).toBe(false);
    expect(isSqlState(undefined, SqlState.uniqueViolation)).toBe(false);
  });

  it('runs a script of several statements with exec', async () => {
    await db.exec("CREATE TABLE scratch (n int); INSERT INTO scratch VALUES (1), (2); UPDATE scratch SET n = n * 10;");
    const { rows } = await db.query<{ total: number }>('SELECT sum(n)::int AS total FROM scratch');
    expect(rows[0]!.total).toBe(30);
  });

  it('serves queries issued together without mixing up their answers', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => db.query<{ v: number }>('SELECT $1::int AS v', [i])));
    expect(answers.map((a) => a.rows[0]!.v)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  describe('migrations', () => {
    const unique = `t${Date.now()}`;
    const m = (version: string, sql: string): Migration => ({ version, sql, checksum: `${sql.length}:${sql}` });

    it('are all applied to a test database, and a second run applies nothing', async () => {
      expect(await isMigrated(db)).toBe(true);
      expect(await migrate(db)).toEqual([]);
      const { rows } = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(expect.arrayContaining(readMigrations().map((x) => x.version)));
    });

    it('apply only what is new, each once', async () => {
      const first = m(`9001_${unique}`, `CREATE TABLE ${unique}_a (id int)`);
      const second = m(`9002_${unique}`, `CREATE TABLE ${unique}_b (id int)`);
      expect(await migrate(db, [first])).toEqual([first.version]);
      expect(await migrate(db, [first, second])).toEqual([second.version]);
      expect(await migrate(db, [first, second])).toEqual([]);
    });

    it('refuse a migration that was changed after it was applied', async () => {
      const applied = m(`9003_${unique}`, `CREATE TABLE ${unique}_c (id int)`);
      await migrate(db, [applied]);
      const edited = m(applied.version, `CREATE TABLE ${unique}_c (id int, note text)`);
      await expect(migrate(db, [edited])).rejects.toThrow(/9003_.*changed after it was applied/);
    });

    it('write nothing when one of them fails: the batch is one transaction', async () => {
      const good = m(`9004_${unique}`, `CREATE TABLE ${unique}_d (id int)`);
      const bad = m(`9005_${unique}`, 'CREATE TABLE broken (id int REFERENCES nowhere (id))');
      await expect(migrate(db, [good, bad])).rejects.toBeInstanceOf(DatabaseError);
      const { rows } = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [`${unique}_d`]);
      expect(rows[0]!.t).toBeNull();
      expect(await isMigrated(db, [good])).toBe(false);
    });

    it('treat a file checked out with Windows line ends as unchanged', () => {
      const sql = 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n';
      const read = (text: string) => {
        const dir = mkdtempSync(path.join(tmpdir(), 'anylib-migrations-'));
        writeFileSync(path.join(dir, '0001_first.sql'), text);
        writeFileSync(path.join(dir, 'README.md'), 'not a migration');
        const found = readMigrations(dir);
        rmSync(dir, { recursive: true });
        return found;
      };
      const unix = read(sql);
      const windows = read(sql.replace(/\n/g, '\r\n'));
      expect(unix.map((x) => x.version)).toEqual(['0001_first']);
      expect(windows[0]!.checksum).toBe(unix[0]!.checksum);
    });
  });
});
