/**
 * A small checker for the catalog's own SQL style (used by catalog.test.ts): every column reference is
 * qualified by a table alias, aliases come from FROM/JOIN items, and the top-level select list names
 * the output columns. It is not a general SQL parser; it reads exactly the dialect catalog.ts writes.
 */

export interface SqlShape {
  /** alias -> view name (upper case), or 'DERIVED' for an inline view */
  aliases: Map<string, string>;
  /** [alias, column] pairs referenced as alias.column */
  references: [string, string][];
  /** identifiers that are neither keywords, functions, aliases, views, output aliases nor binds */
  unqualified: string[];
  /** output column names of the top-level SELECT */
  outputColumns: string[];
  /** output names of inline views, by alias */
  derivedColumns: Map<string, string[]>;
  binds: string[];
}

const KEYWORDS = new Set(
  `SELECT FROM WHERE AND OR NOT IN IS NULL AS JOIN LEFT RIGHT INNER OUTER CROSS ON ORDER BY DESC ASC GROUP
  HAVING FETCH FIRST NEXT ROWS ROW ONLY CASE WHEN THEN ELSE END COUNT SUM NVL MAX MIN AVG ROUND SUBSTR
  GREATEST LEAST TO_NUMBER SYS_CONTEXT SYSDATE TABLE ROWNUM DISTINCT BETWEEN LIKE EXISTS TRUNC
  SYSTIMESTAMP NUMTODSINTERVAL CAST DATE TIMESTAMP SYS_EXTRACT_UTC TO_CHAR DBTIMEZONE SESSIONTIMEZONE`
    .split(/\s+/)
    .filter(Boolean),
);
const PACKAGES = new Set(['DBMS_XPLAN']);

type Tok = { t: string; up: string };

export function tokenize(sql: string): Tok[] {
  const noStrings = sql.replace(/'(?:[^']|'')*'/g, "''").replace(/--[^\n]*/g, ' ');
  const re = /[A-Za-z_][A-Za-z0-9_$#]*|:[A-Za-z_]\w*|\d+(?:\.\d+)?|''|\S/g;
  return [...noStrings.matchAll(re)].map((m) => ({ t: m[0], up: m[0].toUpperCase() }));
}

const isIdent = (tok: Tok | undefined) => !!tok && /^[A-Za-z_]/.test(tok.t);

/** Split the select list (tokens between SELECT and its FROM at the same depth) into output names. */
function selectListNames(toks: Tok[], selectIdx: number): { names: string[]; fromIdx: number } {
  let depth = 0;
  const items: Tok[][] = [[]];
  let i = selectIdx + 1;
  for (; i < toks.length; i++) {
    const k = toks[i]!;
    if (k.t === '(') depth++;
    if (k.t === ')') depth--;
    if (depth === 0 && k.up === 'FROM') break;
    if (depth === 0 && k.t === ',') {
      items.push([]);
      continue;
    }
    items[items.length - 1]!.push(k);
  }
  const names = items.map((item) => {
    const asIdx = item.findIndex((x, j) => x.up === 'AS' && j === item.length - 2);
    if (asIdx >= 0) return item[asIdx + 1]!.up;
    const last = item[item.length - 1];
    return last?.up ?? '';
  });
  return { names, fromIdx: i };
}

export function analyzeSql(sql: string): SqlShape {
  const toks = tokenize(sql);
  const aliases = new Map<string, string>();
  const derivedColumns = new Map<string, string[]>();
  const references: [string, string][] = [];
  const outputAliases = new Set<string>();
  const binds: string[] = [];

  // output aliases anywhere (AS name)
  toks.forEach((k, i) => {
    if (k.up === 'AS' && isIdent(toks[i + 1])) outputAliases.add(toks[i + 1]!.up);
    if (k.t.startsWith(':')) binds.push(k.t.slice(1));
  });

  // FROM / JOIN items
  for (let i = 0; i < toks.length; i++) {
    const k = toks[i]!;
    if (k.up !== 'FROM' && k.up !== 'JOIN') continue;
    const next = toks[i + 1];
    if (!next) continue;
    if (next.up === 'TABLE' && toks[i + 2]?.t === '(') {
      // TABLE(PKG.FUNC(...)) alias
      const name = `${toks[i + 3]?.up}.${toks[i + 5]?.up}`;
      let depth = 0;
      let j = i + 2;
      for (; j < toks.length; j++) {
        if (toks[j]!.t === '(') depth++;
        if (toks[j]!.t === ')') depth--;
        if (depth === 0) break;
      }
      const alias = toks[j + 1];
      if (isIdent(alias)) aliases.set(alias!.up, name);
      continue;
    }
    if (next.t === '(') {
      // inline view: (SELECT ...) alias
      let depth = 0;
      let j = i + 1;
      for (; j < toks.length; j++) {
        if (toks[j]!.t === '(') depth++;
        if (toks[j]!.t === ')') depth--;
        if (depth === 0) break;
      }
      const alias = toks[j + 1];
      if (isIdent(alias) && toks[i + 2]?.up === 'SELECT') {
        aliases.set(alias!.up, 'DERIVED');
        derivedColumns.set(alias!.up, selectListNames(toks, i + 2).names);
      }
      continue;
    }
    if (isIdent(next)) {
      const alias = toks[i + 2];
      if (isIdent(alias) && !KEYWORDS.has(alias!.up)) aliases.set(alias!.up, next.up);
    }
  }

  const views = new Set(aliases.values());
  const unqualified: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const k = toks[i]!;
    if (!isIdent(k)) continue;
    const prev = toks[i - 1];
    if (prev?.t === '.') continue; // the column / function part of a qualified name
    if (toks[i + 1]?.t === '.') {
      if (PACKAGES.has(k.up)) continue;
      const col = toks[i + 2];
      if (col) references.push([k.up, col.up]);
      continue;
    }
    if (KEYWORDS.has(k.up) || aliases.has(k.up) || views.has(k.up) || outputAliases.has(k.up)) continue;
    unqualified.push(k.up);
  }

  const firstSelect = toks.findIndex((k) => k.up === 'SELECT');
  const outputColumns = firstSelect >= 0 ? selectListNames(toks, firstSelect).names : [];
  return { aliases, references, unqualified, outputColumns, derivedColumns, binds: [...new Set(binds)] };
}
