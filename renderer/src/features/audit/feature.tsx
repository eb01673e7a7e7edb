import { defineFeature } from '../../app/registry/feature';
import { AuditPage } from './audit-page';

/** 审计日志: for those who oversee the work (supervisors, administrators). */
export const auditFeature = defineFeature({
  id: 'audit',
  folder: 'audit',
  routes: [{ path: '/audit', element: <AuditPage /> }],
  nav: { label: 'audit', path: '/audit', permission: 'audit.read' },
  // The trail is not a record table; the page reads it afresh on every visit.
  queries: { 'audit.list': [], 'audit.facets': [] },
});
