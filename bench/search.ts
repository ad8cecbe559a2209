/**
 * Full-text search benchmark (`npm run bench:search`, ADR 11): the product's character n-gram index
 * against a word index from jieba (`@node-rs/jieba`, cutForSearch; not a dependency of the project: when it
 * is not installed locally, the n-gram index is measured alone), over BENCH_PROPOSALS proposals
 * (default 1,000,000) the way a national platform holds them: one national committee with 1 in 16 of
 * them (62,500: ten years of it) and 750 city committees sharing the rest, interleaved in time. Both
 * indexes are GIN on (committee_id, vector), as the product's is.
 *
 * Texts are the demo history recombined: a past proposal's title, member and lead unit, and a body of
 * 情况分析 (three other proposals' texts) and 具体建议 (its own and four more). To load 1M quickly, both
 * vectors are assembled in SQL from vectors of the pieces (`tsvector || tsvector` shifts positions), and
 * a sample is checked to equal what the product's function computes on the whole text; the cost of
 * computing a vector the product's way is measured on a sample of its own.
 *
 * Printed for each index: GIN build time and size, the size of the stored vectors, recall and precision
 * against a plain substring match (ground truth computed while generating) over the national committee's
 * 62,500 proposals (an interleaved 1-in-16 sample: checking every match of 1M against its vector takes
 * minutes per query), and p50/p95 of the ranked first page (20 and the total) in the national committee
 * and in a city committee, for 2-, 4- and 8-character queries from the demo texts; and for the product,
 * `ProposalQueriesService.list` as the national committee's staff. A fresh database named with a timestamp,
 * dropped at the end (BENCH_KEEP=1 keeps it for inspection). Figures only; nothing is asserted.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditModule } from '#app/audit';
import type { Actor } from '#app/auth';
import { CoreModule, DatabaseModule, QueueModule } from '#app/core';
import { HISTORY_PROPOSALS, HISTORY_UNITS } from '#app/demo';
import { NotificationsModule } from '#app/notifications';
import { Role } from '#app/org';
import { parseSearchQuery, proposalSearchVector, ProposalQueriesService, ProposalsModule, searchVector, type SearchWeight } from '#app/proposals';
import { DATABASE_PARTS } from '#migrations';
import { benchEnvironment } from './bench-environment.js';
import { percentile } from './percentile.js';

const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 1_000_000);
/** Queries per length (2, 4, 8) and kind (substring anywhere / aligned on jieba's words). */
const QUERIES = Number(process.env.BENCH_QUERIES ?? 10);
const BATCH = 10_000;
const CITIES = 750;
const NATIONAL_SESSIONS = 10;
const MEMBERS = 2_300;
/** One proposal in 16 belongs to the national committee. */
const isNational = (n: number) => n % 16 === 1;
/** Proposals whose assembled vectors are compared with the product's function on the whole text. */
const CHECKED = 500;
/** Proposals whose vectors are computed the product's way, to time it. */
const TIMED = 10_000;

@Module({ imports: [CoreModule, DatabaseModule.forRoot(DATABASE_PARTS), QueueModule.forRoot(), AuditModule, NotificationsModule, ProposalsModule] })
class BenchModule {}

interface Segmenter {
  cut(text: string, hmm?: boolean): string[];
  cutForSearch(text: string, hmm?: boolean): string[];
}

/** jieba with its default dictionary, when installed locally (the specifier is a variable so type-checking does not need it). */
async function loadJieba(): Promise<Segmenter | null> {
  const name = '@node-rs/jieba';
  try {
    const { Jieba } = (await import(name)) as { Jieba: { withDict(dict: Uint8Array): Segmenter } };
    const { dict } = (await import(`${name}/dict.js`)) as { dict: Uint8Array };
    return Jieba.withDict(dict);
  } catch {
    return null;
  }
}

/** null when jieba is not installed: then only the n-gram index is measured. */
let jieba: Segmenter | null = null;
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en')} MB`;

/** A deterministic pseudo-random sequence, so every run measures the same texts and queries. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

const SEARCHABLE = /[\p{L}\p{N}]/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const HEAD_1 = '一、情况分析';
const HEAD_2 = '二、具体建议';
/** Positions between fields (as the product's searchVector leaves) and the one a separator takes. */
const FIELD_GAP = 8;

/** A vector literal with every position moved by `by` (lexemes are letters and digits, so `:` starts the positions). */
const shift = (vector: string, by: number) => vector.replace(/:([0-9A-D,]+)/g, (_, list: string) => `:${list.replace(/\d+/g, (n) => String(Number(n) + by))}`);

/** The jieba variant's vector: cutForSearch words of each field (folded like the n-grams), one position per word. */
function jiebaVector(fields: Array<{ text: string; weight: SearchWeight }>): string {
  if (!jieba) return '';
  const positions = new Map<string, string[]>();
  let next = 1;
  for (const field of fields) {
    for (const word of jieba.cutForSearch(field.text.normalize('NFKC').toLowerCase(), true)) {
      if (!SEARCHABLE.test(word)) continue;
      if (next <= 16_383) {
        const list = positions.get(word);
        if (!list) positions.set(word, [`${next}${field.weight}`]);
        else if (list.length < 256) list.push(`${next}${field.weight}`);
      }
      next += 1;
    }
    next += FIELD_GAP;
  }
  return [...positions].map(([word, list]) => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}':${list.join(',')}`).join(' ');
}

/** The jieba variant's query: the words jieba cuts it into, all required (a phrase would break on cutForSearch's overlapping words). */
function jiebaQuery(q: string, weights = ''): string {
  if (!jieba) return '';
  const words = [...new Set(jieba.cut(q.normalize('NFKC').toLowerCase(), true).filter((w) => SEARCHABLE.test(w)))];
  return words.map((w) => `'${w}'${weights ? `:${weights}` : ''}`).join(' & ');
}

interface Doc {
  number: number;
  lead: number;
  others: number[];
  member: number;
}

const bodyOf = (d: Doc) =>
  `${HEAD_1}\n${d.others.slice(0, 3).map((i) => HISTORY_PROPOSALS[i].body).join('')}\n${HEAD_2}\n${HISTORY_PROPOSALS[d.lead].body}${d.others.slice(3).map((i) => HISTORY_PROPOSALS[i].body).join('')}`;
const unitOf = (lead: number) => (HISTORY_UNITS.find((u) => u.key === HISTORY_PROPOSALS[lead].lead) as (typeof HISTORY_UNITS)[number]).name;

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国玉萍红梅志鹏飞宇浩然晨曦文博思远子涵雨欣嘉怡俊杰'];
const memberName = (i: number) =>
  SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7 + Math.floor(i / SURNAMES.length)) % GIVEN.length] + (i % 3 === 0 ? '' : GIVEN[(i * 11 + 3) % GIVEN.length]);

interface BenchQuery {
  text: string;
  length: number;
  kind: 'substring' | 'word-aligned';
  /** 1 for the numbers of the proposals that contain it (ground truth). */
  truth: Uint8Array;
}

/** Queries from the demo texts: substrings of Han runs at any position, and ones starting and ending on jieba's word boundaries. */
function chooseQueries(next: () => number): BenchQuery[] {
  const runs = HISTORY_PROPOSALS.flatMap((p) => [...`${p.title}。${p.body}`.matchAll(HAN_RUN)].map((m) => m[0]));
  const queries: BenchQuery[] = [];
  const seen = new Set<string>();
  const add = (text: string, kind: BenchQuery['kind']) => {
    if (seen.has(text)) return false;
    seen.add(text);
    queries.push({ text, length: [...text].length, kind, truth: new Uint8Array(PROPOSALS + 1) });
    return true;
  };
  for (const named of ['诈骗', '电动自行']) add(named, 'substring');
  for (const length of [2, 4, 8]) {
    const long = runs.filter((run) => run.length >= length);
    for (let n = queries.filter((q) => q.length === length).length; n < QUERIES; ) {
      const run = long[Math.floor(next() * long.length)];
      const start = Math.floor(next() * (run.length - length + 1));
      if (add(run.slice(start, start + length), 'substring')) n += 1;
    }
    for (let n = 0, tries = 0; jieba && n < QUERIES && tries < 100_000; tries += 1) {
      const words = jieba.cut(long[Math.floor(next() * long.length)], false);
      let text = '';
      for (let i = Math.floor(next() * words.length); i < words.length && text.length < length; i += 1) text += words[i];
      if (text.length === length && add(text, 'word-aligned')) n += 1;
    }
  }
  return queries;
}

interface Variant {
  name: string;
  column: string;
  index: string;
  tsquery(q: string, weights?: string): string;
  buildSeconds: number;
  indexBytes: number;
  columnBytes: number;
  /** µs per proposal to compute the vector in Node and to parse it in PostgreSQL. */
  computeMicros: number;
  parseMicros: number;
}

interface Measured {
  variant: string;
  query: BenchQuery;
  /** the ranked first page in the national committee, and in a city committee */
  pageMs: number;
  cityMs: number;
  found: number;
  truePositives: number;
  truth: number;
}

async function main(): Promise<void> {
  jieba = await loadJieba();
  if (!jieba) console.error('@node-rs/jieba is not installed (it is not a dependency of the project): measuring the n-gram index alone.');
  const started = process.hrtime.bigint();
  const loadStart = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  const cpus = availableParallelism();
  const environment = await benchEnvironment(); // notifications load the queue module; nothing is queued
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
  const output: string[] = [];
  try {
    const db = app.get<DataSource>(getDataSourceToken());
    const next = random(20_261_124);
    const queries = chooseQueries(next);
    if (HISTORY_PROPOSALS.some((p) => !p.body.endsWith('。'))) throw new Error('the assembly below expects every history body to end with 。');

    // Committees: the national one first, then the cities; sessions; members; units (one set, shared).
    const [national]: Array<{ id: string }> = await db.query(`INSERT INTO committees (name, level, region) VALUES ('全国委员会（bench）', 'national', '全国') RETURNING id`);
    const cities: Array<{ id: string }> = await db.query(
      `INSERT INTO committees (name, level, region) SELECT '城市' || i || '（bench）', 'city', '城市' || i FROM generate_series(1, $1) i RETURNING id`,
      [CITIES],
    );
    const sessions = async (committeeId: string, count: number): Promise<string[]> =>
      (
        await db.query(
          `INSERT INTO cppcc_sessions (committee_id, name, term, meeting, year, plenary_start, plenary_end, deadline_rules, reminder_plan)
           SELECT $1, 'session ' || i, 14, i, 2016 + i, '2026-03-01', '2026-03-10', '{}', '{}' FROM generate_series(1, $2) i RETURNING id`,
          [committeeId, count],
        )
      ).map((row: { id: string }) => row.id);
    const nationalSessions = await sessions(national.id, NATIONAL_SESSIONS);
    const citySessions: string[] = [];
    for (const city of cities) citySessions.push(...(await sessions(city.id, 1)));
    const members: Array<{ id: string; name: string }> = await db.query(
      `INSERT INTO users (username, display_name, password_hash) SELECT 'bench-' || n, name, 'x' FROM unnest($1::text[]) WITH ORDINALITY AS t(name, n)
       RETURNING id, display_name AS name`,
      [Array.from({ length: MEMBERS }, (_, i) => memberName(i))],
    );
    const units: Array<{ id: string; name: string }> = await db.query(`INSERT INTO units (committee_id, name, kind) SELECT $1, unnest($2::text[]), 'handling' RETURNING id, name`, [
      national.id,
      HISTORY_UNITS.map((u) => u.name),
    ]);
    const [staff]: Array<{ id: string }> = await db.query(`INSERT INTO users (username, display_name, password_hash) VALUES ('bench-staff', '工作人员', 'x') RETURNING id`);

    // The vectors of the pieces, shifted so that `||` puts them where the product's function puts them in the whole text.
    const ngram = (text: string, weight: SearchWeight, by: number) => shift(searchVector([{ text, weight }]), by);
    const words = (text: string, weight: SearchWeight, by: number) => shift(jiebaVector([{ text, weight }]), by);
    await db.query('CREATE TABLE bench_pieces (kind text, idx int, text text, ngram tsvector, jieba tsvector, PRIMARY KEY (kind, idx))');
    const pieces: Array<[string, number, string, string, string]> = [
      ...HISTORY_PROPOSALS.map((p, i): [string, number, string, string, string] => ['title', i, p.title, ngram(p.title, 'A', 0), words(p.title, 'A', 0)]),
      // A body piece follows a separator (the 。 ending the one before, or a line break): one empty position.
      ...HISTORY_PROPOSALS.map((p, i): [string, number, string, string, string] => ['body', i, p.body, ngram(p.body, 'B', 1), words(p.body, 'B', 0)]),
      ...members.map((m, i): [string, number, string, string, string] => ['member', i, m.name, ngram(m.name, 'C', FIELD_GAP), words(m.name, 'C', FIELD_GAP)]),
      ...units.map((u, i): [string, number, string, string, string] => ['unit', i, u.name, ngram(u.name, 'C', FIELD_GAP), words(u.name, 'C', FIELD_GAP)]),
      ['head', 1, HEAD_1, ngram(HEAD_1, 'B', FIELD_GAP), words(HEAD_1, 'B', FIELD_GAP)],
      ['head', 2, HEAD_2, ngram(HEAD_2, 'B', 1), words(HEAD_2, 'B', 0)],
    ];
    await db.query('INSERT INTO bench_pieces SELECT k, i, t, n::tsvector, j::tsvector FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) AS x(k, i, t, n, j)', [
      pieces.map((p) => p[0]),
      pieces.map((p) => p[1]),
      pieces.map((p) => p[2]),
      pieces.map((p) => p[3]),
      pieces.map((p) => p[4]),
    ]);
    const unitIndex = new Map(units.map((u, i) => [u.name, i]));

    // The indexes are built after loading, to time the build itself.
    await db.query('DROP INDEX ix_proposals_search');
    await db.query(`ALTER TABLE proposals ADD COLUMN search_jieba tsvector NOT NULL DEFAULT ''`);
    const loadStarted = process.hrtime.bigint();
    let textChars = 0;
    const checked: Array<{ number: number; doc: Doc }> = [];
    for (let done = 0; done < PROPOSALS; done += BATCH) {
      const docs: Doc[] = Array.from({ length: Math.min(BATCH, PROPOSALS - done) }, (_, i) => ({
        number: done + i + 1,
        lead: Math.floor(next() * HISTORY_PROPOSALS.length),
        others: Array.from({ length: 7 }, () => Math.floor(next() * HISTORY_PROPOSALS.length)),
        member: Math.floor(next() * members.length),
      }));
      for (const d of docs) {
        const text = `${HISTORY_PROPOSALS[d.lead].title}\n${members[d.member].name}\n${unitOf(d.lead)}\n${bodyOf(d)}`;
        textChars += text.length;
        if (isNational(d.number)) for (const q of queries) if (text.includes(q.text)) q.truth[d.number] = 1;
        if (d.number % Math.ceil(PROPOSALS / CHECKED) === 1) checked.push({ number: d.number, doc: d });
      }
      const committee = (n: number) => (isNational(n) ? national.id : cities[n % CITIES].id);
      const session = (n: number) => (isNational(n) ? nationalSessions[n % NATIONAL_SESSIONS] : citySessions[n % CITIES]);
      const ids = docs.map(() => randomUUID());
      await db.query(
        `INSERT INTO proposals (id, committee_id, session_id, number, kind, title, body, category, status, search, search_jieba, submitted_at, filed_at)
         SELECT t.id, t.committee_id, t.session_id, t.number, CASE WHEN t.number % 4 = 0 THEN 'interim' ELSE 'plenary' END, a.text,
                h1.text || E'\\n' || b1.text || b2.text || b3.text || E'\\n' || h2.text || E'\\n' || ab.text || b4.text || b5.text || b6.text || b7.text,
                t.category, 'closed',
                a.ngram || m.ngram || u.ngram || h1.ngram || b1.ngram || b2.ngram || b3.ngram || h2.ngram || ab.ngram || b4.ngram || b5.ngram || b6.ngram || b7.ngram,
                a.jieba || m.jieba || u.jieba || h1.jieba || b1.jieba || b2.jieba || b3.jieba || h2.jieba || ab.jieba || b4.jieba || b5.jieba || b6.jieba || b7.jieba,
                $1, $1
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::text[], $7::int[], $8::int[], $9::int[],
                     $10::int[], $11::int[], $12::int[], $13::int[], $14::int[], $15::int[], $16::int[])
           AS t(id, committee_id, session_id, number, category, lead, member, unit, o1, o2, o3, o4, o5, o6, o7)
         JOIN bench_pieces a ON a.kind = 'title' AND a.idx = t.lead
         JOIN bench_pieces ab ON ab.kind = 'body' AND ab.idx = t.lead
         JOIN bench_pieces m ON m.kind = 'member' AND m.idx = t.member
         JOIN bench_pieces u ON u.kind = 'unit' AND u.idx = t.unit
         JOIN bench_pieces h1 ON h1.kind = 'head' AND h1.idx = 1
         JOIN bench_pieces h2 ON h2.kind = 'head' AND h2.idx = 2
         JOIN bench_pieces b1 ON b1.kind = 'body' AND b1.idx = t.o1
         JOIN bench_pieces b2 ON b2.kind = 'body' AND b2.idx = t.o2
         JOIN bench_pieces b3 ON b3.kind = 'body' AND b3.idx = t.o3
         JOIN bench_pieces b4 ON b4.kind = 'body' AND b4.idx = t.o4
         JOIN bench_pieces b5 ON b5.kind = 'body' AND b5.idx = t.o5
         JOIN bench_pieces b6 ON b6.kind = 'body' AND b6.idx = t.o6
         JOIN bench_pieces b7 ON b7.kind = 'body' AND b7.idx = t.o7`,
        [
          new Date('2026-03-05T02:00:00Z'),
          ids,
          docs.map((d) => committee(d.number)),
          docs.map((d) => session(d.number)),
          docs.map((d) => d.number),
          docs.map((d) => HISTORY_PROPOSALS[d.lead].category),
          docs.map((d) => d.lead),
          docs.map((d) => d.member),
          docs.map((d) => unitIndex.get(unitOf(d.lead)) as number),
          ...[0, 1, 2, 3, 4, 5, 6].map((k) => docs.map((d) => d.others[k])),
        ],
      );
      await db.query(`INSERT INTO proposers (proposal_id, user_id, role) SELECT unnest($1::uuid[]), unnest($2::uuid[]), 'lead'`, [ids, docs.map((d) => members[d.member].id)]);
      await db.query(
        `INSERT INTO assignments (committee_id, proposal_id, unit_id, role, status, assigned_by_user_id, assigned_at)
         SELECT unnest($1::uuid[]), unnest($2::uuid[]), unnest($3::uuid[]), 'lead', 'closed', $4, $5`,
        [docs.map((d) => committee(d.number)), ids, docs.map((d) => units[unitIndex.get(unitOf(d.lead)) as number].id), staff.id, new Date('2026-04-01T02:00:00Z')],
      );
      if ((done / BATCH) % 10 === 9) console.error(`… ${(done + docs.length).toLocaleString('en')} proposals loaded, ${seconds(loadStarted).toFixed(0)} s`);
    }
    const loadSeconds = seconds(loadStarted);

    // The assembled vectors are what the product's function (and the jieba one) give for the whole text.
    const textOf = (d: Doc) => ({ title: HISTORY_PROPOSALS[d.lead].title, member: members[d.member].name, unit: unitOf(d.lead), body: bodyOf(d) });
    for (const { number, doc } of checked) {
      const t = textOf(doc);
      const [row] = await db.query(
        'SELECT search = $2::tsvector AS ngram, search_jieba = $3::tsvector AS jieba, body = $4 AS body FROM proposals WHERE number = $1',
        [
          number,
          proposalSearchVector({ title: t.title, body: t.body, members: [t.member], units: [t.unit], replies: [] }),
          jiebaVector([
            { text: t.title, weight: 'A' },
            { text: t.member, weight: 'C' },
            { text: t.unit, weight: 'C' },
            { text: t.body, weight: 'B' },
          ]),
          t.body,
        ],
      );
      if (!row.ngram || (jieba && !row.jieba) || !row.body) throw new Error(`proposal ${number}: the assembled text or vectors differ from the whole text's (${JSON.stringify(row)})`);
    }

    const ngramVariant: Variant = {
      name: 'n-gram (product)',
      column: 'search',
      index: 'ix_proposals_search',
      tsquery: (q, w) => parseSearchQuery(q).tsquery(w),
      buildSeconds: 0,
      indexBytes: 0,
      columnBytes: 0,
      computeMicros: 0,
      parseMicros: 0,
    };
    const jiebaVariant: Variant = { ...ngramVariant, name: 'jieba words', column: 'search_jieba', index: 'ix_bench_search_jieba', tsquery: jiebaQuery };
    const variants = jieba ? [ngramVariant, jiebaVariant] : [ngramVariant];

    // Computing a vector the product's way (in Node, then parsed by PostgreSQL), on a sample.
    const sample = Array.from({ length: TIMED }, (_, i) => textOf({ number: i, lead: i % HISTORY_PROPOSALS.length, others: [1, 2, 3, 4, 5, 6, 7].map((k) => (i * k * 31) % HISTORY_PROPOSALS.length), member: i % MEMBERS }));
    for (const variant of variants) {
      const t = process.hrtime.bigint();
      const literals = sample.map((d) =>
        variant === ngramVariant
          ? proposalSearchVector({ title: d.title, body: d.body, members: [d.member], units: [d.unit], replies: [] })
          : jiebaVector([
              { text: d.title, weight: 'A' },
              { text: d.member, weight: 'C' },
              { text: d.unit, weight: 'C' },
              { text: d.body, weight: 'B' },
            ]),
      );
      variant.computeMicros = (seconds(t) * 1e6) / TIMED;
      const p = process.hrtime.bigint();
      for (let i = 0; i < literals.length; i += 1_000) await db.query('SELECT count(*) FROM unnest($1::text[]) AS x(v) WHERE v::tsvector IS NOT NULL', [literals.slice(i, i + 1_000)]);
      variant.parseMicros = (seconds(p) * 1e6) / TIMED;
    }

    await db.query(`SET maintenance_work_mem = '1GB'`);
    for (const variant of variants) {
      const t = process.hrtime.bigint();
      await db.query(`CREATE INDEX ${variant.index} ON proposals USING gin (committee_id, ${variant.column})`);
      variant.buildSeconds = seconds(t);
      variant.indexBytes = Number((await db.query('SELECT pg_relation_size($1)::bigint AS bytes', [variant.index]))[0].bytes);
      // Estimated from a 2% sample of pages: summing over 1M rows reads every vector again.
      variant.columnBytes = Number((await db.query(`SELECT avg(pg_column_size(${variant.column})) AS bytes FROM proposals TABLESAMPLE SYSTEM (2)`))[0].bytes) * PROPOSALS;
      console.error(`… ${variant.name}: index built in ${variant.buildSeconds.toFixed(0)} s`);
    }
    // The visibility map for counting, and statistics on every table the queries join: without them the
    // planner guesses the proposers and assignments of 1M proposals are a handful of rows.
    await db.query('VACUUM (ANALYZE, PROCESS_TOAST false) proposals');
    await db.query('ANALYZE committees, cppcc_sessions, users, units, proposers, assignments, replies');

    // Each query: every match in the national committee (recall, precision; it also warms the cache),
    // then timed: the ranked first page there, and in a city committee; for the n-gram index also the
    // product's path right after, equally warm: GET /api/proposals?q= as the national committee's staff
    // (count, ranked page of 20, views, highlights). A word searched for the first time reads its
    // proposals' vectors from disk: several times slower on a cold cache.
    const city = cities[7].id;
    const measured: Measured[] = [];
    const page = (variant: Variant, committeeId: string, query: BenchQuery) =>
      db.query(
        `SELECT p.id, count(*) OVER () AS total FROM proposals p
         WHERE p.committee_id = $1 AND p.${variant.column} @@ $2::tsquery
         ORDER BY (p.${variant.column} @@ $3::tsquery) DESC, ts_rank_cd('{0.1,0.2,0.4,1}'::float4[], p.${variant.column}, $2::tsquery, 1) DESC, p.created_at DESC, p.id
         LIMIT 20`,
        [committeeId, variant.tsquery(query.text), variant.tsquery(query.text, 'A')],
      );
    const proposals = app.get(ProposalQueriesService);
    const actor: Actor = {
      userId: staff.id,
      displayName: '工作人员',
      committeeId: national.id,
      roles: new Set([Role.Staff]),
      permissions: new Set(),
      handlingUnitIds: [],
      signingUnitIds: [],
      officeUnitIds: [],
    };
    const service: Array<{ query: BenchQuery; ms: number; total: number }> = [];
    for (const variant of variants) {
      for (const query of queries) {
        const numbers: Array<{ number: number }> = await db.query(`SELECT number FROM proposals WHERE committee_id = $1 AND ${variant.column} @@ $2::tsquery`, [
          national.id,
          variant.tsquery(query.text),
        ]);
        const truePositives = numbers.filter((row) => query.truth[row.number] === 1).length;
        let truth = 0;
        for (let n = 1; n <= PROPOSALS; n += 1) if (isNational(n)) truth += query.truth[n];
        let t = process.hrtime.bigint();
        await page(variant, national.id, query);
        const pageMs = ms(t);
        if (variant === ngramVariant) {
          t = process.hrtime.bigint();
          const listed = await proposals.list(actor, { q: query.text, limit: 20, offset: 0 });
          service.push({ query, ms: ms(t), total: listed.total });
        }
        t = process.hrtime.bigint();
        await page(variant, city, query);
        measured.push({ variant: variant.name, query, pageMs, cityMs: ms(t), found: numbers.length, truePositives, truth });
      }
    }

    const [table] = await db.query(`SELECT pg_table_size('proposals')::bigint AS bytes, (SELECT count(*) FROM proposals WHERE committee_id = $1)::int AS national, (SELECT count(*) FROM proposals WHERE committee_id = $2)::int AS city`, [national.id, city]);
    const [settings] = await db.query(`SELECT current_setting('shared_buffers') AS shared_buffers, version() AS version`);
    const lengths = [2, 4, 8];
    const kinds = jieba ? (['substring', 'word-aligned'] as const) : (['substring'] as const);
    const total = (rows: Measured[], key: 'truePositives' | 'found' | 'truth') => rows.reduce((sum, row) => sum + row[key], 0);
    const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
    const p50p95 = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `${percentile(sorted, 50).toFixed(0)} / ${percentile(sorted, 95).toFixed(0)}`;
    };
    output.push(
      `Full-text search: ${PROPOSALS.toLocaleString('en')} proposals (${(textChars / PROPOSALS).toFixed(0)} characters of title, proposer, unit and body each on average), ` +
        `${table.national.toLocaleString('en')} of them in the national committee and the rest in ${CITIES} city committees (${table.city.toLocaleString('en')} in the city timed); ` +
        `${queries.length} queries (${QUERIES} per length and kind, 诈骗 and 电动自行 among them).`,
      `${settings.version.split(' on ')[0]}, shared_buffers ${settings.shared_buffers}, maintenance_work_mem 1GB for the builds, ${cpus} CPU cores, load average ${loadStart} at the start and ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end (other work on the machine shares the cores); proposals table with both vectors ${mb(Number(table.bytes))}; ` +
        `loading took ${loadSeconds.toFixed(0)} s; assembled vectors checked equal to the whole-text ones on ${checked.length} proposals.`,
      '',
      '| variant | vector per proposal: computed (Node) + parsed (PostgreSQL) | GIN build | GIN size | vectors stored (est.) | recall 2 / 4 / 8 chars | precision 2 / 4 / 8 | ranked page, national committee, p50 / p95 ms: 2 · 4 · 8 chars | ranked page, city committee: 2 · 4 · 8 |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const variant of variants) {
      const mine = measured.filter((row) => row.variant === variant.name);
      const at = (length: number) => mine.filter((row) => row.query.length === length);
      output.push(
        `| ${variant.name} | ${variant.computeMicros.toFixed(0)} µs + ${variant.parseMicros.toFixed(0)} µs | ${variant.buildSeconds.toFixed(0)} s | ${mb(variant.indexBytes)} | ${mb(variant.columnBytes)} | ` +
          `${lengths.map((l) => pct(total(at(l), 'truePositives'), total(at(l), 'truth'))).join(' / ')} | ${lengths.map((l) => pct(total(at(l), 'truePositives'), total(at(l), 'found'))).join(' / ')} | ` +
          `${lengths.map((l) => p50p95(at(l).map((r) => r.pageMs))).join(' · ')} | ${lengths.map((l) => p50p95(at(l).map((r) => r.cityMs))).join(' · ')} |`,
      );
    }
    output.push(
      '',
      `Through ProposalQueriesService.list (national committee staff; first page of 20 by relevance with the total, views and highlights), n-gram, p50 / p95: ` +
        lengths.map((l) => `${l} chars ${p50p95(service.filter((s) => s.query.length === l).map((s) => s.ms))} ms`).join(', '),
      '',
      'Recall in the national committee by kind of query (substring: anywhere in the text; word-aligned: starting and ending on jieba word boundaries):',
      '',
      '| length | kind | queries | proposals containing them | n-gram recall | jieba recall | jieba precision | queries jieba finds nothing for |',
      '|---:|---|---:|---:|---:|---:|---:|---:|',
    );
    for (const length of lengths) {
      for (const kind of kinds) {
        const rows = (name: string) => measured.filter((r) => r.variant === name && r.query.length === length && r.query.kind === kind);
        const n = rows(ngramVariant.name);
        const j = rows(jiebaVariant.name);
        const jiebaCells = jieba
          ? `${pct(total(j, 'truePositives'), total(j, 'truth'))} | ${pct(total(j, 'truePositives'), total(j, 'found'))} | ${j.filter((r) => r.truth > 0 && r.truePositives === 0).length}`
          : '– | – | –';
        output.push(`| ${length} | ${kind} | ${n.length} | ${total(n, 'truth').toLocaleString('en')} | ${pct(total(n, 'truePositives'), total(n, 'truth'))} | ${jiebaCells} |`);
      }
    }
    output.push('', 'Per query, national committee: proposals containing it; found by each index; ms for the ranked page; the service (n-gram).', '');
    output.push('| query | kind | truth | n-gram found · page ms · service ms | jieba found · page ms | jieba query |', '|---|---|---:|---:|---:|---|');
    for (const query of queries) {
      const [n, j] = [ngramVariant, jiebaVariant].map((v) => measured.find((r) => r.variant === v.name && r.query === query));
      const viaService = service.find((s) => s.query === query) as (typeof service)[number];
      const jiebaCells = j ? `${j.found.toLocaleString('en')} · ${j.pageMs.toFixed(0)} | ${jiebaQuery(query.text)}` : '– | –';
      output.push(
        `| ${query.text} | ${query.kind} | ${(n as Measured).truth.toLocaleString('en')} | ${(n as Measured).found.toLocaleString('en')} · ${(n as Measured).pageMs.toFixed(0)} · ${viaService.ms.toFixed(0)} | ${jiebaCells} |`,
      );
    }
  } finally {
    await app.close();
    if (process.env.BENCH_KEEP === '1') console.error(`kept ${process.env.DATABASE_URL} for inspection: drop it yourself`);
    else await environment.dispose();
  }
  console.log(output.join('\n'));
  console.log(`\n(total ${(seconds(started) / 60).toFixed(1)} min)`);
  if (process.env.BENCH_KEEP === '1') process.exit(0); // the kept database's admin connection would hold the process open
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
