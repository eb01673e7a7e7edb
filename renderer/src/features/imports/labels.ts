/** Names for what imports report as codes: fields of a row issue, Excel column letters. */
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, type ImportField } from '../../../../shared/contract/imports';

const isImportField = (field: string): field is ImportField => (IMPORT_FIELDS as readonly string[]).includes(field);

/** A row issue's field as the clerk knows the column; `household` is about the row's household. */
export function useFieldLabel() {
  const { t } = useTranslation();
  return (field: string): string => {
    if (field === 'household') return t('imports.columns.householdKey');
    return isImportField(field) ? t(`imports.columns.${field}`) : field;
  };
}

/** 0 → A, 25 → Z, 26 → AA: how Excel names the column, which is how clerks find it. */
export function columnLetter(column: number): string {
  let n = column + 1;
  let name = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    name = String.fromCharCode(65 + rest) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** The file's name without its folder and extension, for naming files made from it. */
export function fileStem(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** The file's name without its folder. */
export function fileName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
