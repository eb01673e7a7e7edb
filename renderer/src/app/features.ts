/**
 * The renderer's registry: one line per feature. The routes, the navbar (in this order), the panels
 * on the resident page and which queries a write to an entity refreshes all come from these
 * features' `feature.tsx` (app/registry/feature.ts says what one declares). Adding a module: its
 * folder under features/ and its line here — for a module still a placeholder, the line that
 * replaces its placeholder.
 */
import { alertsFeature } from '../features/alerts/feature';
import { auditFeature } from '../features/audit/feature';
import { backupFeature } from '../features/backup/feature';
import { eldercareFeature } from '../features/eldercare/feature';
import { homeFeature } from '../features/home/feature';
import { householdsFeature } from '../features/households/feature';
import { importsFeature } from '../features/imports/feature';
import { lockFeature } from '../features/lock/feature';
import { loginFeature } from '../features/login/feature';
import { placeholderFeature } from '../features/modules/feature';
import { residentsFeature } from '../features/residents/feature';
import { settingsFeature } from '../features/settings/feature';
import { setupFeature } from '../features/setup/feature';
import { syncFeature } from '../features/sync/feature';
import type { RendererFeature } from './registry/feature';
import { buildRegistry } from './registry/registry';

export const FEATURES: readonly RendererFeature[] = [
  homeFeature, // 首页
  residentsFeature, // 居民
  householdsFeature, // 户
  importsFeature, // 导入导出
  placeholderFeature('assistance', { permission: 'records.read', residentSlot: 'cases' }), // 社会救助
  eldercareFeature, // 养老服务
  placeholderFeature('governance', { permission: 'records.read', residentSlot: 'visits' }), // 基层治理
  placeholderFeature('reports', { permission: 'records.read' }), // 统计报表
  syncFeature, // 数据报送
  alertsFeature, // 提醒
  auditFeature, // 审计日志
  settingsFeature, // 设置
  backupFeature, // 备份
  setupFeature, // 首次设置
  loginFeature, // 登录
  lockFeature, // 锁屏
];

export const REGISTRY = buildRegistry(FEATURES);
