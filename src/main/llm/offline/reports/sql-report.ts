/** `sql` analysis: findings on the statement text and an overview of the statement. */
import type { Finding } from '@shared/types/llm';
import type { RuleContext } from '../context';
import { countLine, findingsSection } from './common';
import { REPORT_TEXT } from './texts';

function statementOverview(ctx: RuleContext): string {
  const r = REPORT_TEXT[ctx.language];
  const top = ctx.blocks[0];
  const tables = [
    ...new Set(ctx.blocks.flatMap((b) => b.from.map((f) => f.table).filter((t): t is string => Boolean(t)))),
  ];
  const lines = [
    r.statement(top ? top.kind.toUpperCase() : '?', ctx.blocks.length),
    r.tables(
      tables.length
        ? tables
            .map((t) => {
              const rows = ctx.rowsOf(ctx.table(t));
              return rows === null ? t : r.tableRows(t, rows);
            })
            .join(', ')
        : r.noTables,
    ),
  ];
  const binds = ctx.tokens.filter((t) => t.kind === 'bind').length;
  const literals = ctx.tokens.filter(
    (t) => t.predicate && (t.kind === 'string' || t.kind === 'number'),
  ).length;
  lines.push(r.predicates(binds, literals));
  if (literals > 0 && binds === 0) lines.push(r.literalsOnly);
  return `### ${r.overview}\n\n${lines.join('\n')}`;
}

export function sqlReport(ctx: RuleContext, findings: Finding[]): string {
  const r = REPORT_TEXT[ctx.language];
  return [
    `## ${r.sqlTitle}`,
    `**${r.summary}** ${countLine(r, findings)}`,
    findingsSection(r, findings),
    statementOverview(ctx),
    r.footer,
  ].join('\n\n');
}
