/**
 * Names for what the trail stores as codes. Actions are stored with dots (`record.insert`), which
 * i18next would read as nesting, so the catalog keys them with `_`; a code this version does not
 * know (written by a newer app, or by a feature that added a detail) is shown as stored.
 */
import { useTranslation } from 'react-i18next';
import { catalogs, type Catalog } from '../../../../shared/i18n';

type Section = Catalog['audit'];
type ActionKey = keyof Section['actions'];
type EntityKey = keyof Section['entities'];
type ReasonKey = keyof Section['reasons'];
type DetailKey = keyof Section['detailKeys'];
type DetailValue = keyof Section['detailValues'];
type ResidentField = keyof Catalog['residents']['changeFields'];

const has = <T extends object>(table: T, key: string): key is Extract<keyof T, string> => Object.prototype.hasOwnProperty.call(table, key);

/** Bookkeeping that ties an entry to the change log: for support, not for reading in the table. */
export const TECHNICAL_DETAIL = new Set(['changeSeq', 'version', 'changeSeqFrom', 'changeSeqTo', 'changeHash']);

export function useAuditLabels() {
  const { t } = useTranslation();
  const zh = catalogs['zh-CN'];
  return {
    action(action: string): string {
      const key = action.replace(/\./g, '_');
      return has(zh.audit.actions, key) ? t(`audit.actions.${key satisfies ActionKey}`) : action;
    },
    entity(entity: string | null): string {
      if (entity === null) return '';
      return has(zh.audit.entities, entity) ? t(`audit.entities.${entity satisfies EntityKey}`) : entity;
    },
    reason(reason: string): string {
      return has(zh.audit.reasons, reason) ? t(`audit.reasons.${reason satisfies ReasonKey}`) : reason;
    },
    /** A resident's column as the registry form names it; other tables' columns as stored. */
    field(entity: string | null, column: string): string {
      return entity === 'residents' && has(zh.residents.changeFields, column) ? t(`residents.changeFields.${column satisfies ResidentField}`) : column;
    },
    detailKey(key: string): string {
      return has(zh.audit.detailKeys, key) ? t(`audit.detailKeys.${key satisfies DetailKey}`) : key;
    },
    detailValue(key: string, value: unknown): string {
      if (typeof value === 'boolean') return t(`audit.detailValues.${value ? 'yes' : 'no'}`);
      if (key === 'role' && typeof value === 'string' && has(zh.roles, value)) return t(`roles.${value}`);
      if (typeof value === 'string') return has(zh.audit.detailValues, value) ? t(`audit.detailValues.${value satisfies DetailValue}`) : value;
      return JSON.stringify(value);
    },
  };
}
