import { describe, expect, it } from 'vitest';
import {
  analysisHash,
  isLoopbackUrl,
  LiteralMasker,
  maskLiterals,
  modelFingerprint,
  normalizeSql,
  planKey,
} from './normalize';
import { tokenize } from './sql-lexer';

describe('normalizeSql', () => {
  it('folds whitespace and keyword/identifier case', () => {
    const a = normalizeSql('SELECT id,name\n  FROM   emp\tWHERE deptno=10');
    const b = normalizeSql('select ID , NAME from EMP where DEPTNO = 10;');
    expect(a).toBe(b);
    expect(a).toBe('SELECT ID , NAME FROM EMP WHERE DEPTNO = 10');
  });

  it('leaves string literals and quoted identifiers intact', () => {
    expect(normalizeSql(`select "MixedCase" from t where name = 'King  Kong'`)).toBe(
      `SELECT "MixedCase" FROM T WHERE NAME = 'King  Kong'`,
    );
    expect(normalizeSql("select 1 from t where a = 'abc'")).not.toBe(
      normalizeSql("select 1 from t where a = 'ABC'"),
    );
    expect(normalizeSql('select "a" from t')).not.toBe(normalizeSql('select "A" from t'));
    expect(normalizeSql("select q'[it's]' from dual")).toBe("SELECT Q'[it's]' FROM DUAL");
    expect(normalizeSql("select 'it''s' from dual")).toBe("SELECT 'it''s' FROM DUAL");
  });

  it('drops plain comments but keeps hints', () => {
    expect(normalizeSql('select /* who wrote this */ a from t -- trailing\n')).toBe('SELECT A FROM T');
    expect(normalizeSql('select /*+ index(t  t_ix) */ a from t')).toBe(
      'SELECT /*+ INDEX(T T_IX) */ A FROM T',
    );
    expect(normalizeSql('select /*+ full(t) */ a from t')).not.toBe(normalizeSql('select a from t'));
  });

  it('keeps bind names, case-folded', () => {
    expect(normalizeSql('select a from t where b = :bind1')).toBe(
      normalizeSql('SELECT A FROM T WHERE B = :BIND1'),
    );
  });
});

describe('analysisHash', () => {
  const base = {
    sqlText: 'select * from emp where id = :1',
    analysisType: 'sql' as const,
    providerId: 'openai-compatible:http://localhost:11434/v1',
    model: 'llama3.1',
    promptVersion: 'p1',
  };

  it('same SQL modulo whitespace and case → same hash; prefixed with the model fingerprint', () => {
    const h = analysisHash(base);
    expect(h).toMatch(/^[0-9a-f]{8}-[0-9a-f]{64}$/);
    expect(analysisHash({ ...base, sqlText: 'SELECT *\n FROM EMP\n WHERE ID=:1' })).toBe(h);
    expect(h.startsWith(`${modelFingerprint(base.providerId, base.model)}-`)).toBe(true);
  });

  it('type, provider, model and prompt version each change it', () => {
    const h = analysisHash(base);
    expect(analysisHash({ ...base, analysisType: 'tuning' })).not.toBe(h);
    expect(analysisHash({ ...base, providerId: 'openai-compatible:https://api.example.com/v1' })).not.toBe(h);
    expect(analysisHash({ ...base, model: 'qwen2.5-coder' })).not.toBe(h);
    expect(analysisHash({ ...base, promptVersion: 'p2' })).not.toBe(h);
    expect(analysisHash({ ...base, language: 'ko' })).not.toBe(h);
  });

  it('plan/tuning analyses key on the plan hash value; sql analyses ignore the plan', () => {
    const p1 = 'Plan hash value: 111\n| Id | Operation |';
    const p2 = 'Plan hash value: 222\n| Id | Operation |';
    expect(analysisHash({ ...base, plan: p1 })).toBe(analysisHash({ ...base, plan: p2 }));
    const plan = { ...base, analysisType: 'plan' as const };
    expect(analysisHash({ ...plan, plan: p1 })).not.toBe(analysisHash({ ...plan, plan: p2 }));
    expect(analysisHash({ ...plan, plan: `${p1}\n  extra   spaces` })).toBe(
      analysisHash({ ...plan, plan: `${p1}\nother text` }),
    );
    expect(planKey(undefined)).toBe('');
    expect(planKey('no hash here')).toMatch(/^txt:/);
  });
});

describe('literal masking', () => {
  it('masks strings and numbers, same literal → same placeholder', () => {
    expect(maskLiterals("select * from emp where ename = 'KING' and sal > 5000 or ename = 'KING'")).toBe(
      'select * from emp where ename = :v1 and sal > :n1 or ename = :v1',
    );
  });

  it('keeps identifiers with digits, binds, ORDER BY positions and row limits', () => {
    expect(
      maskLiterals('select t1.c2 from t1 where c3 = :b1 and rownum <= 10 order by 1 fetch first 5 rows only'),
    ).toBe('select t1.c2 from t1 where c3 = :b1 and rownum <= 10 order by 1 fetch first 5 rows only');
  });

  it('masks q-quoted and national strings, drops comments, keeps hints', () => {
    expect(
      maskLiterals("select /*+ full(e) */ a -- customer 4711\nfrom e where n = N'x' and q = q'[it's]'"),
    ).toBe('select /*+ full(e) */ a \nfrom e where n = :v1 and q = :v2');
  });

  it('masks the statement text DISPLAY_CURSOR prints above the plan', () => {
    const m = new LiteralMasker();
    const plan = m.maskPlan(
      [
        'SQL_ID  7h35uxf5uhmm1, child number 0',
        '-------------------------------------',
        "select * from accounts where account_no = 1234567 and owner = 'KIM'",
        '',
        'Plan hash value: 3956160932',
        '',
        '|*  1 |  TABLE ACCESS FULL| ACCOUNTS |     1 |    38 |     3   (0)|',
      ].join('\n'),
    );
    expect(plan).toContain('select * from accounts where account_no = :n1 and owner = :v1');
    expect(plan).toContain('SQL_ID  7h35uxf5uhmm1, child number 0');
    expect(plan).toContain('Plan hash value: 3956160932');
    expect(plan).toContain('|*  1 |  TABLE ACCESS FULL| ACCOUNTS |     1 |    38 |     3   (0)|');
  });

  it('masks plan predicates but not the plan table, sharing names with the SQL', () => {
    const m = new LiteralMasker();
    const sql = m.maskSql("select * from emp where ename = 'KING' and deptno = 10");
    const plan = m.maskPlan(
      [
        '|*  1 |  TABLE ACCESS FULL| EMP |     1 |    38 |     3   (0)|',
        '   1 - filter(("ENAME"=\'KING\' AND "DEPTNO"=10))',
      ].join('\n'),
    );
    expect(sql).toBe('select * from emp where ename = :v1 and deptno = :n1');
    expect(plan).toContain('|*  1 |  TABLE ACCESS FULL| EMP |     1 |    38 |     3   (0)|');
    expect(plan).toContain('   1 - filter(("ENAME"=:v1 AND "DEPTNO"=:n1))');
    expect(m.count).toBe(2);
  });
});

describe('lexer and loopback detection', () => {
  it('tokenizes operators, binds and numbers', () => {
    const kinds = tokenize('a<=:x||1.5e3').map((t) => `${t.kind}:${t.text}`);
    expect(kinds).toEqual(['word:a', 'op:<=', 'bind::x', 'op:||', 'number:1.5e3']);
  });

  it('loopback = local model (masking off by default)', () => {
    expect(isLoopbackUrl('http://localhost:11434/v1')).toBe(true);
    expect(isLoopbackUrl('http://127.0.0.1:1234/v1')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:1234/v1')).toBe(true);
    expect(isLoopbackUrl('http://192.168.1.20:11434/v1')).toBe(false);
    expect(isLoopbackUrl('https://api.openai.com/v1')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });
});
