import { Navigate, Route, Routes } from 'react-router';
import { HomePage } from '../../features/home/home-page';
import { ModulePlaceholder } from '../../features/modules/module-placeholder';
import { SettingsPage } from '../../features/settings/settings-page';
import { MODULES } from './modules';

export function AppRoutes() {
  return (
    <Routes>
      <Route index element={<HomePage />} />
      {MODULES.map((m) => (
        <Route key={m.id} path={m.path} element={<ModulePlaceholder module={m.id} />} />
      ))}
      <Route path="/settings" element={<SettingsPage />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
