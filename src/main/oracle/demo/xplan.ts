/** DBMS_XPLAN.DISPLAY_CURSOR-like text for the demo (format 'TYPICAL'). */

export interface XplanRow {
  id: number;
  depth: number;
  operation: string;
  options: string;
  objectName: string;
  rows: number;
  bytes: number;
  cost: number;
  cpuPct: number;
  timeSec: number;
  access?: string;
  filter?: string;
}

/** Oracle's compact numbers: 8300000 -> '8300K', 962800000 -> '918M' (base 1000 for rows, 1024 for bytes). */
export function compact(n: number, base = 1000): string {
  if (n < 100_000) return String(Math.round(n));
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let i = -1;
  while (v >= 100_000 && i < units.length - 1) {
    v /= base;
    i++;
  }
  return `${Math.round(v)}${units[i]}`;
}

function hms(sec: number): string {
  const s = Math.max(1, Math.round(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return [h, m, r].map((x) => String(x).padStart(2, '0')).join(':');
}

export function wrapSql(text: string, width = 80): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    let line = raw;
    while (line.length > width) {
      out.push(line.slice(0, width));
      line = line.slice(width);
    }
    out.push(line);
  }
  return out;
}

export function formatCursor(
  sqlId: string,
  childNumber: number,
  text: string,
  planHash: number,
  rows: readonly XplanRow[] | null,
  notes: readonly string[] = [],
): string[] {
  const header = `SQL_ID  ${sqlId}, child number ${childNumber}`;
  const lines = [header, '-'.repeat(header.length), ...wrapSql(text), ''];
  if (!rows || rows.length === 0) {
    lines.push(
      `NOTE: cannot fetch plan for SQL_ID: ${sqlId}, CHILD_NUMBER: ${childNumber}`,
      '      Please verify value of SQL_ID and CHILD_NUMBER;',
      '      It could also be that the plan is no longer in cursor cache (check v$sql_plan)',
      '',
    );
    return lines;
  }
  lines.push(`Plan hash value: ${planHash}`, '');
  const cells = rows.map((r) => {
    const pred = r.access || r.filter ? '*' : ' ';
    const top = r.id === 0;
    return {
      id: `${pred}${String(r.id).padStart(3)}`,
      op: `${' '.repeat(r.depth)}${r.operation}${r.options ? ` ${r.options}` : ''}`,
      name: r.objectName,
      rows: top || !r.rows ? '' : compact(r.rows),
      bytes: top || !r.bytes ? '' : compact(r.bytes, 1024),
      cost: top ? `${r.cost} (100)` : r.cost ? `${r.cost}   (${r.cpuPct})` : '',
      time: top || !r.cost ? '' : hms(r.timeSec),
    };
  });
  const w = {
    op: Math.max(9, ...cells.map((c) => c.op.length)),
    name: Math.max(4, ...cells.map((c) => c.name.length)),
    rows: Math.max(5, ...cells.map((c) => c.rows.length)),
    bytes: Math.max(5, ...cells.map((c) => c.bytes.length)),
    cost: Math.max(11, ...cells.map((c) => c.cost.length)),
  };
  const head = `| Id  | ${'Operation'.padEnd(w.op)} | ${'Name'.padEnd(w.name)} | ${'Rows'.padStart(w.rows)} | ${'Bytes'.padStart(w.bytes)} | ${'Cost (%CPU)'.padStart(w.cost)}| Time     |`;
  const rule = '-'.repeat(head.length);
  lines.push(rule, head, rule);
  for (const c of cells) {
    lines.push(
      `|${c.id} | ${c.op.padEnd(w.op)} | ${c.name.padEnd(w.name)} | ${c.rows.padStart(w.rows)} | ${c.bytes.padStart(w.bytes)} | ${c.cost.padStart(w.cost)}| ${c.time.padEnd(8)} |`,
    );
  }
  lines.push(rule, '');
  const preds = rows.filter((r) => r.access || r.filter);
  if (preds.length) {
    lines.push('Predicate Information (identified by operation id):', '-'.repeat(51), '');
    for (const r of preds) {
      const label = `${String(r.id).padStart(4)} - `;
      if (r.access) lines.push(`${label}access(${r.access})`);
      if (r.filter) lines.push(`${r.access ? ' '.repeat(label.length) : label}filter(${r.filter})`);
    }
    lines.push('');
  }
  if (notes.length) {
    lines.push('Note', '-----', ...notes.map((n) => `   - ${n}`), '');
  }
  return lines;
}
