/** 导入导出 imports and exports: rosters in from CSV/XLSX (with undo), the register out. */
import { defineFeature } from '../feature';
import { exportsHandlers, importsHandlers } from './service';

export const importsFeature = defineFeature({
  folder: 'imports',
  handlers: { ...importsHandlers, ...exportsHandlers },
  auditActions: ['import', 'import.undo', 'export'],
});
