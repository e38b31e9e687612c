/**
 * The offline analyser's texts in English and Korean (the console's two languages). Identifiers,
 * SQL and plan operation names stay as they are in both.
 */
import type { AnalysisLanguage, FindingSeverity } from '@shared/types/llm';

export interface Texts {
  title: string;
  explanation: string;
  suggestion: string;
}

const n = (v: number) => v.toLocaleString('en-US');

export interface OfflineText {
  selectStar: Texts;
  noWhere: {
    titleUnknown: (table: string) => string;
    titleLarge: (table: string, rows: number) => string;
    explainWrite: (kind: string, table: string) => string;
    explainRead: (table: string, rows: number | null) => string;
    suggestWrite: string;
    suggestRead: string;
  };
  fnOnColumn: {
    title: (fn: string, col: string) => string;
    explanation: (fn: string, col: string, indexed: boolean) => string;
    advice: Record<string, string>;
  };
  implicitSql: (dataType: string, col: string) => Texts;
  implicitPlan: (col: string, fn: string, id: number) => Texts;
  notIn: (col: string, nullable: boolean | undefined) => Texts;
  cartesianPlan: (id: number, operation: string) => Texts;
  cartesianSql: (groups: string[]) => Texts;
  fullScan: {
    title: (table: string, rows: number, known: boolean) => string;
    explanation: (id: number, table: string, filter: string | null) => string;
    suggestFilter: string;
    suggestNoFilter: string;
  };
  highGets: (perExec: number, rowsPerExec: number | undefined, perRow: number | undefined) => Texts;
  leadingWildcard: (pattern: string) => Texts;
  orAcross: (cols: string[]) => Texts;
  distinctJoin: (tables: number) => Texts;
  largeSort: (rows: number, id: number) => Texts;
  stale: (owner: string | undefined, table: string, days: number | null) => Texts;
  report: {
    severity: Record<FindingSeverity, string>;
    none: string;
    count: (total: number, parts: string[]) => string;
    sevCount: (label: string, count: number) => string;
    findings: string;
    noFindings: string;
    evidence: string;
    suggestion: string;
    footer: string;
    summary: string;
    sqlTitle: string;
    planTitle: string;
    tuningTitle: string;
    overview: string;
    statement: (kind: string, blocks: number) => string;
    tables: (list: string) => string;
    tableRows: (table: string, rows: number) => string;
    noTables: string;
    predicates: (binds: number, literals: number) => string;
    literalsOnly: string;
    planSummary: string;
    noPlan: string;
    planHash: (v: number | null) => string;
    operations: (count: number, cost: number | null) => string;
    joins: (list: string) => string;
    access: (list: string) => string;
    costly: (list: string) => string;
    cost: (v: number) => string;
    stats: string;
    notAvailable: string;
    actions: string;
    why: (title: string, severity: string, evidence: string) => string;
    noActions: string;
    notes: string;
    verify: string;
    verifyRerun: (hasStats: boolean) => string;
    verifyCopy: string;
  };
}

const en: OfflineText = {
  selectStar: {
    title: 'SELECT * reads every column',
    explanation:
      'Selecting all columns fetches and transfers data the application may not use, prevents index-only (covering) access, ' +
      'and silently changes the result when columns are added to the table.',
    suggestion: 'List only the columns the application needs.',
  },
  noWhere: {
    titleUnknown: (t) => `No WHERE clause on ${t} (table size unknown)`,
    titleLarge: (t, rows) => `No WHERE clause on large table ${t} (${n(rows)} rows)`,
    explainWrite: (kind, t) =>
      `This ${kind} touches every row of ${t}: a long transaction, heavy undo/redo and row locks on the whole table.`,
    explainRead: (t, rows) =>
      `Every execution reads all of ${t}${rows !== null ? ` (${n(rows)} rows)` : ''}; the cost grows with the table.`,
    suggestWrite:
      'Add the intended predicate, or batch the change (by key ranges) if it really is table-wide.',
    suggestRead:
      'Add a selective predicate, or limit the rows (FETCH FIRST n ROWS ONLY) if only a page is shown; for reporting, consider a summary table or materialized view.',
  },
  fnOnColumn: {
    title: (fn, col) => `${fn}() applied to column ${col} in a predicate`,
    explanation: (fn, col, indexed) =>
      `Wrapping ${col} in ${fn}() makes the predicate non-sargable: a normal index on the column cannot be used for it ` +
      `(only a function-based index on exactly this expression could), and the optimizer's estimate falls back to a guess.` +
      (indexed ? ` ${col} is indexed, so the index is being bypassed.` : ''),
    advice: {
      UPPER:
        'Store the value in one case, or create a function-based index on UPPER(column); for case-insensitive search with an index, see also linguistic indexes (NLS_SORT/NLS_COMP).',
      LOWER:
        'Create a function-based index on LOWER(column), or compare against a value already in the stored case.',
      TRUNC:
        'Compare the bare column with a range instead: `col >= TRUNC(:d) AND col < TRUNC(:d) + 1` keeps an index on the column usable.',
      NVL: 'Rewrite `NVL(col, :x) = :y` as `(col = :y OR (col IS NULL AND :x = :y))`, or index the expression.',
      NVL2: 'Rewrite with explicit IS NULL / IS NOT NULL branches, or index the expression.',
      COALESCE: 'Rewrite with explicit IS NULL branches, or index the expression.',
      TO_CHAR:
        'Convert the other side instead (e.g. `date_col >= TO_DATE(:s, ...)` rather than `TO_CHAR(date_col, ...) = :s`).',
      TO_NUMBER:
        "Compare with a value of the column's own type (quote the number if the column is a string).",
      TO_DATE: 'Convert the other side instead of the column.',
      SUBSTR: "A prefix test `SUBSTR(col, 1, n) = :s` can be written `col LIKE :s || '%'` and use an index.",
      TRIM: 'Store trimmed values (or index TRIM(column)).',
      LTRIM: 'Store trimmed values (or index the expression).',
      RTRIM: 'Store trimmed values (or index the expression).',
      DECODE: 'Rewrite as explicit predicates on the bare column, or index the expression.',
      ABS: 'Rewrite as a range on the bare column, or index the expression.',
      ROUND: 'Rewrite as a range on the bare column, or index the expression.',
    },
  },
  implicitSql: (type, col) => ({
    title: `${type} column ${col} compared with a number`,
    explanation:
      `Oracle converts the character column, not the number: the predicate becomes TO_NUMBER(${col}) = n, so an index on ` +
      `${col} cannot be used, and any non-numeric value in the column raises ORA-01722 at run time.`,
    suggestion: `Compare with a string: ${col} = '...' (or a VARCHAR2 bind variable).`,
  }),
  implicitPlan: (col, fn, id) => ({
    title: `Conversion applied to column ${col} in the plan (operation ${id})`,
    explanation:
      `The plan's predicate wraps ${col} in ${fn}(): the column is being converted (often an implicit ` +
      'conversion from comparing different data types, e.g. a VARCHAR2 column with a number, or NVARCHAR2 with VARCHAR2), ' +
      'so an index on it cannot be used for this predicate.',
    suggestion:
      "Make both sides the same type: fix the bind variable's type in the application, or quote / convert the literal side.",
  }),
  notIn: (col, nullable) => ({
    title: `NOT IN with a subquery${col ? ` on ${nullable ? 'nullable ' : 'possibly nullable '}column ${col}` : ''}`,
    explanation:
      'If the subquery returns a single NULL, `x NOT IN (...)` is never true and the query silently returns no rows. ' +
      'To honour that rule Oracle may also be unable to use an ordinary anti-join (it needs a null-aware anti-join or a filter per row).',
    suggestion:
      'Use NOT EXISTS (SELECT 1 FROM ... WHERE sub.col = outer.col), or add `WHERE col IS NOT NULL` in the subquery if NULLs must be ignored; declaring the column NOT NULL also fixes it.',
  }),
  cartesianPlan: (id, op) => ({
    title: `Cartesian join in the plan (operation ${id}: ${op})`,
    explanation:
      'Every row of one input is combined with every row of the other: the row count multiplies. Usually a join predicate is ' +
      'missing, or the optimizer expects one side to return a single row (check that estimate).',
    suggestion:
      'Check that every table in FROM is joined to the others; if the estimate of 1 row on one side is wrong, gather statistics.',
  }),
  cartesianSql: (groups) => ({
    title: 'Tables in FROM without a join predicate (cartesian product)',
    explanation:
      `No predicate links these groups of tables: ${groups.map((g) => `{${g}}`).join(' × ')}. ` +
      'Every row of one group is combined with every row of the other, multiplying the rows read and returned.',
    suggestion:
      'Add the missing join condition (or use explicit JOIN ... ON syntax so a missing condition is a syntax error). If the product is intended, write CROSS JOIN to say so.',
  }),
  fullScan: {
    title: (t, rows, known) =>
      `Full scan of large table ${t} (${known ? `${n(rows)} rows` : `~${n(rows)} rows estimated`})`,
    explanation: (id, t, filter) =>
      `Operation ${id} reads every block of ${t}${filter ? ` and filters with ${filter.slice(0, 120)}` : ''}. ` +
      'A full scan is right when most rows are needed; when the query keeps few of them, an index is usually far cheaper.',
    suggestFilter:
      'If the filter is selective, index its columns (leading with the equality columns); check that no function or conversion on the column blocks an existing index.',
    suggestNoFilter:
      'If the query needs only some rows, add a selective predicate; otherwise consider partitioning, a covering index, or a summary table.',
  },
  highGets: (perExec, rowsPerExec, perRow) => ({
    title: `High logical reads: ${n(Math.round(perExec))} buffer gets per execution`,
    explanation:
      `Each execution visits ${n(Math.round(perExec))} blocks in the buffer cache` +
      (rowsPerExec !== undefined ? ` to return ${rowsPerExec.toFixed(1)} rows` : '') +
      (perRow !== undefined ? ` (${n(Math.round(perRow))} gets per row)` : '') +
      '. Logical reads burn CPU and cache latches; over many executions this is usually the top cost of the statement.',
    suggestion:
      'Find the plan lines that read the most blocks (DBMS_XPLAN with ALLSTATS LAST, Buffers column) and make that access more selective: a better index, a join order that filters early, or fewer rows fetched.',
  }),
  leadingWildcard: (pattern) => ({
    title: `LIKE pattern starting with a wildcard (${pattern})`,
    explanation:
      'A pattern that starts with % or _ cannot use a B-tree index range scan on the column: every row (or every index entry) is examined.',
    suggestion:
      "Search by prefix if the application allows it (LIKE 'abc%'); for real substring or word search use Oracle Text (CONTAINS) or a reversed-value function-based index for suffix search.",
  }),
  orAcross: (cols) => ({
    title: `OR across different columns (${cols.join(', ')})`,
    explanation:
      'An OR between predicates on different columns cannot be answered by one index range scan: the optimizer either scans the table or needs OR-expansion / bitmap conversion, which it does not always choose.',
    suggestion:
      'Rewrite as UNION ALL of one branch per column (add LNNVL() to avoid duplicates), or make sure each column has its own index so OR-expansion is possible; an OR on one column is better written as IN (...).',
  }),
  distinctJoin: (tables) => ({
    title: `SELECT DISTINCT over a join of ${tables} tables`,
    explanation:
      'DISTINCT on a join often hides a join that multiplies rows (a missing join column, or a one-to-many join used only for filtering). The duplicates are still produced, then sorted or hashed away.',
    suggestion:
      'Check each join is on the full key; if a joined table is only used to filter, use EXISTS (SELECT 1 ...) instead of joining it, and drop DISTINCT.',
  }),
  largeSort: (rows, id) => ({
    title: `ORDER BY sorts ${n(rows)} rows (operation ${id})`,
    explanation:
      'The ORDER BY is satisfied by an explicit sort of many rows: PGA memory, possibly temp-tablespace I/O, and nothing is returned until the sort finishes.',
    suggestion:
      'An index whose columns match the ORDER BY (after the equality-filter columns) returns rows already ordered and lets the sort disappear; if only the first rows are shown, add FETCH FIRST n ROWS ONLY.',
  }),
  stale: (owner, t, days) => ({
    title:
      days === null
        ? `No optimizer statistics on ${t}`
        : `Optimizer statistics on ${t} are ${Math.floor(days)} days old`,
    explanation:
      'The optimizer sizes every access path and join from these statistics; missing or old ones are the most common cause of a bad plan.',
    suggestion: `EXEC DBMS_STATS.GATHER_TABLE_STATS(ownname => '${owner ?? 'OWNER'}', tabname => '${t}') (or let the automatic statistics job cover the table).`,
  }),
  report: {
    severity: { high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFO' },
    none: 'No rule found a problem.',
    count: (total, parts) => `${total} finding${total === 1 ? '' : 's'} (${parts.join(', ')}).`,
    sevCount: (label, count) => `${count} ${label.toLowerCase()}`,
    findings: 'Findings',
    noFindings: 'None.',
    evidence: 'Evidence',
    suggestion: 'Suggestion',
    footer:
      '_Offline analyser: rule-based checks on the SQL text, plan and statistics; no model was used and nothing left this machine. Configure a model in LLM settings for a deeper review._',
    summary: 'Summary:',
    sqlTitle: 'SQL analysis (offline)',
    planTitle: 'Execution plan analysis (offline)',
    tuningTitle: 'Tuning recommendations (offline)',
    overview: 'Statement overview',
    statement: (kind, blocks) =>
      `- Statement: ${kind}${blocks > 1 ? `, ${blocks} query blocks (subqueries / set operations)` : ''}`,
    tables: (list) => `- Tables: ${list}`,
    tableRows: (t, rows) => `${t} (${n(rows)} rows)`,
    noTables: 'none found',
    predicates: (binds, literals) =>
      `- Predicates use ${binds} bind variable${binds === 1 ? '' : 's'} and ${literals} literal${literals === 1 ? '' : 's'}`,
    literalsOnly:
      '  (literals only: each distinct value is a new hard parse unless CURSOR_SHARING rewrites it)',
    planSummary: 'Plan summary',
    noPlan: 'No execution plan was provided (or it could not be read), so only the statistics were checked.',
    planHash: (v) => `- Plan hash value: ${v ?? 'unknown'}`,
    operations: (count, cost) => `- ${count} operations; total estimated cost ${cost ?? 'unknown'}`,
    joins: (list) => `- Joins: ${list}`,
    access: (list) => `- Access paths: ${list}`,
    costly: (list) => `- Most expensive: ${list}`,
    cost: (v) => `cost ${v}`,
    stats: 'Per-execution statistics',
    notAvailable: 'Not available.',
    actions: 'Prioritized actions',
    why: (title, severity, evidence) => `Why: ${title} (${severity}). Evidence: \`${evidence}\``,
    noActions:
      'No rule suggests a change. If the statement is still slow, compare its plan with actual row counts (DBMS_XPLAN ALLSTATS LAST) and check its waits.',
    notes: 'Notes',
    verify: 'Verify',
    verifyRerun: (hasStats) =>
      `- Re-run the statement and compare buffer gets and elapsed time per execution with the current figures${hasStats ? ':' : '.'}`,
    verifyCopy: "- Test index changes on a copy first; a new index also changes other statements' plans.",
  },
};

const ko: OfflineText = {
  selectStar: {
    title: 'SELECT * 로 모든 컬럼을 읽음',
    explanation:
      '모든 컬럼을 조회하면 애플리케이션이 쓰지 않을 수도 있는 데이터까지 읽고 전송하며, 인덱스만으로 처리하는(커버링) 접근을 막고, ' +
      '테이블에 컬럼이 추가되면 결과가 조용히 바뀝니다.',
    suggestion: '애플리케이션에 필요한 컬럼만 나열하세요.',
  },
  noWhere: {
    titleUnknown: (t) => `${t}에 WHERE 절 없음 (테이블 크기 알 수 없음)`,
    titleLarge: (t, rows) => `대용량 테이블 ${t}에 WHERE 절 없음 (${n(rows)}행)`,
    explainWrite: (kind, t) =>
      `이 ${kind} 문은 ${t}의 모든 행을 변경합니다: 긴 트랜잭션, 많은 undo/redo, 테이블 전체의 행 잠금이 발생합니다.`,
    explainRead: (t, rows) =>
      `실행할 때마다 ${t} 전체${rows !== null ? ` (${n(rows)}행)` : ''}를 읽으며, 비용은 테이블 크기에 비례해 커집니다.`,
    suggestWrite: '의도한 조건을 추가하거나, 정말 테이블 전체가 대상이라면 키 범위별로 나누어 처리하세요.',
    suggestRead:
      '선택도 높은 조건을 추가하거나, 한 페이지만 보여 준다면 행 수를 제한하세요 (FETCH FIRST n ROWS ONLY). 보고서 용도라면 요약 테이블이나 materialized view를 검토하세요.',
  },
  fnOnColumn: {
    title: (fn, col) => `조건절에서 컬럼 ${col}에 ${fn}() 적용`,
    explanation: (fn, col, indexed) =>
      `${col}을(를) ${fn}()로 감싸면 인덱스를 탈 수 없는 조건이 됩니다: 컬럼의 일반 인덱스는 이 조건에 쓰이지 못하고 ` +
      `(정확히 같은 식의 함수 기반 인덱스만 가능), 옵티마이저의 카디널리티 추정도 추측값으로 떨어집니다.` +
      (indexed ? ` ${col}에는 인덱스가 있으므로 그 인덱스를 우회하고 있습니다.` : ''),
    advice: {
      UPPER:
        '값을 한 가지 대소문자로 저장하거나 UPPER(column) 함수 기반 인덱스를 만드세요. 인덱스를 쓰는 대소문자 무시 검색은 linguistic 인덱스(NLS_SORT/NLS_COMP)도 참고하세요.',
      LOWER: 'LOWER(column) 함수 기반 인덱스를 만들거나, 저장된 대소문자 그대로의 값과 비교하세요.',
      TRUNC:
        '컬럼을 그대로 두고 범위로 비교하세요: `col >= TRUNC(:d) AND col < TRUNC(:d) + 1` 이면 컬럼의 인덱스를 쓸 수 있습니다.',
      NVL: '`NVL(col, :x) = :y` 를 `(col = :y OR (col IS NULL AND :x = :y))` 로 바꾸거나, 식에 인덱스를 만드세요.',
      NVL2: 'IS NULL / IS NOT NULL 분기를 명시적으로 쓰거나, 식에 인덱스를 만드세요.',
      COALESCE: 'IS NULL 분기를 명시적으로 쓰거나, 식에 인덱스를 만드세요.',
      TO_CHAR:
        '반대쪽 값을 변환하세요 (예: `TO_CHAR(date_col, ...) = :s` 대신 `date_col >= TO_DATE(:s, ...)`).',
      TO_NUMBER: '컬럼과 같은 타입의 값과 비교하세요 (컬럼이 문자열이면 숫자를 따옴표로 감싸세요).',
      TO_DATE: '컬럼 대신 반대쪽 값을 변환하세요.',
      SUBSTR:
        "접두어 비교 `SUBSTR(col, 1, n) = :s` 는 `col LIKE :s || '%'` 로 바꾸면 인덱스를 쓸 수 있습니다.",
      TRIM: '공백을 제거한 값으로 저장하세요 (또는 TRIM(column)에 인덱스).',
      LTRIM: '공백을 제거한 값으로 저장하세요 (또는 식에 인덱스).',
      RTRIM: '공백을 제거한 값으로 저장하세요 (또는 식에 인덱스).',
      DECODE: '컬럼을 그대로 쓰는 명시적 조건으로 바꾸거나, 식에 인덱스를 만드세요.',
      ABS: '컬럼을 그대로 쓰는 범위 조건으로 바꾸거나, 식에 인덱스를 만드세요.',
      ROUND: '컬럼을 그대로 쓰는 범위 조건으로 바꾸거나, 식에 인덱스를 만드세요.',
    },
  },
  implicitSql: (type, col) => ({
    title: `${type} 컬럼 ${col}을(를) 숫자와 비교`,
    explanation:
      `Oracle은 숫자가 아니라 문자 컬럼을 변환합니다: 조건이 TO_NUMBER(${col}) = n 이 되어 ${col}의 인덱스를 쓸 수 없고, ` +
      '컬럼에 숫자가 아닌 값이 하나라도 있으면 실행 중 ORA-01722가 발생합니다.',
    suggestion: `문자열과 비교하세요: ${col} = '...' (또는 VARCHAR2 바인드 변수).`,
  }),
  implicitPlan: (col, fn, id) => ({
    title: `실행계획에서 컬럼 ${col}에 변환 함수 적용 (오퍼레이션 ${id})`,
    explanation:
      `실행계획의 조건이 ${col}을(를) ${fn}()로 감싸고 있습니다: 컬럼이 변환되고 있으며 (대개 VARCHAR2 컬럼과 숫자, ` +
      'NVARCHAR2와 VARCHAR2처럼 다른 타입을 비교해서 생기는 암시적 변환), 이 조건에는 컬럼의 인덱스를 쓸 수 없습니다.',
    suggestion:
      '양쪽 타입을 맞추세요: 애플리케이션에서 바인드 변수 타입을 고치거나, 리터럴 쪽을 따옴표로 감싸거나 변환하세요.',
  }),
  notIn: (col, nullable) => ({
    title: `서브쿼리를 쓰는 NOT IN${col ? ` (${nullable ? 'NULL 허용' : 'NULL일 수 있는'} 컬럼 ${col})` : ''}`,
    explanation:
      '서브쿼리가 NULL을 하나라도 반환하면 `x NOT IN (...)` 은 결코 참이 되지 않아 쿼리가 조용히 0건을 반환합니다. ' +
      '이 규칙 때문에 Oracle이 일반 안티 조인을 쓰지 못할 수도 있습니다 (null-aware 안티 조인이나 행마다 필터가 필요).',
    suggestion:
      'NOT EXISTS (SELECT 1 FROM ... WHERE sub.col = outer.col) 를 쓰거나, NULL을 무시해야 한다면 서브쿼리에 `WHERE col IS NOT NULL` 을 추가하세요. 컬럼을 NOT NULL로 선언해도 해결됩니다.',
  }),
  cartesianPlan: (id, op) => ({
    title: `실행계획에 카티션 조인 (오퍼레이션 ${id}: ${op})`,
    explanation:
      '한 입력의 모든 행이 다른 입력의 모든 행과 결합되어 행 수가 곱해집니다. 보통 조인 조건이 빠졌거나, ' +
      '옵티마이저가 한쪽이 1행만 반환한다고 추정한 경우입니다 (그 추정을 확인하세요).',
    suggestion:
      'FROM의 모든 테이블이 서로 조인되는지 확인하세요. 한쪽 1행 추정이 틀렸다면 통계를 수집하세요.',
  }),
  cartesianSql: (groups) => ({
    title: 'FROM의 테이블 사이에 조인 조건 없음 (카티션 곱)',
    explanation:
      `다음 테이블 그룹을 연결하는 조건이 없습니다: ${groups.map((g) => `{${g}}`).join(' × ')}. ` +
      '한 그룹의 모든 행이 다른 그룹의 모든 행과 결합되어, 읽고 반환하는 행 수가 곱해집니다.',
    suggestion:
      '빠진 조인 조건을 추가하세요 (명시적 JOIN ... ON 문법을 쓰면 조건 누락이 문법 오류가 됩니다). 곱이 의도된 것이라면 CROSS JOIN으로 명시하세요.',
  }),
  fullScan: {
    title: (t, rows, known) =>
      `대용량 테이블 ${t} 전체 스캔 (${known ? `${n(rows)}행` : `약 ${n(rows)}행 추정`})`,
    explanation: (id, t, filter) =>
      `오퍼레이션 ${id}이(가) ${t}의 모든 블록을 읽습니다${filter ? ` (필터: ${filter.slice(0, 120)})` : ''}. ` +
      '대부분의 행이 필요할 때는 전체 스캔이 맞지만, 일부 행만 남긴다면 보통 인덱스가 훨씬 저렴합니다.',
    suggestFilter:
      '필터의 선택도가 높다면 해당 컬럼에 인덱스를 만드세요 (등호 조건 컬럼을 앞에). 컬럼에 적용된 함수나 변환이 기존 인덱스를 막고 있지 않은지도 확인하세요.',
    suggestNoFilter:
      '일부 행만 필요하다면 선택도 높은 조건을 추가하고, 그렇지 않다면 파티셔닝, 커버링 인덱스, 요약 테이블을 검토하세요.',
  },
  highGets: (perExec, rowsPerExec, perRow) => ({
    title: `논리적 읽기 과다: 실행당 buffer gets ${n(Math.round(perExec))}`,
    explanation:
      `실행할 때마다 버퍼 캐시의 블록 ${n(Math.round(perExec))}개를 방문합니다` +
      (rowsPerExec !== undefined ? ` (반환 행 ${rowsPerExec.toFixed(1)}개` : '') +
      (rowsPerExec !== undefined
        ? perRow !== undefined
          ? `, 행당 ${n(Math.round(perRow))} gets)`
          : ')'
        : '') +
      '. 논리적 읽기는 CPU와 캐시 래치를 소모하며, 실행 횟수가 많으면 보통 이 문장의 가장 큰 비용입니다.',
    suggestion:
      '가장 많은 블록을 읽는 실행계획 라인을 찾아 (DBMS_XPLAN ALLSTATS LAST의 Buffers 컬럼) 그 접근을 더 선택적으로 만드세요: 더 나은 인덱스, 먼저 걸러내는 조인 순서, 더 적은 행 조회.',
  }),
  leadingWildcard: (pattern) => ({
    title: `와일드카드로 시작하는 LIKE 패턴 (${pattern})`,
    explanation:
      '% 또는 _ 로 시작하는 패턴은 컬럼의 B-tree 인덱스 범위 스캔을 쓸 수 없어 모든 행(또는 모든 인덱스 항목)을 검사합니다.',
    suggestion:
      "애플리케이션이 허용하면 접두어로 검색하세요 (LIKE 'abc%'). 부분 문자열·단어 검색에는 Oracle Text(CONTAINS), 접미어 검색에는 값을 뒤집은 함수 기반 인덱스를 쓰세요.",
  }),
  orAcross: (cols) => ({
    title: `서로 다른 컬럼에 걸친 OR (${cols.join(', ')})`,
    explanation:
      '다른 컬럼에 대한 조건을 OR로 묶으면 인덱스 범위 스캔 하나로 처리할 수 없습니다: 옵티마이저는 테이블을 스캔하거나 OR-expansion / 비트맵 변환이 필요한데, 이를 항상 선택하지는 않습니다.',
    suggestion:
      '컬럼별 분기를 UNION ALL로 다시 쓰거나 (중복 방지에 LNNVL() 사용), 각 컬럼에 인덱스가 있어 OR-expansion이 가능하게 하세요. 한 컬럼에 대한 OR은 IN (...) 으로 쓰는 편이 낫습니다.',
  }),
  distinctJoin: (tables) => ({
    title: `테이블 ${tables}개 조인에 SELECT DISTINCT`,
    explanation:
      '조인에 DISTINCT를 쓰면 행을 불리는 조인(조인 컬럼 누락, 필터 용도로만 쓰는 1:N 조인)을 가리는 경우가 많습니다. 중복 행은 여전히 만들어진 뒤 정렬이나 해시로 제거됩니다.',
    suggestion:
      '각 조인이 전체 키로 연결되는지 확인하세요. 조인한 테이블을 필터로만 쓴다면 조인 대신 EXISTS (SELECT 1 ...) 를 쓰고 DISTINCT를 없애세요.',
  }),
  largeSort: (rows, id) => ({
    title: `ORDER BY가 ${n(rows)}행을 정렬 (오퍼레이션 ${id})`,
    explanation:
      'ORDER BY를 많은 행의 명시적 정렬로 처리합니다: PGA 메모리, 경우에 따라 temp 테이블스페이스 I/O가 들고, 정렬이 끝날 때까지 아무 행도 반환되지 않습니다.',
    suggestion:
      '등호 조건 컬럼 다음에 ORDER BY 컬럼이 오는 인덱스가 있으면 이미 정렬된 순서로 행을 반환해 정렬이 사라집니다. 처음 몇 행만 보여 준다면 FETCH FIRST n ROWS ONLY를 추가하세요.',
  }),
  stale: (owner, t, days) => ({
    title:
      days === null ? `${t}에 옵티마이저 통계 없음` : `${t}의 옵티마이저 통계가 ${Math.floor(days)}일 지남`,
    explanation:
      '옵티마이저는 모든 접근 경로와 조인의 비용을 이 통계로 계산합니다. 통계가 없거나 오래된 것이 나쁜 실행계획의 가장 흔한 원인입니다.',
    suggestion: `EXEC DBMS_STATS.GATHER_TABLE_STATS(ownname => '${owner ?? 'OWNER'}', tabname => '${t}') (또는 자동 통계 수집 작업이 이 테이블을 포함하게 하세요).`,
  }),
  report: {
    severity: { high: '높음', medium: '중간', low: '낮음', info: '정보' },
    none: '규칙 점검에서 문제가 발견되지 않았습니다.',
    count: (total, parts) => `발견 사항 ${total}건 (${parts.join(', ')}).`,
    sevCount: (label, count) => `${label} ${count}`,
    findings: '발견 사항',
    noFindings: '없음.',
    evidence: '근거',
    suggestion: '제안',
    footer:
      '_오프라인 분석기: SQL 텍스트, 실행계획, 통계에 대한 규칙 기반 점검입니다. 모델을 사용하지 않았고 외부로 아무것도 전송하지 않았습니다. 더 깊은 검토가 필요하면 분석 설정에서 모델을 구성하세요._',
    summary: '요약:',
    sqlTitle: 'SQL 분석 (오프라인)',
    planTitle: '실행계획 분석 (오프라인)',
    tuningTitle: '튜닝 권고사항 (오프라인)',
    overview: '문장 개요',
    statement: (kind, blocks) =>
      `- 문장: ${kind}${blocks > 1 ? `, 쿼리 블록 ${blocks}개 (서브쿼리 / 집합 연산)` : ''}`,
    tables: (list) => `- 테이블: ${list}`,
    tableRows: (t, rows) => `${t} (${n(rows)}행)`,
    noTables: '없음',
    predicates: (binds, literals) => `- 조건절: 바인드 변수 ${binds}개, 리터럴 ${literals}개`,
    literalsOnly: '  (리터럴만 사용: CURSOR_SHARING이 바꾸지 않는 한 값마다 하드 파스가 새로 일어납니다)',
    planSummary: '실행계획 요약',
    noPlan: '실행계획이 제공되지 않아 (또는 읽을 수 없어) 통계만 점검했습니다.',
    planHash: (v) => `- Plan hash value: ${v ?? '알 수 없음'}`,
    operations: (count, cost) => `- 오퍼레이션 ${count}개, 전체 추정 비용 ${cost ?? '알 수 없음'}`,
    joins: (list) => `- 조인: ${list}`,
    access: (list) => `- 접근 경로: ${list}`,
    costly: (list) => `- 비용이 가장 큰 오퍼레이션: ${list}`,
    cost: (v) => `비용 ${v}`,
    stats: '실행 1회당 통계',
    notAvailable: '없음.',
    actions: '우선순위별 조치',
    why: (title, severity, evidence) => `이유: ${title} (${severity}). 근거: \`${evidence}\``,
    noActions:
      '변경을 제안하는 규칙이 없습니다. 그래도 느리다면 실행계획을 실제 행 수(DBMS_XPLAN ALLSTATS LAST)와 비교하고 대기 이벤트를 확인하세요.',
    notes: '참고',
    verify: '검증',
    verifyRerun: (hasStats) =>
      `- 문장을 다시 실행해 실행당 buffer gets와 경과 시간을 현재 수치와 비교하세요${hasStats ? ':' : '.'}`,
    verifyCopy: '- 인덱스 변경은 먼저 사본에서 시험하세요. 새 인덱스는 다른 문장의 실행계획도 바꿉니다.',
  },
};

export const OFFLINE_TEXT: Record<AnalysisLanguage, OfflineText> = { en, ko };
