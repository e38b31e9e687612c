/**
 * Parse DBMS_XPLAN.DISPLAY_CURSOR text (TYPICAL / ALLSTATS) into operations and predicates.
 * Tolerant: unknown columns are ignored, missing ones are null.
 */

export interface PlanOperation {
  id: number;
  /** leading spaces of the Operation cell (DBMS_XPLAN indents one per level) */
  depth: number;
  /** e.g. "TABLE ACCESS FULL", "MERGE JOIN CARTESIAN" */
  operation: string;
  name: string | null;
  /** estimated rows (E-Rows / Rows), K/M/G suffixes expanded */
  rows: number | null;
  /** actual rows (A-Rows) when the plan has them */
  actualRows: number | null;
  cost: number | null;
  hasPredicate: boolean;
  access: string | null;
  filter: string | null;
  /** the raw table line, for evidence */
  line: string;
}

export interface ParsedPlan {
  planHashValue: number | null;
  operations: PlanOperation[];
}

const SUFFIX: Record<string, number> = { K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export function parseCount(cell: string | undefined): number | null {
  if (!cell) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGTPE])?\s*$/i.exec(cell.replace(/\(.*\)/, ''));
  if (!m) return null;
  return Math.round(Number(m[1]) * (m[2] ? SUFFIX[m[2].toUpperCase()]! : 1));
}

export function parsePlan(text: string | undefined): ParsedPlan {
  const result: ParsedPlan = { planHashValue: null, operations: [] };
  if (!text) return result;
  const phv = /Plan hash value:\s*(\d+)/i.exec(text);
  if (phv) result.planHashValue = Number(phv[1]);
  const lines = text.split(/\r?\n/);
  let header: string[] | null = null;
  const byId = new Map<number, PlanOperation>();
  let lastPred: { op: PlanOperation; kind: 'access' | 'filter' } | null = null;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith('|') && trimmed.split('|').length >= 4) {
      const cells = trimmed.slice(1, trimmed.endsWith('|') ? -1 : undefined).split('|');
      const names = cells.map((c) => c.trim().toLowerCase());
      if (names.includes('operation') && names.some((n) => n === 'id')) {
        header = names;
        continue;
      }
      if (!header) continue;
      const col = (n: string) => {
        const i = header!.indexOf(n);
        return i === -1 ? undefined : cells[i];
      };
      const idCell = col('id') ?? '';
      const idm = /^\s*(\*)?\s*(\d+)\s*$/.exec(idCell);
      if (!idm) continue;
      const opCell = col('operation') ?? '';
      const depth = opCell.length - opCell.trimStart().length;
      const op: PlanOperation = {
        id: Number(idm[2]),
        depth: Math.max(0, depth - 1),
        operation: opCell.trim().replace(/\s+/g, ' ').toUpperCase(),
        name: (col('name') ?? '').trim() || null,
        rows: parseCount(col('e-rows') ?? col('rows')),
        actualRows: parseCount(col('a-rows')),
        cost: parseCount(col('cost (%cpu)') ?? col('cost')),
        hasPredicate: Boolean(idm[1]),
        access: null,
        filter: null,
        line: trimmed,
      };
      result.operations.push(op);
      byId.set(op.id, op);
      continue;
    }
    const pm = /^\s*(\d+)\s*-\s*(access|filter)\s*(.*)$/i.exec(line);
    if (pm) {
      const op = byId.get(Number(pm[1]));
      if (op) {
        const kind = pm[2]!.toLowerCase() as 'access' | 'filter';
        op[kind] = op[kind] ? `${op[kind]} ${pm[3]!.trim()}` : pm[3]!.trim();
        lastPred = { op, kind };
      }
      continue;
    }
    // continuation of a wrapped predicate: an indented line right after one
    if (lastPred && /^\s{6,}\S/.test(line) && !/^\s*(Note|Hint|Column Projection|-{3,})/i.test(line)) {
      lastPred.op[lastPred.kind] += ` ${trimmed}`;
      continue;
    }
    lastPred = null;
  }
  return result;
}
