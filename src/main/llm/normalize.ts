/**
 * SQL normalisation for the analysis cache hash, and literal masking for prompts.
 *
 * Normalisation (what makes two texts "the same SQL"):
 * - whitespace folded: the text is tokenised and re-joined with single spaces, so `a=1` and `a = 1` match;
 * - unquoted identifiers and keywords upper-cased (Oracle treats them case-insensitively);
 * - string literals ('...', N'...', q'[...]') and quoted identifiers ("...") left exactly as written;
 * - plain comments removed (they do not change the statement); optimizer hints (/*+ ... *\/, --+) KEPT,
 *   whitespace-folded and upper-cased, because a hint changes the plan;
 * - a trailing `;` or SQL*Plus `/` dropped.
 */
import { createHash } from 'node:crypto';
import type { AnalysisLanguage, AnalysisType } from '@shared/types/llm';
import { annotate, isWord, type Token, tokenize } from './sql-lexer';

export function normalizeSql(sql: string): string {
  const parts: string[] = [];
  for (const t of tokenize(sql)) {
    switch (t.kind) {
      case 'ws':
      case 'comment':
        break;
      case 'hint':
        parts.push(t.text.replace(/\s+/g, ' ').toUpperCase().trim());
        break;
      case 'string':
        parts.push(upperPrefix(t.text));
        break;
      case 'qident':
        parts.push(t.text);
        break;
      case 'bind':
        parts.push(t.text[1] === '"' ? t.text : t.text.toUpperCase());
        break;
      default:
        parts.push(t.text.toUpperCase());
    }
  }
  while (parts.length && (parts[parts.length - 1] === ';' || parts[parts.length - 1] === '/')) parts.pop();
  return parts.join(' ');
}

/** `n'x'` → `N'x'`, `q'[x]'` → `Q'[x]'`: the prefix is case-insensitive, the body is not touched. */
function upperPrefix(text: string): string {
  const q = text.indexOf("'");
  return q > 0 ? text.slice(0, q).toUpperCase() + text.slice(q) : text;
}

/**
 * A stable key for the plan part of plan/tuning analyses: DBMS_XPLAN's "Plan hash value: N" when present,
 * otherwise a digest of the whitespace-folded plan text. Empty for no plan.
 */
export function planKey(plan: string | undefined): string {
  if (!plan?.trim()) return '';
  const m = /Plan hash value:\s*(\d+)/i.exec(plan);
  if (m) return `phv:${m[1]}`;
  return `txt:${sha256(plan.replace(/\s+/g, ' ').trim()).slice(0, 16)}`;
}

export interface HashInput {
  sqlText: string;
  analysisType: AnalysisType;
  providerId: string;
  model: string;
  promptVersion: string;
  /** plan/tuning analyses: the plan they looked at (see planKey); ignored for `sql` */
  plan?: string;
  language?: AnalysisLanguage;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** 8 hex chars identifying provider + model: every cache hash of that model starts with it. */
export function modelFingerprint(providerId: string, model: string): string {
  return sha256(`${providerId}\n${model}`).slice(0, 8);
}

/**
 * The cache hash: `{modelFingerprint8}-{sha256}` where the sha256 covers
 * {normalizedSql, analysisType, providerId, model, promptVersion, plan key (plan/tuning), language}.
 * The fingerprint prefix lets one model's entries be found with `tms:llm:*:{fp}-*`.
 */
export function analysisHash(input: HashInput): string {
  const body = JSON.stringify({
    normalizedSql: normalizeSql(input.sqlText),
    analysisType: input.analysisType,
    providerId: input.providerId,
    model: input.model,
    promptVersion: input.promptVersion,
    plan: input.analysisType === 'sql' ? '' : planKey(input.plan),
    language: input.language ?? 'en',
  });
  return `${modelFingerprint(input.providerId, input.model)}-${sha256(body)}`;
}

// ---------------------------------------------------------------------------------------------
// Literal masking

/** Shared across the SQL text and the plan so one literal gets one placeholder everywhere. */
export class LiteralMasker {
  readonly #strings = new Map<string, string>();
  readonly #numbers = new Map<string, string>();

  get count(): number {
    return this.#strings.size + this.#numbers.size;
  }

  string(text: string): string {
    let v = this.#strings.get(text);
    if (!v) {
      v = `:v${this.#strings.size + 1}`;
      this.#strings.set(text, v);
    }
    return v;
  }

  number(text: string): string {
    let v = this.#numbers.get(text);
    if (!v) {
      v = `:n${this.#numbers.size + 1}`;
      this.#numbers.set(text, v);
    }
    return v;
  }

  /**
   * Mask a SQL statement: string literals → `:v1`, numbers → `:n1` (the same literal gets the same name),
   * plain comments dropped (they may carry names), hints kept. Positional numbers after ORDER BY /
   * GROUP BY and row-limit counts (FETCH FIRST n, ROWNUM <= n) are kept: they are not data and masking
   * them would change the statement's meaning.
   */
  maskSql(sql: string): string {
    const tokens = tokenize(sql);
    const ann = annotate(tokens);
    const keepNumber = new Set<number>();
    for (let i = 0; i < ann.length; i++) {
      const t = ann[i]!;
      if (t.kind !== 'number') continue;
      const prev = ann[i - 1];
      const prev2 = ann[i - 2];
      if (t.clause === 'order' || t.clause === 'group') keepNumber.add(t.start);
      if (isWord(prev, 'FIRST', 'NEXT', 'OFFSET', 'TOP')) keepNumber.add(t.start);
      if (prev?.kind === 'op' && /^(<|<=|=)$/.test(prev.text) && isWord(prev2, 'ROWNUM'))
        keepNumber.add(t.start);
    }
    return tokens.map((t) => this.#maskToken(t, keepNumber)).join('');
  }

  /**
   * Mask a DBMS_XPLAN text: literals inside the Predicate Information lines (`2 - access(...)`,
   * `filter(...)`) are masked like SQL; the plan table's numbers (ids, rows, cost) are kept;
   * string literals anywhere are masked.
   */
  maskPlan(plan: string): string {
    const lines = plan.split('\n');
    // DISPLAY_CURSOR starts with the statement itself: "SQL_ID x, child number n" / dashes / SQL text /
    // "Plan hash value: ...". That text is masked like SQL.
    const sqlIdAt = lines.findIndex((l) => /^\s*SQL_ID\s+\S+/i.test(l));
    const phvAt = lines.findIndex((l) => /^\s*Plan hash value:/i.test(l));
    if (sqlIdAt !== -1 && phvAt > sqlIdAt) {
      let from = sqlIdAt + 1;
      if (/^\s*-{3,}\s*$/.test(lines[from] ?? '')) from++;
      const masked = this.maskSql(lines.slice(from, phvAt).join('\n')).split('\n');
      lines.splice(from, phvAt - from, ...masked);
    }
    // the header lines were masked as SQL above; the rest line by line
    const bodyFrom = sqlIdAt !== -1 && phvAt > sqlIdAt ? phvAt : 0;
    return lines
      .map((line, index) => {
        if (index < bodyFrom) return line;
        const m = /^(\s*\d+\s*-\s*(?:access|filter)\s*)(\(.*)$/i.exec(line);
        if (m)
          return (
            m[1] +
            tokenize(m[2]!)
              .map((t) => this.#maskToken(t, new Set()))
              .join('')
          );
        if (!line.includes("'")) return line;
        return tokenize(line)
          .map((t) => (t.kind === 'string' ? this.string(t.text) : t.text))
          .join('');
      })
      .join('\n');
  }

  #maskToken(t: Token, keepNumber: Set<number>): string {
    if (t.kind === 'string') return this.string(t.text);
    if (t.kind === 'number' && !keepNumber.has(t.start)) return this.number(t.text);
    if (t.kind === 'comment') return t.text.startsWith('--') ? '' : ' ';
    return t.text;
  }
}

export function maskLiterals(sql: string): string {
  return new LiteralMasker().maskSql(sql);
}

/** Loopback = the model runs on this machine (Ollama / LM Studio): masking defaults off for these. */
export function isLoopbackUrl(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}
