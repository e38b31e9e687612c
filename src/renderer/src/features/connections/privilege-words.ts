import type { FeatureAccess, FeaturePart, PackAccess, PrivilegeReport } from '@shared/types/privileges';

type T = (key: string, params?: Record<string, unknown>) => string;
const raw = { interpolation: { escapeValue: false } };

/** CONTROL_MANAGEMENT_PACK_ACCESS in the UI language (errors.json `pack.<code>`; main's English for old answers). */
export function packAccessText(access: PackAccess, t: T): string {
  if (!access.code) return access.reason;
  return t(`errors:pack.${access.code}`, {
    value: access.value ?? '',
    grant: access.grant ?? '',
    raw: access.raw ?? '',
    ...raw,
  });
}

/** A part's name where its view already words it (the same words the DBA sees there). */
const PART_KEYS: Record<FeaturePart, string> = {
  tablespaces: 'space:tablespaces',
  'recovery-area': 'space:recoveryArea',
  asm: 'space:asm',
  temp: 'space:temp',
  waits: 'session:parts.waits',
  stats: 'session:parts.stats',
  cursors: 'session:parts.cursors',
  locks: 'session:parts.locks',
  transaction: 'session:parts.transaction',
  objects: 'session:parts.objects',
  window: 'connections:privileges.parts.window',
  instances: 'connections:privileges.parts.instances',
  containers: 'connections:privileges.parts.containers',
  preview: 'connections:privileges.parts.preview',
};

export function partName(part: FeaturePart, t: T): string {
  return t(PART_KEYS[part]);
}

/** Why a feature is off or limited, in the UI language, from what the report says (not main's sentence). */
export function featureNote(f: FeatureAccess, r: PrivilegeReport, t: T): string {
  const user = r.user;
  const views = f.missing.join(', ');
  switch (f.feature) {
    case 'diagnostics-pack':
      // opted in where the database allows it, but ASH's own view is not granted
      if (r.packAccess.diagnosticsAllowed && f.missing.length > 0)
        return t('connections:privileges.note.viewsMissing', { user, views, ...raw });
      return r.packAccess.diagnosticsAllowed
        ? `${packAccessText(r.packAccess, t)} ${t('connections:privileges.note.optInOff')}`
        : packAccessText(r.packAccess, t);
    case 'schema-browser':
      return t('connections:privileges.note.schemaLimited');
    case 'ddl-watch':
      return t('connections:privileges.note.ddlLimited');
    case 'kill':
      if (f.status === 'limited')
        return t('connections:privileges.note.killPreviewLimited', { views, ...raw });
      return t(
        r.kill.available === null
          ? 'connections:privileges.note.killUnchecked'
          : 'connections:privileges.note.killOff',
        { user, what: views || r.kill.method, ...raw },
      );
    default:
      if (f.status === 'limited') {
        const parts = (f.parts ?? []).map((p) => partName(p, t)).join(', ');
        return t('connections:privileges.note.viewsLimited', { user, views, parts, ...raw });
      }
      return t('connections:privileges.note.viewsMissing', { user, views, ...raw });
  }
}
