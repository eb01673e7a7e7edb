import { Navigate, Route, Routes } from 'react-router';
import { AuditPage } from '../../features/audit/audit-page';
import { HomePage } from '../../features/home/home-page';
import { ImportPage } from '../../features/imports/import-page';
import { ModulePlaceholder } from '../../features/modules/module-placeholder';
import { ResidentsRoutes } from '../../features/residents/routes';
import { SettingsPage } from '../../features/settings/settings-page';
import { MODULES } from './modules';

export function AppRoutes() {
  return (
    <Routes>
      <Route index element={<HomePage />} />
      <Route path="/residents/*" element={<ResidentsRoutes />} />
      {/* Outranks the `/residents/*` splat whatever the order (react-router ranks static paths higher). */}
      <Route path="/residents/import" element={<ImportPage />} />
      {MODULES.filter((m) => m.id !== 'residents').map((m) => (
        <Route key={m.id} path={m.path} element={<ModulePlaceholder module={m.id} />} />
      ))}
      <Route path="/audit" element={<AuditPage />} />
      <Route path="/settings" element={<SettingsPage />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
