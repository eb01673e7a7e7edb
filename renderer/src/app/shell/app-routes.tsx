import { Navigate, Route, Routes } from 'react-router';
import { useRegistry } from '../registry/registry-context';

/** The registered features' pages (app/features.ts); any other address goes home. */
export function AppRoutes() {
  const { routes } = useRegistry();
  return (
    <Routes>
      {routes.map((route) =>
        'index' in route ? <Route key="(index)" index element={route.element} /> : <Route key={route.path} path={route.path} element={route.element} />,
      )}
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
