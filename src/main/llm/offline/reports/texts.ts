/** The report's headings and sentences in English and Korean (the findings' texts live with their rules). */
import type { AnalysisLanguage, FindingSeverity } from '@shared/types/llm';
import { fmtRows } from '../format';

export interface ReportText {
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
}

const en: ReportText = {
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
  tableRows: (t, rows) => `${t} (${fmtRows(rows)} rows)`,
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
};

const ko: ReportText = {
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
  tableRows: (t, rows) => `${t} (${fmtRows(rows)}행)`,
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
};

export const REPORT_TEXT: Record<AnalysisLanguage, ReportText> = { en, ko };
