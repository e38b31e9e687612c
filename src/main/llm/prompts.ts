/**
 * Prompt templates per analysis type. Changing any text here that changes answers must bump
 * PROMPT_VERSION: it is part of the cache hash, so old answers stop being served.
 */
import type { AnalysisLanguage, AnalysisType, Finding, LlmSqlStats, LlmTableInfo } from '@shared/types/llm';
import { LiteralMasker } from './normalize';
import type { ChatMessage } from './openai-client';

export const PROMPT_VERSION = 'p1';

/** Bounds so a huge plan or table list does not blow the model's context. */
const MAX_SQL_CHARS = 40_000;
const MAX_PLAN_CHARS = 30_000;
const MAX_TABLES = 30;

const BASE_SYSTEM =
  'You are a senior Oracle Database performance engineer reviewing a SQL statement for a DBA. ' +
  'Be concrete and specific to this statement: name the tables, columns, plan operation ids and figures you rely on. ' +
  'Never invent tables, columns, indexes or statistics that are not in the input; say what extra information would help instead. ' +
  'Placeholders like :v1 or :n1 are masked literals (strings and numbers); treat them as constants. ' +
  'Answer in Markdown using exactly the sections asked for, and keep it under about 600 words.';

const TASKS: Record<AnalysisType, string> = {
  sql:
    'Task: SQL analysis. Review the statement text itself (structure, predicates, joins, sargability, ' +
    'implicit conversions, NULL semantics, bind variables, readability).\n' +
    'Sections: "## Summary" (2-3 sentences), "## Issues" (a numbered list, most severe first, each with why it matters), ' +
    '"## Rewritten SQL" (an equivalent rewrite in a ```sql block, or say none is needed).',
  plan:
    'Task: execution plan analysis. Walk the plan: the most expensive operations, access paths, join methods and ' +
    'order, cardinality estimates versus the per-execution statistics, and predicates applied late.\n' +
    'Sections: "## Plan summary", "## Hot spots" (a numbered list citing plan operation ids), ' +
    '"## Estimates vs. actuals", "## What to check next".',
  tuning:
    'Task: tuning recommendations. Give prioritized, actionable recommendations (indexes with exact column order, ' +
    'SQL rewrites, statistics gathering, hints only as a last resort), each with its expected effect and risk.\n' +
    'Sections: "## Recommendations" (a numbered list, highest impact first; include DDL or SQL in ```sql blocks), ' +
    '"## Expected effect", "## Risks and verification".',
};

export interface PromptInput {
  type: AnalysisType;
  sqlId?: string;
  sqlText: string;
  plan?: string;
  stats?: LlmSqlStats;
  tables?: LlmTableInfo[];
  /** the offline rules' findings, given to the model as pre-checks */
  findings?: Finding[];
  language?: AnalysisLanguage;
  maskLiterals: boolean;
}

export interface BuiltPrompt {
  messages: ChatMessage[];
  masked: boolean;
  /** how many distinct literals were replaced */
  maskedCount: number;
}

export function buildPrompt(input: PromptInput): BuiltPrompt {
  const masker = new LiteralMasker();
  const sql = input.maskLiterals ? masker.maskSql(input.sqlText) : input.sqlText;
  const plan = input.plan?.trim()
    ? input.maskLiterals
      ? masker.maskPlan(input.plan)
      : input.plan
    : undefined;

  const parts: string[] = [];
  parts.push(
    `SQL${input.sqlId ? ` (SQL_ID ${input.sqlId})` : ''}:\n\`\`\`sql\n${clip(sql.trim(), MAX_SQL_CHARS)}\n\`\`\``,
  );
  if (plan)
    parts.push(`Execution plan (DBMS_XPLAN):\n\`\`\`\n${clip(plan.trimEnd(), MAX_PLAN_CHARS)}\n\`\`\``);
  else if (input.type !== 'sql') parts.push('Execution plan: not available.');
  const stats = formatStats(input.stats);
  parts.push(
    stats ? `Per-execution statistics (V$SQLSTATS):\n${stats}` : 'Per-execution statistics: not available.',
  );
  const tables = formatTables(input.tables);
  parts.push(tables ? `Tables (optimizer statistics, indexes):\n${tables}` : 'Table sizes: not available.');
  if (input.findings?.length) {
    parts.push(
      `Automatic rule checks found (verify, do not just repeat):\n${input.findings
        .slice(0, 20)
        .map((f) => `- [${f.severity}] ${f.title}: ${clip(f.evidence, 200)}`)
        .join('\n')}`,
    );
  }
  const languageLine =
    input.language === 'ko'
      ? 'Write the answer in Korean (keep SQL, plan operation names and section code blocks as they are).'
      : 'Write the answer in English.';
  return {
    messages: [
      { role: 'system', content: `${BASE_SYSTEM}\n\n${TASKS[input.type]}\n\n${languageLine}` },
      { role: 'user', content: parts.join('\n\n') },
    ],
    masked: input.maskLiterals,
    maskedCount: masker.count,
  };
}

function clip(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}\n... (truncated, ${text.length - max} more characters)`;
}

const STAT_LABELS = {
  en: {
    executions: 'executions',
    elapsed: 'elapsed per exec',
    cpu: 'CPU per exec',
    gets: 'buffer gets per exec',
    disk: 'disk reads per exec',
    rows: 'rows per exec',
    perRow: 'buffer gets per row',
    parse: 'parse calls',
    phv: 'plan hash value',
  },
  ko: {
    executions: '실행 횟수',
    elapsed: '실행당 경과 시간',
    cpu: '실행당 CPU',
    gets: '실행당 buffer gets',
    disk: '실행당 disk reads',
    rows: '실행당 행 수',
    perRow: '행당 buffer gets',
    parse: 'parse calls',
    phv: 'plan hash value',
  },
} as const;

export function formatStats(s: LlmSqlStats | undefined, language: AnalysisLanguage = 'en'): string {
  if (!s) return '';
  const L = STAT_LABELS[language] ?? STAT_LABELS.en;
  const lines: string[] = [];
  const execs = s.executions;
  const per = (v: number | undefined) =>
    v === undefined ? undefined : execs && execs > 0 ? v / execs : execs === 0 ? v : undefined;
  const fmt = (v: number | undefined, digits = 1) =>
    v === undefined ? undefined : v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(digits);
  if (execs !== undefined) lines.push(`- ${L.executions}: ${execs.toLocaleString('en-US')}`);
  const rows: [string, number | undefined, string][] = [
    [L.elapsed, per(s.elapsedMs), 'ms'],
    [L.cpu, per(s.cpuMs), 'ms'],
    [L.gets, per(s.bufferGets), ''],
    [L.disk, per(s.diskReads), ''],
    [L.rows, per(s.rowsProcessed), ''],
  ];
  for (const [label, v, unit] of rows) {
    const f = fmt(v);
    if (f !== undefined) lines.push(`- ${label}: ${f}${unit ? ` ${unit}` : ''}`);
  }
  if (s.bufferGets !== undefined && s.rowsProcessed) {
    lines.push(`- ${L.perRow}: ${fmt(s.bufferGets / s.rowsProcessed)}`);
  }
  if (s.parseCalls !== undefined && execs)
    lines.push(`- ${L.parse}: ${s.parseCalls.toLocaleString('en-US')}`);
  if (s.planHashValue !== undefined) lines.push(`- ${L.phv}: ${s.planHashValue}`);
  return lines.join('\n');
}

export function formatTables(tables: LlmTableInfo[] | undefined): string {
  if (!tables?.length) return '';
  return tables
    .slice(0, MAX_TABLES)
    .map((t) => {
      const name = t.owner ? `${t.owner}.${t.name}` : t.name;
      const bits: string[] = [];
      bits.push(
        t.numRows == null ? 'rows: unknown (no statistics)' : `rows: ${t.numRows.toLocaleString('en-US')}`,
      );
      if (t.blocks != null) bits.push(`blocks: ${t.blocks.toLocaleString('en-US')}`);
      if (t.lastAnalyzed !== undefined) {
        bits.push(
          `last analyzed: ${t.lastAnalyzed == null ? 'never' : new Date(t.lastAnalyzed).toISOString().slice(0, 10)}`,
        );
      }
      let line = `- ${name}: ${bits.join(', ')}`;
      for (const ix of t.indexes?.slice(0, 15) ?? []) {
        line += `\n  - index ${ix.name}${ix.unique ? ' (unique)' : ''} on (${ix.columns.join(', ')})`;
      }
      const cols = t.columns?.filter((c) => c.dataType || c.nullable !== undefined).slice(0, 60);
      if (cols?.length) {
        line += `\n  - columns: ${cols
          .map((c) => `${c.name} ${c.dataType ?? ''}${c.nullable === false ? ' NOT NULL' : ''}`.trim())
          .join(', ')}`;
      }
      return line;
    })
    .join('\n');
}
