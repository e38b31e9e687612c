import type { FeatureAccess, PackAccess, PrivilegeReport } from '@shared/types/privileges';

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

/** Why a feature is off or limited, in the UI language, from what the report says (not main's sentence). */
export function featureNote(f: FeatureAccess, r: PrivilegeReport, t: T): string {
  const user = r.user;
  switch (f.feature) {
    case 'diagnostics-pack':
      return r.packAccess.diagnosticsAllowed
        ? `${packAccessText(r.packAccess, t)} ${t('connections:privileges.note.optInOff')}`
        : packAccessText(r.packAccess, t);
    case 'schema-browser':
      return t('connections:privileges.note.schemaLimited');
    case 'ddl-watch':
      return t('connections:privileges.note.ddlLimited');
    case 'kill':
      return t(
        r.kill.available === null
          ? 'connections:privileges.note.killUnchecked'
          : 'connections:privileges.note.killOff',
        { user, what: f.missing.join(', ') || r.kill.method, ...raw },
      );
    default:
      return t('connections:privileges.note.viewsMissing', { user, views: f.missing.join(', '), ...raw });
  }
}
