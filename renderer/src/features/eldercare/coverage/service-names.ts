/** The ten-assistance services by code, named in the language on screen (the office may rename or add them). */
import { useTranslation } from 'react-i18next';
import type { CodeRow } from '../../../../../shared/contract';
import { useContractQuery } from '../../../app/api/queries';
import { currentLanguage } from '../../../app/i18n/i18n';

export interface ServiceNames {
  active: CodeRow[];
  name(code: string): string;
}

export function useServiceNames(): ServiceNames {
  const { i18n } = useTranslation();
  const codes = useContractQuery('eldercare.codes.list', { table: 'service' });
  const rows = codes.data ?? [];
  const english = currentLanguage(i18n) === 'en';
  return {
    active: rows.filter((r) => r.active),
    name: (code) => {
      const row = rows.find((r) => r.code === code);
      return row ? (english ? row.en : row.zh) : code;
    },
  };
}
