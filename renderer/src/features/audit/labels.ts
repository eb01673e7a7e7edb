/**
 * Names for what the trail stores as codes. Actions are stored with dots (`record.insert`), which
 * i18next would read as nesting, so the catalog keys them with `_`; a code this version does not
 * know (written by a newer app) is shown as stored.
 */
import { useTranslation } from 'react-i18next';
import { catalogs, type Catalog } from '../../../../shared/i18n';

type Section = Catalog['audit'];
type ActionKey = keyof Section['actions'];
type EntityKey = keyof Section['entities'];
type ReasonKey = keyof Section['reasons'];

const has = <T extends object>(table: T, key: string): key is Extract<keyof T, string> => Object.prototype.hasOwnProperty.call(table, key);

export function useAuditLabels() {
  const { t } = useTranslation();
  const zh = catalogs['zh-CN'].audit;
  return {
    action(action: string): string {
      const key = action.replace(/\./g, '_');
      return has(zh.actions, key) ? t(`audit.actions.${key satisfies ActionKey}`) : action;
    },
    entity(entity: string | null): string {
      if (entity === null) return '';
      return has(zh.entities, entity) ? t(`audit.entities.${entity satisfies EntityKey}`) : entity;
    },
    reason(reason: string): string {
      return has(zh.reasons, reason) ? t(`audit.reasons.${reason satisfies ReasonKey}`) : reason;
    },
  };
}
