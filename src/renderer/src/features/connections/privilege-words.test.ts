import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FEATURE_PARTS,
  type FeatureAccess,
  PRIVILEGE_FEATURES,
  type PrivilegeReport,
} from '@shared/types/privileges';
import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { featureNote, partName } from './privilege-words';

const NAMESPACES = ['connections', 'errors', 'space', 'session'] as const;

/** the shipped translations the report's words come from, as the app loads them */
function resources() {
  const load = (lang: string, ns: string) =>
    JSON.parse(readFileSync(join(__dirname, '../../i18n/locales', lang, `${ns}.json`), 'utf8'));
  return Object.fromEntries(
    ['en', 'ko'].map((lang) => [lang, Object.fromEntries(NAMESPACES.map((ns) => [ns, load(lang, ns)]))]),
  );
}

const report = (features: FeatureAccess[]): PrivilegeReport => ({
  connId: 'c1',
  checkedAt: 0,
  user: 'TMS_MONITOR',
  roles: [],
  systemPrivileges: ['CREATE SESSION'],
  views: [],
  dictionary: 'all',
  kill: { method: 'alter-system', available: true },
  sessionsPerUser: null,
  packAccess: { value: 'NONE', diagnosticsAllowed: false, code: 'none', reason: 'NONE' },
  features,
});

describe.each(['en', 'ko'] as const)('the privilege report in %s', (lang) => {
  let t: TFunction;
  beforeAll(async () => {
    const i18n = createInstance();
    await i18n.init({
      resources: resources(),
      lng: lang,
      ns: [...NAMESPACES],
      defaultNS: 'connections',
      interpolation: { escapeValue: false },
      // a missing key shows as itself: caught below
      fallbackLng: false,
      showSupportNotice: false,
    });
    t = i18n.t;
  });

  it('names every feature, the ones added after the report too', () => {
    for (const f of PRIVILEGE_FEATURES) {
      const key = `connections:privileges.features.${f}`;
      expect(t(key), f).not.toBe(`privileges.features.${f}`);
      expect(t(key).trim(), f).not.toBe('');
    }
  });

  it('reuses the names the views themselves carry', () => {
    const nav = JSON.parse(
      readFileSync(join(__dirname, '../../i18n/locales', lang, 'common.json'), 'utf8'),
    ).nav;
    expect(t('connections:privileges.features.space')).toBe(nav.space);
    expect(t('connections:privileges.features.limits')).toBe(nav.limits);
    expect(t('connections:privileges.features.memory-io')).toBe(nav.memoryIo);
    expect(t('connections:privileges.features.alert-log')).toBe(nav.alertLog);
    expect(t('connections:privileges.features.longops')).toBe(nav.longOps);
    expect(t('connections:privileges.features.activity')).toBe(nav.activity);
  });

  it('names every part a limited feature may lose', () => {
    for (const p of FEATURE_PARTS) {
      const name = partName(p, t as never);
      expect(name, p).not.toMatch(/^(space|session|connections):|\.parts\.|^parts\./);
      expect(name.trim(), p).not.toBe('');
    }
  });

  it('a limited view names what it cannot read and what is not shown; an off one says off', () => {
    const space: FeatureAccess = {
      feature: 'space',
      status: 'limited',
      missing: ['DBA_TABLESPACE_USAGE_METRICS'],
      parts: ['tablespaces'],
      grant: 'GRANT SELECT ON SYS.DBA_TABLESPACE_USAGE_METRICS TO TMS_MONITOR;',
      note: '',
    };
    const alert: FeatureAccess = {
      feature: 'alert-log',
      status: 'off',
      missing: ['V$DIAG_ALERT_EXT'],
      grant: 'GRANT SELECT ON SYS.V_$DIAG_ALERT_EXT TO TMS_MONITOR;',
      note: '',
    };
    const r = report([space, alert]);
    const limited = featureNote(space, r, t as never);
    expect(limited).toContain('DBA_TABLESPACE_USAGE_METRICS');
    expect(limited).toContain(t('space:tablespaces'));
    expect(limited).not.toBe(
      t('connections:privileges.note.viewsMissing', { user: 'TMS_MONITOR', views: '' }),
    );
    const off = featureNote(alert, r, t as never);
    expect(off).toBe(
      t('connections:privileges.note.viewsMissing', {
        user: 'TMS_MONITOR',
        views: 'V$DIAG_ALERT_EXT',
        interpolation: { escapeValue: false },
      }),
    );
    expect(off).toContain('V$DIAG_ALERT_EXT');
  });

  it('kill that works without the dialog fresh read says so, not "off"', () => {
    const kill: FeatureAccess = {
      feature: 'kill',
      status: 'limited',
      missing: ['GV$TRANSACTION'],
      parts: ['preview'],
      note: '',
    };
    const note = featureNote(kill, report([kill]), t as never);
    expect(note).toContain('GV$TRANSACTION');
    expect(note).toBe(t('connections:privileges.note.killPreviewLimited', { views: 'GV$TRANSACTION' }));
  });
});
