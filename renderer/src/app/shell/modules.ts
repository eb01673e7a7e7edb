import type { Permission } from '../../../../shared/domain/roles';

/** The modules in the navbar, in the order a clerk meets them. */
export const MODULES = [
  { id: 'residents', path: '/residents', permission: 'records.read' }, // 居民
  { id: 'assistance', path: '/assistance', permission: 'records.read' }, // 社会救助
  { id: 'eldercare', path: '/eldercare', permission: 'records.read' }, // 养老服务
  { id: 'governance', path: '/governance', permission: 'records.read' }, // 基层治理
  { id: 'reports', path: '/reports', permission: 'records.read' }, // 统计报表
  { id: 'sync', path: '/sync', permission: 'office.read' }, // 数据同步
] as const satisfies ReadonlyArray<{ id: string; path: string; permission: Permission }>;

export type ModuleId = (typeof MODULES)[number]['id'];
