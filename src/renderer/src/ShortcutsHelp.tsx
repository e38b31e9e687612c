import { useTranslation } from 'react-i18next';
import { Modal } from './components/Modal';
import { isMacPlatform, JUMPABLE_VIEWS, shortcutRows } from './shortcuts';
import { VIEWS } from './views/registry';

/** The keyboard shortcuts overlay (`?`, the header's ? button, Help ▸ Keyboard Shortcuts). */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const rows = shortcutRows(isMacPlatform(), VIEWS.length);
  return (
    <Modal title={t('shortcuts.title')} onClose={onClose} testId="shortcuts-dialog">
      <table className="compact-table shortcuts-table" data-testid="shortcuts-list">
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <td className="nowrap">
                {r.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? ' + ' : ''}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(r.label, r.params ?? {})}</td>
            </tr>
          ))}
          {VIEWS.slice(0, JUMPABLE_VIEWS).map((v, i) => (
            <tr key={v.id} className="muted small">
              <td className="nowrap">
                <kbd>{isMacPlatform() ? '⌥' : 'Alt'}</kbd> + <kbd>{i + 1}</kbd>
              </td>
              <td>{t(v.labelKey)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
